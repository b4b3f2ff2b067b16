import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { RefBooks } from '../../src/book/reference.js';
import { benchLobster, syntheticLobsterMessages } from '../../src/feed/lobster/index.js';

describe('LOBSTER benchmark', () => {
  it('runs on a tiny synthetic input; fast and reference books see the same stream', () => {
    const buf = syntheticLobsterMessages(3_000, 5);
    const a = benchLobster(buf, () => new L3Books(), 1);
    const b = benchLobster(buf, () => new RefBooks(), 1);
    expect(a.messages).toBe(3_000);
    expect(a.checksum).toBe(b.checksum);
    expect(a.messagesPerSecond).toBeGreaterThan(0);
  });
});
