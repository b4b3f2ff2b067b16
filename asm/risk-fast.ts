// The risk engine's fast path in WebAssembly (AssemblyScript; built by `npm run build` into
// build/risk-fast.wasm, loaded by src/risk/engine.ts). fast() is what check() did in JavaScript after
// validation: it proves, straight-line, that every check passes for an order (OFF limits read as
// +Infinity) and books it (accept: order row, free list, best prices, queues, open exposure, the four
// window records, both duplicate rings and filter, the PnL peaks, the packed audit accept). It returns 0
// when it booked the order and a non-zero doubt code when it could not prove it, having modified NOTHING:
// the engine then runs exact() and its JS accept(), the documented evaluation. So this file can only be
// wrong by being slow (test/risk/property.test.ts compares the engine with an independent oracle).
// All arrays live in the engine's one WebAssembly.Memory (src/risk/arena.ts); init() and setWin() pass
// their byte offsets. The layout constants below are copies of the TypeScript ones (limits.ts F_*,
// positions.ts S_/X_/I_, orders.ts O_* and cells, window.ts W_*, audit.ts record and cells, engine.ts
// duplicate rings); test/risk/layout.test.ts compares them via layout().
// Integers: every index fits int32 (the engine guards table sizes at construction); doubles stay doubles.

const F_MAX_QTY = 0, F_MAX_N = 1, F_COLLAR = 2, F_REQ_REF = 3, F_REF_AGE = 4, F_POS_QTY = 5, F_POS_N = 6, F_GROSS = 7;
const F_NET = 8, F_CREDIT = 9, F_OPEN = 10, F_DUP_WIN = 13, F_LOSS = 14, F_DD = 15, F_STP = 17, NL = 18;
const S_REALIZED = 0, S_FEES = 1, S_OPEN_N = 2, S_OPEN_BUY_N = 3, S_OPEN_SELL_N = 4, S_OPEN_COUNT = 5, S_PEAK = 6;
const S_POS_VALUE = 7, S_GROSS = 8, S_COST_VALUE = 9, S_COST_ABS = 10;
const X_POS = 0, X_OPEN_BUY_QTY = 3, X_OPEN_SELL_QTY = 4, X_OPEN_BUY_N = 5, X_OPEN_SELL_N = 6;
const I_MULT = 0, I_REF_PX = 1, I_REF_TS = 2, I_LAST_FILL = 3;
const OW = 16, O_ID = 0, O_STRAT = 1, O_ACCT = 2, O_INST = 3, O_SIDE = 4, O_MKT = 5, O_PX = 6, O_LEAVES = 7, O_ACKED = 8;
const O_LIVE = 9, O_SEQ = 10;
const C_FREE_TOP = 0, C_SEQ = 1, C_NPEND = 2, C_NIDPEND = 3, C_MAXID = 4;
const W_BASE = 0, W_CAP = 1, W_HEAD = 2, W_ROW = 3;
const DUP_RING = 16, DW = 8, D_IS = 0, D_QTY = 2, D_PX = 3, D_TS = 4, DUP_BUCKETS = 4096, DUP_SEQ_MASK = 0xffff;
const A_HEAD = 0, A_WRITTEN = 1, A_FIELDS = 16, A_META = 7;
const MAX_SAFE: f64 = 9007199254740991.0;

