import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, truncateSync, appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, crc32 } from '../../src/fix/session/file-store.js';
import { Pair, dict44 } from './harness.js';

const msg = (i: number) => Buffer.from(`8=FIX.4.4\x019=5\x0135=D\x0134=${i}\x0110=000\x01`, 'latin1');

describe('FileStore', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('recovers sequence numbers and messages after reopening, for every fsync policy', () => {
    for (const fsync of ['none', 'batch', 'every'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'fixstore-'));
      try {
        const a = new FileStore({ dir, name: 's', fsync });
        for (let i = 1; i <= 20; i++) a.set(i, msg(i));
        a.setNextTargetSeq(7);
        a.close(); // (a kill -9 would skip close: writes are synchronous, see the torn-tail test)
        const b = new FileStore({ dir, name: 's', fsync });
        expect(b.nextSenderSeq()).toBe(21);
        expect(b.nextTargetSeq()).toBe(7);
        expect(b.get(5, 6).map(([s, m]) => [s, m.toString('latin1')])).toEqual([[5, msg(5).toString('latin1')], [6, msg(6).toString('latin1')]]);
        expect(b.truncatedBytes).toBe(0);
        b.reset();
        b.close();
        const c = new FileStore({ dir, name: 's', fsync });
        expect([c.nextSenderSeq(), c.nextTargetSeq(), c.get(1, 100).length]).toEqual([1, 1, 0]);
        c.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('cuts a torn or corrupt tail back to the last good record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixstore-'));
    try {
      const a = new FileStore({ dir, name: 's', fsync: 'none' });
      for (let i = 1; i <= 3; i++) a.set(i, msg(i));
      a.close();
      const full = statSync(a.path).size;
      truncateSync(a.path, full - 5); // crash in the middle of writing message 3
      appendFileSync(a.path, Buffer.from([1, 2, 3]));
      const b = new FileStore({ dir, name: 's' });
      expect(b.nextSenderSeq()).toBe(3);
      expect(b.get(1, 10).map(([s]) => s)).toEqual([1, 2]);
      expect(b.truncatedBytes).toBeGreaterThan(0);
      b.set(3, msg(3));
      b.close();
      // a flipped payload byte fails the CRC: replay stops before that record
      const bytes = readFileSync(a.path);
      bytes[bytes.length - 3] ^= 0xff;
      writeFileSync(a.path, bytes);
      const c = new FileStore({ dir, name: 's' });
      expect(c.nextSenderSeq()).toBe(3);
      c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a restarted session continue its sequence numbers and resend what it sent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixstore-'));
    try {
      const store = new FileStore({ dir, name: 'acc', fsync: 'every' });
      const p = new Pair({ heartBtInt: 30 }, dict44, store);
      p.connect();
      p.order('R1');
      p.order('R2');
      expect(store.nextTargetSeq()).toBe(4);
      const sent = store.nextSenderSeq();
      // "kill -9": no close, no logout; a new process opens the same file
      const again = new FileStore({ dir, name: 'acc' });
      expect(again.nextTargetSeq()).toBe(4);
      expect(again.nextSenderSeq()).toBe(sent);
      expect(again.get(1, 1)[0][1].toString('latin1')).toContain('35=A');
      again.close();
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
