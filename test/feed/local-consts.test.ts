// The ITCH book handler keeps module-local copies of the imported constants its hot path uses (V8 folds a
// module's own unexported consts, not imported ones): each copy must equal the constant it copies.

import { describe, expect, it } from 'vitest';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { BOOK_HANDLER_CONSTS } from '../../src/feed/itch/book-handler.js';
import { ITCH_LENGTH } from '../../src/feed/itch/layouts.js';
import { ItchStatus, U64_HI_LIMIT } from '../../src/feed/itch/status.js';

describe('book handler constant copies', () => {
  it('match the defining modules', () => {
    const c = BOOK_HANDLER_CONSTS;
    expect(c.LEN).toBe(ITCH_LENGTH);
    expect(c.HI_LIMIT).toBe(U64_HI_LIMIT);
    expect([c.BID, c.ASK]).toEqual([SIDE_BID, SIDE_ASK]);
    expect({ Ok: c.OK, Truncated: c.TRUNCATED, UnknownType: c.UNKNOWN_TYPE, BadLength: c.BAD_LENGTH, Malformed: c.MALFORMED, ValueTooLarge: c.TOO_LARGE }).toEqual(ItchStatus);
  });
});
