// FIX session settings in YAML (issue 3, item 5): one zod schema, QuickFIX key names (the ones
// users know from QuickFIX .cfg files), a `default` block merged into each entry of `sessions`.
// Errors name file:line:column (design principle 8). The validated object is what constructors
// take; nothing here reads the environment. Cold path.
//
//   default:
//     ConnectionType: acceptor
//     SenderCompID: ISLD
//     SocketAcceptPort: 5001
//     ResetOnLogon: Y
//     DataDictionary: ../shared/data/quickfix/spec/FIX44.xml
//   sessions:
//     - { BeginString: FIX.4.4, TargetCompID: TW44 }

import { z } from 'zod';
import { parseDocument, LineCounter, isMap, isSeq, type Node } from 'yaml';
import { resolve, dirname } from 'node:path';
import type { FixDictionary } from './dictionary/dictionary.js';
import { defaultSessionConfig, type SessionConfig } from './session/types.js';
import type { FsyncPolicy } from './session/file-store.js';

const yn = z.union([z.boolean(), z.enum(['Y', 'N', 'y', 'n'])]).transform((v) => v === true || v === 'Y' || v === 'y');
const time = z.string().regex(/^\d{2}:\d{2}:\d{2}$/, 'expected HH:MM:SS (UTC)').transform((s) => {
  const [h, m, x] = s.split(':').map(Number);
  return h * 3600 + m * 60 + x;
});
const port = z.number().int().min(1).max(65535);

const sessionFields = {
  BeginString: z.enum(['FIX.4.2', 'FIX.4.4']),
  SenderCompID: z.string().min(1),
  TargetCompID: z.string().min(1),
  ConnectionType: z.enum(['acceptor', 'initiator']),
  HeartBtInt: z.number().int().min(0).default(30),
  ResetOnLogon: yn.default(false),
  ResetOnLogout: yn.default(false),
  ResetOnDisconnect: yn.default(false),
  UseDataDictionary: yn.default(true),
  DataDictionary: z.string().min(1).optional(),
  CheckLatency: yn.default(true),
  MaxLatency: z.number().int().positive().default(120),
  LogonTimeout: z.number().int().positive().default(10),
  LogoutTimeout: z.number().int().positive().default(2),
  MillisecondsInTimeStamp: yn.default(true),
  StartTime: time.optional(),
  EndTime: time.optional(),
  SocketAcceptHost: z.string().default('0.0.0.0'),
  SocketAcceptPort: port.optional(),
  SocketConnectHost: z.string().optional(),
  SocketConnectPort: port.optional(),
  ReconnectInterval: z.number().positive().default(30),
  SocketUseSSL: yn.default(false),
  FileStorePath: z.string().optional(),
  FsyncPolicy: z.enum(['none', 'batch', 'every']).default('batch'),
  Username: z.string().optional(),
  Password: z.string().optional(),
  SocketCertificateFile: z.string().optional(),
  /** Initiator: CA certificate(s) to verify the acceptor with (PEM); default: the system's. */
  SocketCAFile: z.string().optional(),
  SocketVerifyPeer: yn.default(true),
  SocketPrivateKeyFile: z.string().optional(),
};