/** The constants above by name, for test/risk/layout.test.ts (k: index in LAYOUT_NAMES there). */
export function layout(k: i32): i32 {
  switch (k) {
    case 0: return F_MAX_QTY; case 1: return F_MAX_N; case 2: return F_COLLAR; case 3: return F_REQ_REF;
    case 4: return F_REF_AGE; case 5: return F_POS_QTY; case 6: return F_POS_N; case 7: return F_GROSS;
    case 8: return F_NET; case 9: return F_CREDIT; case 10: return F_OPEN; case 11: return F_DUP_WIN;
    case 12: return F_LOSS; case 13: return F_DD; case 14: return F_STP; case 15: return NL;
    case 16: return S_REALIZED; case 17: return S_FEES; case 18: return S_OPEN_N; case 19: return S_OPEN_BUY_N;
    case 20: return S_OPEN_SELL_N; case 21: return S_OPEN_COUNT; case 22: return S_PEAK; case 23: return S_POS_VALUE;
    case 24: return S_GROSS; case 25: return S_COST_VALUE; case 26: return S_COST_ABS; case 27: return X_POS;
    case 28: return X_OPEN_BUY_QTY; case 29: return X_OPEN_SELL_QTY; case 30: return X_OPEN_BUY_N; case 31: return X_OPEN_SELL_N;
    case 32: return I_MULT; case 33: return I_REF_PX; case 34: return I_REF_TS; case 35: return I_LAST_FILL;
    case 36: return OW; case 37: return O_ID; case 38: return O_STRAT; case 39: return O_ACCT; case 40: return O_INST;
    case 41: return O_SIDE; case 42: return O_MKT; case 43: return O_PX; case 44: return O_LEAVES; case 45: return O_ACKED;
    case 46: return O_LIVE; case 47: return O_SEQ; case 48: return C_FREE_TOP; case 49: return C_SEQ; case 50: return C_NPEND;
    case 51: return C_NIDPEND; case 52: return C_MAXID; case 53: return W_BASE; case 54: return W_CAP; case 55: return W_HEAD;
    case 56: return W_ROW; case 57: return DUP_RING; case 58: return DW; case 59: return D_IS; case 60: return D_QTY;
    case 61: return D_PX; case 62: return D_TS; case 63: return DUP_BUCKETS; case 64: return A_HEAD; case 65: return A_WRITTEN;
    case 66: return A_FIELDS; case 67: return A_META;
  }
  return -1;
}

// byte offsets of the arrays (see init)
let LF: usize = 0, BLK: usize = 0, DL: usize = 0, D: usize = 0, DN: usize = 0, S: usize = 0, X: usize = 0, I: usize = 0;
let ROW: usize = 0, FREE: usize = 0, BEST: usize = 0, PEND: usize = 0, IDP: usize = 0, OC: usize = 0, AD: usize = 0, AC: usize = 0;
let WTS: usize = 0, WM: usize = 0, WU: usize = 0, WW: usize = 0;
let nS: i32 = 0, nI: i32 = 0, nSc: i32 = 0, nSI: i32 = 0;
let amask: i64 = 0;

@inline function ld(b: usize, k: i32): f64 { return load<f64>(b + (<usize>k << 3)); }
@inline function st(b: usize, k: i32, v: f64): void { store<f64>(b + (<usize>k << 3), v); }
@inline function ldi(b: usize, k: i32): i32 { return load<i32>(b + (<usize>k << 2)); }
@inline function sti(b: usize, k: i32, v: i32): void { store<i32>(b + (<usize>k << 2), v); }
/** JavaScript's ToInt32 of an integer below 2^63 in magnitude (here: safe integers and -1). */
@inline function toInt32(x: f64): u32 { return <u32><i64>x; }

/** Byte offsets of the engine's arrays (src/risk/arena.ts) and its dimensions. */
export function init(lf: usize, blk: usize, dl: usize, d: usize, dn: usize, s: usize, x: usize, i: usize,
  row: usize, free: usize, best: usize, pend: usize, idp: usize, oc: usize, ad: usize, ac: usize,
  auditSlots: i32, strategies: i32, instruments: i32, scopes: i32): void {
  LF = lf; BLK = blk; DL = dl; D = d; DN = dn; S = s; X = x; I = i;
  ROW = row; FREE = free; BEST = best; PEND = pend; IDP = idp; OC = oc; AD = ad; AC = ac;
  amask = <i64>(auditSlots - 1);
  nS = strategies; nI = instruments; nSc = scopes; nSI = scopes * instruments;
}

