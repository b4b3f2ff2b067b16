// Kernel journal records (design principles 6 and 10): the kernel appends every input it takes from the
// edges and every command it issues, BEFORE acting on it, to a src/journal Journal. Types 0x0900-0x09FF
// belong to the kernel (0x0600-0x06FF are the OMS's own records when a JournaledOms is used instead).
// Payloads: little-endian float64 fields (all values are safe integers), `now` first: the kernel clock
// reading at which the record was handled, so a replay sets a SimClock to it and every decision repeats.
//   START    now: the kernel was built (its strategies set their first timers at this time)
//   FEED     now, then the raw market-data message bytes (ITCH 5.0, type byte first)
//   EXEC     now event execId clOrdId origClOrdId orderId lastQty lastPx fee reason
//   TIMERS   now: the kernel fired the timers due at `now`
//   SUBMIT   now clOrdId strategy instrument side qty px tif      (written before risk, OMS and port)
//   CANCEL   now requestId clOrdId strategy
//   REPLACE  now newClOrdId clOrdId strategy qty px
// Replay (./replay.ts) builds the fresh kernel at START's time, then feeds FEED/EXEC/TIMERS back into a fresh kernel whose venue port is the null port;
// the strategies regenerate the commands, which are compared one by one with the SUBMIT/CANCEL/REPLACE
// records (a difference means the kernel is not deterministic: a bug).

export const K_RECORD_BASE = 0x0900;
export const K_START = 0x0900;
export const K_FEED = 0x0901;
export const K_EXEC = 0x0902;
export const K_TIMERS = 0x0903;
export const K_SUBMIT = 0x0911;
export const K_CANCEL = 0x0912;
export const K_REPLACE = 0x0913;