const SessionSchema = z
  .object(sessionFields)
  .strict()
  .superRefine((s, ctx) => {
    if ((s.StartTime === undefined) !== (s.EndTime === undefined)) ctx.addIssue({ code: 'custom', message: 'StartTime and EndTime go together', path: ['StartTime'] });
    if (s.ConnectionType === 'acceptor' && s.SocketAcceptPort === undefined) ctx.addIssue({ code: 'custom', message: 'an acceptor needs SocketAcceptPort', path: ['SocketAcceptPort'] });
    if (s.ConnectionType === 'initiator' && (s.SocketConnectHost === undefined || s.SocketConnectPort === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an initiator needs SocketConnectHost and SocketConnectPort', path: ['SocketConnectHost'] });
    }
    if (s.ConnectionType === 'acceptor' && s.SocketUseSSL && (s.SocketCertificateFile === undefined || s.SocketPrivateKeyFile === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an SSL acceptor needs SocketCertificateFile and SocketPrivateKeyFile', path: ['SocketUseSSL'] });
    }
    if (s.UseDataDictionary && s.DataDictionary === undefined) ctx.addIssue({ code: 'custom', message: 'UseDataDictionary=Y needs DataDictionary (a QuickFIX XML path)', path: ['DataDictionary'] });
  });

export type FixSessionSettings = z.output<typeof SessionSchema>;

const FileSchema = z.object({ default: z.record(z.string(), z.unknown()).optional(), sessions: z.array(z.record(z.string(), z.unknown())).min(1) }).strict();

export class FixSettingsError extends Error {}

function locate(doc: ReturnType<typeof parseDocument>, lc: LineCounter, path: Array<string | number>): string {
  let node: unknown = doc.contents;
  let last: Node | null = (doc.contents as Node | null) ?? null;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
    if (node && typeof node === 'object' && 'range' in (node as object)) last = node as Node;
  }
  const off = last?.range?.[0] ?? 0;
  const p = lc.linePos(off);
  return `${p.line}:${p.col}`;
}

/** Parses and validates settings text; `file` names it in errors; paths resolve against its folder. */
export function parseFixSettings(text: string, file = 'fix.yaml'): FixSessionSettings[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const p = lc.linePos(e.pos[0]);
    throw new FixSettingsError(`${file}:${p.line}:${p.col}: ${e.message}`);
  }
  const raw = FileSchema.safeParse(doc.toJS());
  if (!raw.success) {
    const is = raw.error.issues[0];
    throw new FixSettingsError(`${file}:${locate(doc, lc, is.path as Array<string | number>)}: ${is.path.join('.')}: ${is.message}`);
  }
  const base = dirname(resolve(file));
  return raw.data.sessions.map((entry, i) => {
    const merged = { ...(raw.data.default ?? {}), ...entry };
    const r = SessionSchema.safeParse(merged);
    if (!r.success) {
      const is = r.error.issues[0];
      const key = String(is.path[0] ?? '');
      const inEntry = key !== '' && Object.prototype.hasOwnProperty.call(entry, key);
      const where = inEntry ? ['sessions', i, key] : key !== '' && raw.data.default && key in raw.data.default ? ['default', key] : ['sessions', i];
      throw new FixSettingsError(`${file}:${locate(doc, lc, where)}: sessions[${i}]${key ? `.${key}` : ''}: ${is.message}`);
    }
    const s = r.data;
    return {
      ...s,
      DataDictionary: s.DataDictionary !== undefined ? resolve(base, s.DataDictionary) : undefined,
      FileStorePath: s.FileStorePath !== undefined ? resolve(base, s.FileStorePath) : undefined,
      SocketCertificateFile: s.SocketCertificateFile !== undefined ? resolve(base, s.SocketCertificateFile) : undefined,
      SocketPrivateKeyFile: s.SocketPrivateKeyFile !== undefined ? resolve(base, s.SocketPrivateKeyFile) : undefined,
      SocketCAFile: s.SocketCAFile !== undefined ? resolve(base, s.SocketCAFile) : undefined,
    };
  });
}

/** The SessionConfig a FixSession takes, from validated settings (dictionaries via `load`). */
export function toSessionConfig(s: FixSessionSettings, load: (path: string) => FixDictionary): SessionConfig {
  return {
    ...defaultSessionConfig,
    beginString: s.BeginString,
    senderCompId: s.SenderCompID,
    targetCompId: s.TargetCompID,
    initiator: s.ConnectionType === 'initiator',
    heartBtInt: s.HeartBtInt,
    resetOnLogon: s.ResetOnLogon,
    resetOnLogout: s.ResetOnLogout,
    resetOnDisconnect: s.ResetOnDisconnect,
    dictionary: s.UseDataDictionary && s.DataDictionary !== undefined ? load(s.DataDictionary) : null,
    maxLatencySec: s.CheckLatency ? s.MaxLatency : 0,
    logonTimeoutSec: s.LogonTimeout,
    logoutTimeoutSec: s.LogoutTimeout,
    millis: s.MillisecondsInTimeStamp,
    schedule: s.StartTime !== undefined && s.EndTime !== undefined ? { startSec: s.StartTime, endSec: s.EndTime } : null,
    username: s.Username ?? null,
    password: s.Password ?? null,
  };
}

export function storeOptions(s: FixSessionSettings): { dir: string; name: string; fsync: FsyncPolicy } | null {
  if (s.FileStorePath === undefined) return null;
  return { dir: s.FileStorePath, name: `${s.BeginString}-${s.SenderCompID}-${s.TargetCompID}`, fsync: s.FsyncPolicy };
}
