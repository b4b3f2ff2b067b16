// Runs QuickFIX .def scripts against an acceptor, with the semantics of QuickFIX's Ruby runner
// (test/Runner.rb, ReflectorClient.rb, FixParser.rb): a script fails at its first failing line;
// `E` reads one message (up to "<SOH>9=", the length, that many bytes, then up to the next SOH) and
// compares it; `eDISCONNECT` needs the peer to close within 10 s without sending anything more.
// Scripts sharing a folder share sessions and run one after another; folders run in parallel.
// I/O edge (network client): timeouts use the live-clock timers of src/clock/live.ts.

import { connect, type Socket } from 'node:net';
import { readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setLiveTimeout, clearLiveTimer, wallMs } from '../../clock/live.js';
import { parseScript, timeify, fixify, Comparator } from './script.js';

export interface ScriptResult {
  name: string;
  pass: boolean;
  reason: string;
  ms: number;
}

class Conn {
  private buf: Buffer = Buffer.alloc(0);
  private eof = false;
  private waiter: (() => void) | null = null;
  constructor(readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
      this.wake();
    });
    sock.on('end', () => {
      this.eof = true;
      this.wake();
    });
    sock.on('close', () => {
      this.eof = true;
      this.wake();
    });
    sock.on('error', () => {
      this.eof = true;
      this.wake();
    });
  }
  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
  /** Waits until `ready()` holds, EOF, or the timeout; returns whether ready() holds. */
  private async until(ready: () => boolean, ms: number): Promise<boolean> {
    const deadline = wallMs() + ms;
    while (!ready() && !this.eof) {
      const left = deadline - wallMs();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const t = setLiveTimeout(() => {
          this.waiter = null;
          resolve();
        }, left);
        this.waiter = () => {
          clearLiveTimer(t);
          resolve();
        };
      });
    }
    return ready();
  }

  async readFixMessage(timeoutMs: number): Promise<string> {
    if (this.buf.length === 0 && this.eof) throw new Error('Was disconnected, expected data');
    const frameEnd = (): number => {
      const s = this.buf.toString('latin1');
      const p = s.indexOf('\x019=');
      if (p < 0) return -1;
      const le = s.indexOf('\x01', p + 3);
      if (le < 0) return -1;
      const len = Number(s.slice(p + 3, le));
      if (!Number.isInteger(len)) throw new Error(`bad BodyLength ${s.slice(p + 3, le)}`);
      const b = le + 1 + len;
      if (s.length < b) return -1;
      const e = s.indexOf('\x01', b);
      return e < 0 ? -1 : e + 1;
    };
    if (!(await this.until(() => frameEnd() >= 0, timeoutMs))) {
      if (this.eof) throw new Error('Was disconnected, expected data');
      throw new Error(`No message received within ${timeoutMs / 1000} s`);
    }
    const e = frameEnd();
    const m = this.buf.toString('latin1', 0, e);
    this.buf = this.buf.subarray(e);
    return m;
  }

  async waitDisconnect(timeoutMs: number): Promise<void> {
    await this.until(() => this.buf.length > 0, timeoutMs);
    if (this.buf.length > 0) throw new Error(`Expected disconnection, got data: ${this.buf.toString('latin1').split('\x01').join('|')}`);
    if (!this.eof) throw new Error('Connection hangs after ten seconds.');
  }

  write(s: string): void {
    this.sock.write(Buffer.from(s, 'latin1'));
  }

  async close(): Promise<void> {
    if (this.sock.destroyed) return;
    await new Promise<void>((resolve) => {
      this.sock.once('close', () => resolve());
      this.sock.end();
      this.sock.destroy();
    });
  }
}

function open(host: string, port: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port }, () => {
      s.removeListener('error', reject);
      s.setNoDelay(true);
      resolve(new Conn(s));
    });
    s.once('error', reject);
  });
}

export interface RunOptions {
  host: string;
  port: number;
  /** Milliseconds an `E` line waits for its message (QuickFIX's runner waits forever). */
  expectTimeoutMs?: number;
  /** Called between scripts so the server has processed the previous script's disconnects. */
  settle?: () => Promise<void>;
}