/** The sliding windows' arrays (replaced by setLimits). */
export function setWin(ts: usize, meta: usize, until: usize, win: usize): void {
  WTS = ts; WM = meta; WU = until; WW = win;
}

/** Is an equal order among scope s's last DUP_RING accepted, inside window w? (engine.ts dupIn) */
function dupIn(s: i32, is: f64, qty: f64, px0: f64, t: f64, w: f64): bool {
  for (let j = s * DUP_RING * DW, e = j + DUP_RING * DW; j < e; j += DW) {
    if (ld(D, j + D_PX) == px0 && ld(D, j + D_QTY) == qty && ld(D, j + D_IS) == is && t - ld(D, j + D_TS) < w) return true;
  }
  return false;
}

/** The duplicate filter: scope s's ring may hold an entry of bucket hb (engine.ts dupHit). */
@inline function dupHit(s: i32, hb: i32): bool {
  return ((ldi(DN, s) - <i32>load<u16>(DL + (<usize>(s * DUP_BUCKETS + hb) << 1))) & DUP_SEQ_MASK) < DUP_RING;
}

/** SlidingWindows.record of one event at t in window row `w`. */
@inline function record(w: i32, t: f64): void {
  const wr = w * W_ROW, wc = ldi(WM, wr + W_CAP);
  if (wc > 0) {
    let wh = ldi(WM, wr + W_HEAD);
    const wb = ldi(WM, wr + W_BASE);
    st(WTS, wb + wh, t + ld(WW, w));
    wh++;
    if (wh == wc) wh = 0;
    sti(WM, wr + W_HEAD, wh);
    st(WU, w, ld(WTS, wb + wh));
  }
}

/**
 * A validated order (engine.ts check(): ids in range, side 0/1, market 0/1, qty, price and clOrdId safe
 * integers) of strategy scope ss and account scope as: 0 = every check passed and the order is booked;
 * else nothing was modified. idRoom: the id table's capacity minus its size.
 */
