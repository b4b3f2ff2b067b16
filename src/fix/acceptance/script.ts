// QuickFIX acceptance-test script (.def) handling, as QuickFIX's Ruby runner does it
// (test/Reflector.rb, Comparator.rb): line parsing, <TIME> macros, BodyLength/CheckSum filling
// ("fixify": only when the line lacks them, so scripts can send wrong ones on purpose) and the
// field-by-field comparison with regex patterns for time and checksum fields (fields.fmt).

import { formatUtcTimestamp } from '../codec/time.js';

export type Step =
  | { kind: 'connect' | 'disconnect' | 'expectConnect' | 'expectDisconnect'; cid: number; line: number }
  | { kind: 'send' | 'expect'; cid: number; line: number; text: string };

/** Parses a script; message bodies keep their macros (expanded when the step runs). */
export function parseScript(src: string): Step[] {
  const steps: Step[] = [];
  src.split('\n').forEach((raw, idx) => {
    const line = raw.replace(/\r$/, '');
    const lineNo = idx + 1;
    if (line.length === 0 || line[0] === '#') return;
    let cid = 1;
    let body: string;
    if (/^[IEie]\d,/.test(line)) {
      cid = line.charCodeAt(1) - 48;
      body = line.slice(3);
    } else body = line.slice(1);
    const c = line[0];
    if (c === 'I') steps.push({ kind: 'send', cid, line: lineNo, text: body });
    else if (c === 'E') steps.push({ kind: 'expect', cid, line: lineNo, text: body });
    else if (c === 'i' || c === 'e') {
      const act = body.trim();
      if (act !== 'CONNECT' && act !== 'DISCONNECT') throw new Error(`line ${lineNo}: syntax error: ${body}`);
      const kind = c === 'i' ? (act === 'CONNECT' ? 'connect' : 'disconnect') : act === 'CONNECT' ? 'expectConnect' : 'expectDisconnect';
      steps.push({ kind, cid, line: lineNo });
    } else throw new Error(`line ${lineNo}: syntax error: ${line}`);
  });
  return steps;
}

/** Replaces <TIME>, <TIME+n>, <TIME-n> with UTC "YYYYMMDD-HH:MM:SS" (nowMs: Unix ms). */
export function timeify(msg: string, nowMs: number): string {
  return msg.replace(/<TIME(?:([+-])(\d+))?>/g, (_m, op: string | undefined, n: string | undefined) => {
    const dt = op === undefined ? 0 : (op === '+' ? 1 : -1) * Number(n) * 1000;
    return formatUtcTimestamp(nowMs + dt, false);
  });
}

function sum8(s: string): number {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s.charCodeAt(i);
  return t % 256;
}

/** Inserts BodyLength after 8= and appends CheckSum, each only when the message lacks it. */
// Built from strings: the patterns contain SOH, which lint rightly flags in regex literals.
const SOH = String.fromCharCode(1);
const HAS_LENGTH = new RegExp(`${SOH}9=.*?${SOH}`);
const HEAD = new RegExp(`^8=.*?${SOH}`);
const CHECKSUM = new RegExp(`${SOH}10=.*${SOH}$`);

export function fixify(message: string): string {
  const hasLength = HAS_LENGTH.test(message);
  const hm = HEAD.exec(message);
  if (!hm) return message;
  const head = hm[0];
  let rest = message.slice(head.length);
  const cm = CHECKSUM.exec(rest);
  let checksum = cm ? cm[0].slice(1) : null;
  if (cm) rest = rest.slice(0, cm.index + 1);
  const length = hasLength ? '' : `9=${rest.length}\x01`;
  if (checksum === null) checksum = `10=${String(sum8(head + length + rest)).padStart(3, '0')}\x01`;
  return head + length + rest + checksum;
}

/** Ruby String#split semantics: trailing empty strings dropped. */
function rsplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export class Comparator {
  private readonly patterns = new Map<number, RegExp>();
  constructor(fmt: string) {
    for (const line of fmt.split('\n')) {
      const l = line.replace(/\r$/, '');
      if (l.length === 0) continue;
      const [tag, re] = l.split('=');
      this.patterns.set(Number(tag), new RegExp(re));
    }
  }

  static readonly defaultFormat = '10=\\d{1,3}\n52=\\d{8}-\\d{2}:\\d{2}:\\d{2}\n';

  /** Null when equal, else the reason QuickFIX's Comparator gives. */
  compare(expected: string, actual: string): string | null {
    const l = rsplit(expected, '\x01');
    const r = rsplit(actual, '\x01');
    if (l.length !== r.length) return 'Number of fields do not match';
    for (let i = 0; i < l.length; i++) {
      const lf = rsplit(l[i], '=');
      const rf = rsplit(r[i], '=');
      if (lf[0] !== rf[0]) return `Expected field (${lf[0]}) but found field (${rf[0]})`;
      const re = this.patterns.get(Number.parseInt(lf[0] ?? '', 10));
      if (re === undefined) {
        if (lf[1] !== rf[1]) return `Value in field (${lf[0]}) should be (${lf[1]}) but was (${rf[1]})`;
      } else if (rf[1] === undefined || !re.test(rf[1])) {
        return `Field (${lf[0]}) does not match pattern`;
      }
    }
    return null;
  }
}