/** Runs one script; never throws. */
export async function runScript(path: string, opts: RunOptions, name = path): Promise<ScriptResult> {
  const t0 = wallMs();
  const fmtPath = [join(dirname(path), 'fields.fmt'), join(dirname(path), '..', 'fields.fmt')].find((p) => existsSync(p));
  const cmp = new Comparator(fmtPath ? readFileSync(fmtPath, 'latin1') : Comparator.defaultFormat);
  const conns = new Map<number, Conn>();
  let lineNo = 0;
  try {
    const steps = parseScript(readFileSync(path, 'latin1'));
    if (!steps.some((s) => s.kind === 'connect' || s.kind === 'expectConnect')) throw new Error('Test definition did not contain iCONNECT or eCONNECT');
    for (const st of steps) {
      lineNo = st.line;
      if (st.kind === 'connect') conns.set(st.cid, await open(opts.host, opts.port));
      else if (st.kind === 'disconnect') {
        await conns.get(st.cid)?.close();
        conns.delete(st.cid);
      } else if (st.kind === 'expectDisconnect') {
        const c = conns.get(st.cid);
        if (!c) throw new Error('no connection');
        await c.waitDisconnect(10_000);
      } else if (st.kind === 'expectConnect') {
        throw new Error('eCONNECT (initiator tests) is not supported');
      } else if (st.kind === 'send' || st.kind === 'expect') {
        const msg = fixify(timeify(st.text, wallMs()));
        const c = conns.get(st.cid);
        if (st.kind === 'send') {
          if (!c) throw new Error('Unable to send message because connection was dropped');
          c.write(msg);
        } else {
          if (!c) throw new Error('no connection');
          const got = await c.readFixMessage(opts.expectTimeoutMs ?? 30_000);
          const why = cmp.compare(msg, got);
          if (why !== null) throw new Error(`${why}\n    expected: ${msg.split('\x01').join('|')}\n    received: ${got.split('\x01').join('|')}`);
        }
      }
    }
    return { name, pass: true, reason: '', ms: wallMs() - t0 };
  } catch (err) {
    return { name, pass: false, reason: `line ${lineNo}: ${(err as Error).message}`, ms: wallMs() - t0 };
  } finally {
    for (const c of conns.values()) await c.close();
    if (opts.settle) await opts.settle();
  }
}

/** Expands files and folders into .def files (sorted, as a shell glob would). */
export function expandScripts(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      const entries = readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const sub = entries.filter((e) => e.isDirectory()).map((e) => join(p, e.name));
      out.push(...entries.filter((e) => e.isFile() && e.name.endsWith('.def')).map((e) => join(p, e.name)));
      out.push(...expandScripts(sub));
    } else out.push(p);
  }
  return out;
}

/** Display name: "<folder>/<file>" (fix42/2b_MsgSeqNumTooHigh.def). */
export function scriptName(path: string): string {
  return `${basename(dirname(path))}/${basename(path)}`;
}

/**
 * Runs scripts grouped by folder: each group in order on `targets[k]`; groups spread over the
 * targets and run in parallel. Results come back in input order.
 */
export async function runScripts(files: string[], targets: RunOptions[], onResult?: (r: ScriptResult) => void): Promise<ScriptResult[]> {
  const groups = new Map<string, number[]>();
  files.forEach((f, i) => {
    const g = dirname(f);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(i);
  });
  // split each folder into one shard per target: sessions of different servers are independent
  const shards: Array<{ target: RunOptions; idx: number[] }> = [];
  let t = 0;
  for (const idx of groups.values()) {
    const per = targets.length;
    const buckets: number[][] = Array.from({ length: per }, () => []);
    idx.forEach((i, k) => buckets[k % per].push(i));
    for (const b of buckets) if (b.length > 0) shards.push({ target: targets[t++ % per], idx: b });
  }
  // shards on the same target but different folders may run together; same folder never does
  const results: ScriptResult[] = new Array(files.length);
  await Promise.all(shards.map(async (sh) => {
    for (const i of sh.idx) {
      const r = await runScript(files[i], sh.target, scriptName(files[i]));
      results[i] = r;
      onResult?.(r);
    }
  }));
  return results;
}
