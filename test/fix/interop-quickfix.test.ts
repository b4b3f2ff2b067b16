// Acceptance (issue 3): interop with real QuickFIX (Debian's libquickfix-doc example executor and a client
// written on libquickfix-dev, src/fix/interop/qf-client.cpp), both directions, 1,000 orders each way, every
// execution reconciled on both sides, and a SIGKILL + restart of the peer process with >= 100 messages in
// flight. The packages are installed by scripts/install-system-deps.sh (part of .ci/run).
import { describe, expect, it } from 'vitest';
import { hftbot, lastJson, sharedData } from '../cli/helpers.js';

interface InteropJson {
  ok: boolean;
  executor: { ok: boolean; orders: number; filled: number; unfilled: number; badFills: number; unansweredAtKill: number; reconnects: number; problems: string[] };
  client: { ok: boolean; orders: number; filledAtClient: number; receivedByUs: number; inFlightAtKill: number; problems: string[] };
}

describe('QuickFIX interop', () => {
  it('trades 1,000 orders each way through a kill and restart', async () => {
    const r = await hftbot(['fix', 'interop', '--json', '--orders', '1000', '--in-flight', '150', '--spec-dir', `${sharedData}quickfix/spec`]);
    expect(r.code, r.stderr + r.stdout.slice(-2000)).toBe(0);
    const j = lastJson<InteropJson>(r.stdout);
    expect(j.executor.problems).toEqual([]);
    expect(j.client.problems).toEqual([]);
    expect(j.executor).toMatchObject({ ok: true, orders: 1000, filled: 1000, unfilled: 0, badFills: 0 });
    expect(j.executor.unansweredAtKill).toBeGreaterThanOrEqual(100);
    expect(j.executor.reconnects).toBeGreaterThanOrEqual(1);
    expect(j.client).toMatchObject({ ok: true, orders: 1000, filledAtClient: 1000, receivedByUs: 1000 });
    expect(j.client.inFlightAtKill).toBeGreaterThanOrEqual(100);
    expect(j.ok).toBe(true);
  }, 300_000);
});
