// The plain reference twin of the decoder (design principle 10): string splitting, no offsets,
// no tricks. Tests run both over the same inputs and compare; it is never used on a live path.

export interface RefField {
  tag: number;
  value: string;
}

export type RefResult = { ok: true; fields: RefField[] } | { ok: false; reason: string };

function checksum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i);
  return sum % 256;
}

/** Decodes one framed message (no data fields) the obvious way. */
export function referenceDecode(msg: string): RefResult {
  if (!msg.endsWith('\x01')) return { ok: false, reason: 'MissingSoh' };
  const parts = msg.slice(0, -1).split('\x01');
  const fields: RefField[] = [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) return { ok: false, reason: 'TagWithoutEquals' };
    const t = p.slice(0, eq);
    if (!/^-?\d{1,9}$/.test(t)) return { ok: false, reason: 'BadTag' };
    fields.push({ tag: Number(t), value: p.slice(eq + 1) });
  }
  if (fields.length < 3 || fields[0].tag !== 8 || fields[1].tag !== 9 || fields[2].tag !== 35) {
    return { ok: false, reason: 'HeaderOutOfOrder' };
  }
  if (!/^\d+$/.test(fields[1].value)) return { ok: false, reason: 'BadBodyLength' };
  const body = parts.filter((_p, i) => fields[i].tag !== 8 && fields[i].tag !== 9 && fields[i].tag !== 10);
  const bodyLen = body.reduce((n, p) => n + p.length + 1, 0);
  if (Number(fields[1].value) !== bodyLen) return { ok: false, reason: 'BodyLengthMismatch' };
  const cs = fields.find((f) => f.tag === 10);
  if (!cs) return { ok: false, reason: 'MissingCheckSum' };
  if (!/^-?\d+$/.test(cs.value)) return { ok: false, reason: 'BadCheckSum' };
  const summed = parts.filter((_p, i) => fields[i].tag !== 10).reduce((s, p) => s + p + '\x01', '');
  if (Number(cs.value) !== checksum(summed)) return { ok: false, reason: 'CheckSumMismatch' };
  return { ok: true, fields };
}

/** Builds a well-formed message from body fields (after 8 and 9), computing 9 and 10. */
export function referenceEncode(beginString: string, body: RefField[]): string {
  const b = body.map((f) => `${f.tag}=${f.value}\x01`).join('');
  const head = `8=${beginString}\x019=${b.length}\x01`;
  const cs = checksum(head + b);
  return `${head}${b}10=${String(cs).padStart(3, '0')}\x01`;
}