export function fast(ss: i32, as: i32, i: i32, side: i32, qty: f64, price: f64, market: i32, id: f64, t: f64, hedge: f64, idRoom: i32): i32 {
  const xs = ss * nI + i, xa = as * nI + i;
  if ((load<u8>(BLK + <usize>xs) | load<u8>(BLK + <usize>xa)) != 0) return 1;
  if (t < ld(WU, ss + 2 * nSc) || t < ld(WU, as + 2 * nSc)) return 2;
  // an id above every id so far is unknown (OpenOrders.known); one below needs the id table: exact()
  if (!(id > ld(OC, C_MAXID))) return 3;
  const ft = <i32>ld(OC, C_FREE_TOP), nip = <i32>ld(OC, C_NIDPEND);
  if (ft == 0 || nip >= idRoom) return 4;
  const mkt = market != 0;
  const rs = ss * NL, ra = as * NL;
  const px0 = mkt ? -1.0 : price;
  const hb = <i32>(((toInt32(px0) * <u32>0x9e3779b1) ^ (toInt32(qty) * <u32>0x85ebca6b) ^ (<u32>((i << 1) | side) * <u32>0xc2b2ae35)) >> 20);
  const is = <f64>((i << 1) | side);
  const wS = ld(LF, rs + F_DUP_WIN), wA = ld(LF, ra + F_DUP_WIN);
  if (wS != Infinity && dupHit(ss, hb) && dupIn(ss, is, qty, px0, t, wS)) return 5;
  if (wA != Infinity && dupHit(as, hb) && dupIn(as, is, qty, px0, t, wA)) return 5;
  if (t < ld(WU, ss + nSc) || t < ld(WU, as + nSc) || t < ld(WU, ss) || t < ld(WU, as)) return 6;
  const rlS = ld(S, S_REALIZED * nSc + ss) - ld(S, S_FEES * nSc + ss), rlA = ld(S, S_REALIZED * nSc + as) - ld(S, S_FEES * nSc + as);
  const pvS = ld(S, S_POS_VALUE * nSc + ss), pvA = ld(S, S_POS_VALUE * nSc + as);
  const pnlS = rlS + pvS - ld(S, S_COST_VALUE * nSc + ss), pnlA = rlA + pvA - ld(S, S_COST_VALUE * nSc + as);
  const pk0S = ld(S, S_PEAK * nSc + ss), pk0A = ld(S, S_PEAK * nSc + as);
  const pkS = pnlS > pk0S ? pnlS : pk0S, pkA = pnlA > pk0A ? pnlA : pk0A;
  if (-pnlS >= ld(LF, rs + F_LOSS) || -pnlA >= ld(LF, ra + F_LOSS) || pkS - pnlS >= ld(LF, rs + F_DD) || pkA - pnlA >= ld(LF, ra + F_DD)) return 7;
  const ref = ld(I, I_REF_PX * nI + i), age = t - ld(I, I_REF_TS * nI + i);
  const reqS = ld(LF, rs + F_REQ_REF) == 1, reqA = ld(LF, ra + F_REQ_REF) == 1;
  if ((mkt || reqS || reqA) && ref <= 0) return 8;
  if ((mkt || reqS) && age > ld(LF, rs + F_REF_AGE)) return 8;
  if ((mkt || reqA) && age > ld(LF, ra + F_REF_AGE)) return 8;
  const px = mkt ? ref : price;
  const mult = ld(I, I_MULT * nI + i);
  const newN = px * qty * mult;
  if (!(abs<f64>(newN) <= MAX_SAFE && trunc<f64>(newN) == newN)) return 9;
  if (!mkt) {
    const dev = (px > ref ? px - ref : ref - px) * 10000;
    if (dev > ld(LF, rs + F_COLLAR) * ref || dev > ld(LF, ra + F_COLLAR) * ref) return 10;
  }
  if (qty > ld(LF, rs + F_MAX_QTY) || qty > ld(LF, ra + F_MAX_QTY) || newN > ld(LF, rs + F_MAX_N) || newN > ld(LF, ra + F_MAX_N)) return 11;
  if (ld(S, S_OPEN_COUNT * nSc + ss) + 1 > ld(LF, rs + F_OPEN) || ld(S, S_OPEN_COUNT * nSc + as) + 1 > ld(LF, ra + F_OPEN)) return 12;
  const buy = side == 0, mark = ref > 0 ? ref : ld(I, I_LAST_FILL * nI + i);
  const posS = ld(X, X_POS * nSI + xs), posA = ld(X, X_POS * nSI + xa), posNS = posS * mark * mult, posNA = posA * mark * mult;
  if (buy) {
    if (posS + ld(X, X_OPEN_BUY_QTY * nSI + xs) + qty > ld(LF, rs + F_POS_QTY) || posA + ld(X, X_OPEN_BUY_QTY * nSI + xa) + qty > ld(LF, ra + F_POS_QTY)) return 13;
    if (posNS + ld(X, X_OPEN_BUY_N * nSI + xs) + newN > ld(LF, rs + F_POS_N) || posNA + ld(X, X_OPEN_BUY_N * nSI + xa) + newN > ld(LF, ra + F_POS_N)) return 13;
  } else {
    if (ld(X, X_OPEN_SELL_QTY * nSI + xs) + qty - posS > ld(LF, rs + F_POS_QTY) || ld(X, X_OPEN_SELL_QTY * nSI + xa) + qty - posA > ld(LF, ra + F_POS_QTY)) return 13;
    if (ld(X, X_OPEN_SELL_N * nSI + xs) + newN - posNS > ld(LF, rs + F_POS_N) || ld(X, X_OPEN_SELL_N * nSI + xa) + newN - posNA > ld(LF, ra + F_POS_N)) return 13;
  }
  const onS = ld(S, S_OPEN_N * nSc + ss), onA = ld(S, S_OPEN_N * nSc + as);
  if (ld(S, S_GROSS * nSc + ss) + onS + newN > ld(LF, rs + F_GROSS) || ld(S, S_GROSS * nSc + as) + onA + newN > ld(LF, ra + F_GROSS)) return 14;
  const netS = buy ? pvS + ld(S, S_OPEN_BUY_N * nSc + ss) + newN : ld(S, S_OPEN_SELL_N * nSc + ss) + newN - pvS;
  const netA = buy ? pvA + ld(S, S_OPEN_BUY_N * nSc + as) + newN : ld(S, S_OPEN_SELL_N * nSc + as) + newN - pvA;
  if (netS > ld(LF, rs + F_NET) || netA > ld(LF, ra + F_NET)) return 15;
  if (ld(S, S_COST_ABS * nSc + ss) + onS + (rlS < 0 ? -rlS : 0) + newN > ld(LF, rs + F_CREDIT) || ld(S, S_COST_ABS * nSc + as) + onA + (rlA < 0 ? -rlA : 0) + newN > ld(LF, ra + F_CREDIT)) return 16;
  const opp = buy ? 1 : 0;
  if (ld(LF, rs + F_STP) == 1) {
    const b = ld(BEST, xs * 2 + opp);
    if (buy ? (mkt ? b < Infinity : b <= px) : (mkt ? b > -Infinity : b >= px)) return 17;
  }
  if (ld(LF, ra + F_STP) == 1) {
    const b = ld(BEST, xa * 2 + opp);
    if (buy ? (mkt ? b < Infinity : b <= px) : (mkt ? b > -Infinity : b >= px)) return 17;
  }
  // ---- every check passed: book the order (engine.ts accept(), the same stores) ----
  st(S, S_PEAK * nSc + ss, pkS);
  st(S, S_PEAK * nSc + as, pkA);
  // OpenOrders.add + claim (the id is above maxId: queued for the table)
  const slot = ldi(FREE, ft - 1);
  st(OC, C_FREE_TOP, <f64>(ft - 1));
  sti(IDP, nip, slot);
  st(OC, C_NIDPEND, <f64>(nip + 1));
  st(OC, C_MAXID, id);
  const r = slot * OW, seq = ld(OC, C_SEQ);
  st(ROW, r + O_ID, id);
  st(ROW, r + O_STRAT, <f64>ss);
  st(ROW, r + O_ACCT, <f64>as);
  st(ROW, r + O_INST, <f64>i);
  st(ROW, r + O_SIDE, <f64>side);
  st(ROW, r + O_MKT, mkt ? 1 : 0);
  st(ROW, r + O_PX, px);
  st(ROW, r + O_LEAVES, qty);
  st(ROW, r + O_ACKED, 0);
  st(ROW, r + O_LIVE, 1);
  st(ROW, r + O_SEQ, seq);
  st(OC, C_SEQ, seq + 1);
  if (!mkt) { // OpenOrders.enlist
    const l0 = xs * 2 + side, l1 = xa * 2 + side;
    if (side == 0) {
      if (px > ld(BEST, l0)) st(BEST, l0, px);
      if (px > ld(BEST, l1)) st(BEST, l1, px);
    } else {
      if (px < ld(BEST, l0)) st(BEST, l0, px);
      if (px < ld(BEST, l1)) st(BEST, l1, px);
    }
    const np = <i32>ld(OC, C_NPEND);
    sti(PEND, np, slot);
    st(OC, C_NPEND, <f64>(np + 1));
  }
  // Positions.openDelta(+1)
  const dn = qty * px * mult;
  if (buy) {
    st(X, X_OPEN_BUY_QTY * nSI + xs, ld(X, X_OPEN_BUY_QTY * nSI + xs) + qty);
    st(X, X_OPEN_BUY_QTY * nSI + xa, ld(X, X_OPEN_BUY_QTY * nSI + xa) + qty);
    st(X, X_OPEN_BUY_N * nSI + xs, ld(X, X_OPEN_BUY_N * nSI + xs) + dn);
    st(X, X_OPEN_BUY_N * nSI + xa, ld(X, X_OPEN_BUY_N * nSI + xa) + dn);
    st(S, S_OPEN_BUY_N * nSc + ss, ld(S, S_OPEN_BUY_N * nSc + ss) + dn);
    st(S, S_OPEN_BUY_N * nSc + as, ld(S, S_OPEN_BUY_N * nSc + as) + dn);
  } else {
    st(X, X_OPEN_SELL_QTY * nSI + xs, ld(X, X_OPEN_SELL_QTY * nSI + xs) + qty);
    st(X, X_OPEN_SELL_QTY * nSI + xa, ld(X, X_OPEN_SELL_QTY * nSI + xa) + qty);
    st(X, X_OPEN_SELL_N * nSI + xs, ld(X, X_OPEN_SELL_N * nSI + xs) + dn);
    st(X, X_OPEN_SELL_N * nSI + xa, ld(X, X_OPEN_SELL_N * nSI + xa) + dn);
    st(S, S_OPEN_SELL_N * nSc + ss, ld(S, S_OPEN_SELL_N * nSc + ss) + dn);
    st(S, S_OPEN_SELL_N * nSc + as, ld(S, S_OPEN_SELL_N * nSc + as) + dn);
  }
  st(S, S_OPEN_N * nSc + ss, ld(S, S_OPEN_N * nSc + ss) + dn);
  st(S, S_OPEN_N * nSc + as, ld(S, S_OPEN_N * nSc + as) + dn);
  st(S, S_OPEN_COUNT * nSc + ss, ld(S, S_OPEN_COUNT * nSc + ss) + 1);
  st(S, S_OPEN_COUNT * nSc + as, ld(S, S_OPEN_COUNT * nSc + as) + 1);
  // order and message windows of both scopes
  record(ss, t);
  record(as, t);
  record(ss + nSc, t);
  record(as + nSc, t);
  // both scopes' duplicate rings and filter
  let n = ldi(DN, ss), j = (ss * DUP_RING + (n & (DUP_RING - 1))) * DW;
  st(D, j + D_IS, is);
  st(D, j + D_QTY, qty);
  st(D, j + D_PX, px0);
  st(D, j + D_TS, t);
  n = (n + 1) & DUP_SEQ_MASK;
  store<u16>(DL + (<usize>(ss * DUP_BUCKETS + hb) << 1), <u16>n);
  sti(DN, ss, n);
  n = ldi(DN, as);
  j = (as * DUP_RING + (n & (DUP_RING - 1))) * DW;
  st(D, j + D_IS, is);
  st(D, j + D_QTY, qty);
  st(D, j + D_PX, px0);
  st(D, j + D_TS, t);
  n = (n + 1) & DUP_SEQ_MASK;
  store<u16>(DL + (<usize>(as * DUP_BUCKETS + hb) << 1), <u16>n);
  sti(DN, as, n);
  // AuditRing.writeAccept
  const head = ld(AC, A_HEAD);
  const b = <i32>(<i64>head & amask) * A_FIELDS;
  st(AD, b, t);
  st(AD, b + 1, id);
  st(AD, b + 2, <f64>ss);
  st(AD, b + 3, <f64>(as - nS));
  st(AD, b + 4, <f64>i);
  st(AD, b + 5, qty);
  st(AD, b + 6, price);
  st(AD, b + A_META, -1 - (<f64>side + 2 * <f64>market + 4 * hedge));
  st(AC, A_HEAD, head + 1);
  st(AC, A_WRITTEN, ld(AC, A_WRITTEN) + 1);
  return 0;
}
