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
const DUP_RING = 16, DW = 8, D_IS = 0, D_PREV = 1, D_QTY = 2, D_PX = 3, D_TS = 4, DUP_BUCKETS = 16384, DUP_SEQ_MASK = 0xffff, DUP_SHIFT = 18;
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
    case 66: return A_FIELDS; case 67: return A_META; case 68: return D_PREV; case 69: return DUP_SHIFT;
  }
  return -1;
}

// Byte offsets of the arrays and the dimensions (see init). fast() copies them into locals first: V8
// reloads a mutable global at every use (with the globals read in place, a check cost ~10-15 ns more).
// Fixed field offsets are passed as load/store immediates (`load<f64>(row pointer, F_X << 3)`), which V8
// folds into the address; an index sum `(r + F_X) << 3` cannot be folded (wasm's i32 arithmetic wraps).
let G_LF: usize = 0, G_BLK: usize = 0, G_DL: usize = 0, G_D: usize = 0, G_DN: usize = 0, G_S: usize = 0, G_X: usize = 0, G_I: usize = 0;
let G_ROW: usize = 0, G_FREE: usize = 0, G_BEST: usize = 0, G_PEND: usize = 0, G_IDP: usize = 0, G_OC: usize = 0, G_AD: usize = 0, G_AC: usize = 0;
let G_WTS: usize = 0, G_WM: usize = 0, G_WU: usize = 0, G_WW: usize = 0;
let G_nS: i32 = 0, G_nI: i32 = 0, G_nSc: i32 = 0;
let G_amask: i64 = 0;

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
  G_LF = lf; G_BLK = blk; G_DL = dl; G_D = d; G_DN = dn; G_S = s; G_X = x; G_I = i;
  G_ROW = row; G_FREE = free; G_BEST = best; G_PEND = pend; G_IDP = idp; G_OC = oc; G_AD = ad; G_AC = ac;
  G_amask = <i64>(auditSlots - 1);
  G_nS = strategies; G_nI = instruments; G_nSc = scopes;
}

/** The sliding windows' arrays (replaced by setLimits). */
export function setWin(ts: usize, meta: usize, until: usize, win: usize): void {
  G_WTS = ts; G_WM = meta; G_WU = until; G_WW = win;
}

/** Is an equal order among scope s's last DUP_RING accepted, inside window w? (engine.ts dupIn) */
function dupIn(D: usize, s: i32, is: f64, qty: f64, px0: f64, t: f64, w: f64): bool {
  for (let p = D + (<usize>(s * DUP_RING * DW) << 3), e = p + (DUP_RING * DW << 3); p < e; p += DW << 3) {
    if (load<f64>(p, D_PX << 3) == px0 && load<f64>(p, D_QTY << 3) == qty && load<f64>(p, D_IS << 3) == is && t - load<f64>(p, D_TS << 3) < w) return true;
  }
  return false;
}

/**
 * May scope s's ring hold an order equal to this one inside window w? The filter (engine.ts dupHit) says
 * whether the ring may hold an entry of bucket hb, and its value names the bucket's LATEST entry (ring
 * slot = booking number mod DUP_RING); each entry's D_PREV names the entry that was the bucket's latest
 * before it. So this walks the bucket's entries newest first: an entry outside the window ends the walk
 * (every older one is older still: times never go backwards), an equal one is a duplicate, and a link to
 * an entry no longer in the ring ends it too. An aliased value (a booking 2^16 k bookings ago) names some
 * other entry, but then no older entry of the bucket is in the ring: whatever the walk concludes from
 * there is right (an equal entry inside the window is a duplicate however it was found). A walk longer
 * than the ring (aliased links in a cycle) falls back to the full scan. In benchRisk the scans of every
 * filter hit (~1% of checks: equal orders outside the window, bucket collisions; ~45 ns each) were most
 * of the single-check p99.
 */
@inline function dupMaybe(D: usize, DN: usize, DL: usize, s: i32, hb: i32, is: f64, qty: f64, px0: f64, t: f64, w: f64): bool {
  const n = ldi(DN, s);
  let v = <i32>load<u16>(DL + (<usize>(s * DUP_BUCKETS + hb) << 1));
  for (let k = 0; k < DUP_RING; k++) {
    if (((n - v) & DUP_SEQ_MASK) >= DUP_RING) return false;
    const p = D + (<usize>((s * DUP_RING + ((v - 1) & (DUP_RING - 1))) * DW) << 3);
    if (t - load<f64>(p, D_TS << 3) >= w) return false;
    if (load<f64>(p, D_PX << 3) == px0 && load<f64>(p, D_QTY << 3) == qty && load<f64>(p, D_IS << 3) == is) return true;
    v = <i32>load<f64>(p, D_PREV << 3);
  }
  return dupIn(D, s, is, qty, px0, t, w);
}

/** SlidingWindows.record of one event at t in window row `w`. */
@inline function record(WM: usize, WTS: usize, WU: usize, WW: usize, w: i32, t: f64): void {
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
  const LF = G_LF, BLK = G_BLK, DL = G_DL, D = G_D, DN = G_DN, S = G_S, X = G_X, I = G_I, ROW = G_ROW, FREE = G_FREE, BEST = G_BEST;
  const PEND = G_PEND, IDP = G_IDP, OC = G_OC, AD = G_AD, AC = G_AC, WTS = G_WTS, WM = G_WM, WU = G_WU, WW = G_WW;
  const nS = G_nS, nI = G_nI, nSc = G_nSc, nSI = nSc * nI;
  const xs = ss * nI + i, xa = as * nI + i;
  // per-scope (and per instrument) pointers into the field-major buffers, and the field strides (bytes)
  const sc: usize = <usize>nSc << 3, xc: usize = <usize>nSI << 3, ic: usize = <usize>nI << 3;
  const sS = S + (<usize>ss << 3), sA = S + (<usize>as << 3), xS = X + (<usize>xs << 3), xA = X + (<usize>xa << 3), iP = I + (<usize>i << 3);
  if ((load<u8>(BLK + <usize>xs) | load<u8>(BLK + <usize>xa)) != 0) return 1;
  if (t < ld(WU, ss + 2 * nSc) || t < ld(WU, as + 2 * nSc)) return 2;
  // an id above every id so far is unknown (OpenOrders.known); one below needs the id table: exact()
  if (!(id > ld(OC, C_MAXID))) return 3;
  const ft = <i32>ld(OC, C_FREE_TOP), nip = <i32>ld(OC, C_NIDPEND);
  if (ft == 0 || nip >= idRoom) return 4;
  const mkt = market != 0;
  const fS = LF + (<usize>(ss * NL) << 3), fA = LF + (<usize>(as * NL) << 3); // the scopes' limit rows
  const px0 = mkt ? -1.0 : price;
  const hb = <i32>(((toInt32(px0) * <u32>0x9e3779b1) ^ (toInt32(qty) * <u32>0x85ebca6b) ^ (<u32>((i << 1) | side) * <u32>0xc2b2ae35)) >> DUP_SHIFT);
  const is = <f64>((i << 1) | side);
  const wS = load<f64>(fS, F_DUP_WIN << 3), wA = load<f64>(fA, F_DUP_WIN << 3);
  if (wS != Infinity && dupMaybe(D, DN, DL, ss, hb, is, qty, px0, t, wS)) return 5;
  if (wA != Infinity && dupMaybe(D, DN, DL, as, hb, is, qty, px0, t, wA)) return 5;
  if (t < ld(WU, ss + nSc) || t < ld(WU, as + nSc) || t < ld(WU, ss) || t < ld(WU, as)) return 6;
  const rlS = load<f64>(sS + <usize>S_REALIZED * sc) - load<f64>(sS + <usize>S_FEES * sc), rlA = load<f64>(sA + <usize>S_REALIZED * sc) - load<f64>(sA + <usize>S_FEES * sc);
  const pvS = load<f64>(sS + <usize>S_POS_VALUE * sc), pvA = load<f64>(sA + <usize>S_POS_VALUE * sc);
  const pnlS = rlS + pvS - load<f64>(sS + <usize>S_COST_VALUE * sc), pnlA = rlA + pvA - load<f64>(sA + <usize>S_COST_VALUE * sc);
  const pk0S = load<f64>(sS + <usize>S_PEAK * sc), pk0A = load<f64>(sA + <usize>S_PEAK * sc);
  const pkS = pnlS > pk0S ? pnlS : pk0S, pkA = pnlA > pk0A ? pnlA : pk0A;
  if (-pnlS >= load<f64>(fS, F_LOSS << 3) || -pnlA >= load<f64>(fA, F_LOSS << 3) || pkS - pnlS >= load<f64>(fS, F_DD << 3) || pkA - pnlA >= load<f64>(fA, F_DD << 3)) return 7;
  const ref = load<f64>(iP + <usize>I_REF_PX * ic), age = t - load<f64>(iP + <usize>I_REF_TS * ic);
  const reqS = load<f64>(fS, F_REQ_REF << 3) == 1, reqA = load<f64>(fA, F_REQ_REF << 3) == 1;
  if ((mkt || reqS || reqA) && ref <= 0) return 8;
  if ((mkt || reqS) && age > load<f64>(fS, F_REF_AGE << 3)) return 8;
  if ((mkt || reqA) && age > load<f64>(fA, F_REF_AGE << 3)) return 8;
  const px = mkt ? ref : price;
  const mult = load<f64>(iP + <usize>I_MULT * ic);
  const newN = px * qty * mult;
  if (!(abs<f64>(newN) <= MAX_SAFE && trunc<f64>(newN) == newN)) return 9;
  if (!mkt) {
    const dev = (px > ref ? px - ref : ref - px) * 10000;
    if (dev > load<f64>(fS, F_COLLAR << 3) * ref || dev > load<f64>(fA, F_COLLAR << 3) * ref) return 10;
  }
  if (qty > load<f64>(fS, F_MAX_QTY << 3) || qty > load<f64>(fA, F_MAX_QTY << 3) || newN > load<f64>(fS, F_MAX_N << 3) || newN > load<f64>(fA, F_MAX_N << 3)) return 11;
  if (load<f64>(sS + <usize>S_OPEN_COUNT * sc) + 1 > load<f64>(fS, F_OPEN << 3) || load<f64>(sA + <usize>S_OPEN_COUNT * sc) + 1 > load<f64>(fA, F_OPEN << 3)) return 12;
  const buy = side == 0, mark = ref > 0 ? ref : load<f64>(iP + <usize>I_LAST_FILL * ic);
  const posS = load<f64>(xS + <usize>X_POS * xc), posA = load<f64>(xA + <usize>X_POS * xc), posNS = posS * mark * mult, posNA = posA * mark * mult;
  if (buy) {
    if (posS + load<f64>(xS + <usize>X_OPEN_BUY_QTY * xc) + qty > load<f64>(fS, F_POS_QTY << 3) || posA + load<f64>(xA + <usize>X_OPEN_BUY_QTY * xc) + qty > load<f64>(fA, F_POS_QTY << 3)) return 13;
    if (posNS + load<f64>(xS + <usize>X_OPEN_BUY_N * xc) + newN > load<f64>(fS, F_POS_N << 3) || posNA + load<f64>(xA + <usize>X_OPEN_BUY_N * xc) + newN > load<f64>(fA, F_POS_N << 3)) return 13;
  } else {
    if (load<f64>(xS + <usize>X_OPEN_SELL_QTY * xc) + qty - posS > load<f64>(fS, F_POS_QTY << 3) || load<f64>(xA + <usize>X_OPEN_SELL_QTY * xc) + qty - posA > load<f64>(fA, F_POS_QTY << 3)) return 13;
    if (load<f64>(xS + <usize>X_OPEN_SELL_N * xc) + newN - posNS > load<f64>(fS, F_POS_N << 3) || load<f64>(xA + <usize>X_OPEN_SELL_N * xc) + newN - posNA > load<f64>(fA, F_POS_N << 3)) return 13;
  }
  const onS = load<f64>(sS + <usize>S_OPEN_N * sc), onA = load<f64>(sA + <usize>S_OPEN_N * sc);
  if (load<f64>(sS + <usize>S_GROSS * sc) + onS + newN > load<f64>(fS, F_GROSS << 3) || load<f64>(sA + <usize>S_GROSS * sc) + onA + newN > load<f64>(fA, F_GROSS << 3)) return 14;
  const netS = buy ? pvS + load<f64>(sS + <usize>S_OPEN_BUY_N * sc) + newN : load<f64>(sS + <usize>S_OPEN_SELL_N * sc) + newN - pvS;
  const netA = buy ? pvA + load<f64>(sA + <usize>S_OPEN_BUY_N * sc) + newN : load<f64>(sA + <usize>S_OPEN_SELL_N * sc) + newN - pvA;
  if (netS > load<f64>(fS, F_NET << 3) || netA > load<f64>(fA, F_NET << 3)) return 15;
  if (load<f64>(sS + <usize>S_COST_ABS * sc) + onS + (rlS < 0 ? -rlS : 0) + newN > load<f64>(fS, F_CREDIT << 3) || load<f64>(sA + <usize>S_COST_ABS * sc) + onA + (rlA < 0 ? -rlA : 0) + newN > load<f64>(fA, F_CREDIT << 3)) return 16;
  const opp = buy ? 1 : 0;
  if (load<f64>(fS, F_STP << 3) == 1) {
    const b = ld(BEST, xs * 2 + opp);
    if (buy ? (mkt ? b < Infinity : b <= px) : (mkt ? b > -Infinity : b >= px)) return 17;
  }
  if (load<f64>(fA, F_STP << 3) == 1) {
    const b = ld(BEST, xa * 2 + opp);
    if (buy ? (mkt ? b < Infinity : b <= px) : (mkt ? b > -Infinity : b >= px)) return 17;
  }
  // ---- every check passed: book the order (engine.ts accept(), the same stores) ----
  store<f64>(sS + <usize>S_PEAK * sc, pkS);
  store<f64>(sA + <usize>S_PEAK * sc, pkA);
  // OpenOrders.add + claim (the id is above maxId: queued for the table)
  const slot = ldi(FREE, ft - 1);
  st(OC, C_FREE_TOP, <f64>(ft - 1));
  sti(IDP, nip, slot);
  st(OC, C_NIDPEND, <f64>(nip + 1));
  st(OC, C_MAXID, id);
  const rp = ROW + (<usize>(slot * OW) << 3), seq = ld(OC, C_SEQ);
  store<f64>(rp, id, O_ID << 3);
  store<f64>(rp, <f64>ss, O_STRAT << 3);
  store<f64>(rp, <f64>as, O_ACCT << 3);
  store<f64>(rp, <f64>i, O_INST << 3);
  store<f64>(rp, <f64>side, O_SIDE << 3);
  store<f64>(rp, mkt ? 1 : 0, O_MKT << 3);
  store<f64>(rp, px, O_PX << 3);
  store<f64>(rp, qty, O_LEAVES << 3);
  store<f64>(rp, 0, O_ACKED << 3);
  store<f64>(rp, 1, O_LIVE << 3);
  store<f64>(rp, seq, O_SEQ << 3);
  st(OC, C_SEQ, seq + 1);
  if (!mkt) { // OpenOrders.enlist
    const l0 = xs * 2 + side, l1 = xa * 2 + side;
    // branch-free (a data-dependent branch, mispredicted often): the new best's bits picked as integers
    const b0 = ld(BEST, l0), b1 = ld(BEST, l1), pb = reinterpret<i64>(px);
    const better0 = side == 0 ? px > b0 : px < b0, better1 = side == 0 ? px > b1 : px < b1;
    st(BEST, l0, reinterpret<f64>(select<i64>(pb, reinterpret<i64>(b0), better0)));
    st(BEST, l1, reinterpret<f64>(select<i64>(pb, reinterpret<i64>(b1), better1)));
    const np = <i32>ld(OC, C_NPEND);
    sti(PEND, np, slot);
    st(OC, C_NPEND, <f64>(np + 1));
  }
  // Positions.openDelta(+1)
  const dn = qty * px * mult;
  if (buy) {
    store<f64>(xS + <usize>X_OPEN_BUY_QTY * xc, load<f64>(xS + <usize>X_OPEN_BUY_QTY * xc) + qty);
    store<f64>(xA + <usize>X_OPEN_BUY_QTY * xc, load<f64>(xA + <usize>X_OPEN_BUY_QTY * xc) + qty);
    store<f64>(xS + <usize>X_OPEN_BUY_N * xc, load<f64>(xS + <usize>X_OPEN_BUY_N * xc) + dn);
    store<f64>(xA + <usize>X_OPEN_BUY_N * xc, load<f64>(xA + <usize>X_OPEN_BUY_N * xc) + dn);
    store<f64>(sS + <usize>S_OPEN_BUY_N * sc, load<f64>(sS + <usize>S_OPEN_BUY_N * sc) + dn);
    store<f64>(sA + <usize>S_OPEN_BUY_N * sc, load<f64>(sA + <usize>S_OPEN_BUY_N * sc) + dn);
  } else {
    store<f64>(xS + <usize>X_OPEN_SELL_QTY * xc, load<f64>(xS + <usize>X_OPEN_SELL_QTY * xc) + qty);
    store<f64>(xA + <usize>X_OPEN_SELL_QTY * xc, load<f64>(xA + <usize>X_OPEN_SELL_QTY * xc) + qty);
    store<f64>(xS + <usize>X_OPEN_SELL_N * xc, load<f64>(xS + <usize>X_OPEN_SELL_N * xc) + dn);
    store<f64>(xA + <usize>X_OPEN_SELL_N * xc, load<f64>(xA + <usize>X_OPEN_SELL_N * xc) + dn);
    store<f64>(sS + <usize>S_OPEN_SELL_N * sc, load<f64>(sS + <usize>S_OPEN_SELL_N * sc) + dn);
    store<f64>(sA + <usize>S_OPEN_SELL_N * sc, load<f64>(sA + <usize>S_OPEN_SELL_N * sc) + dn);
  }
  store<f64>(sS + <usize>S_OPEN_N * sc, load<f64>(sS + <usize>S_OPEN_N * sc) + dn);
  store<f64>(sA + <usize>S_OPEN_N * sc, load<f64>(sA + <usize>S_OPEN_N * sc) + dn);
  store<f64>(sS + <usize>S_OPEN_COUNT * sc, load<f64>(sS + <usize>S_OPEN_COUNT * sc) + 1);
  store<f64>(sA + <usize>S_OPEN_COUNT * sc, load<f64>(sA + <usize>S_OPEN_COUNT * sc) + 1);
  // order and message windows of both scopes
  record(WM, WTS, WU, WW, ss, t);
  record(WM, WTS, WU, WW, as, t);
  record(WM, WTS, WU, WW, ss + nSc, t);
  record(WM, WTS, WU, WW, as + nSc, t);
  // both scopes' duplicate rings and filter
  let n = ldi(DN, ss), dp = D + (<usize>((ss * DUP_RING + (n & (DUP_RING - 1))) * DW) << 3);
  store<f64>(dp, is, D_IS << 3);
  store<f64>(dp, qty, D_QTY << 3);
  store<f64>(dp, px0, D_PX << 3);
  store<f64>(dp, t, D_TS << 3);
  const fl = DL + (<usize>(ss * DUP_BUCKETS + hb) << 1);
  store<f64>(dp, <f64>load<u16>(fl), D_PREV << 3);
  n = (n + 1) & DUP_SEQ_MASK;
  store<u16>(fl, <u16>n);
  sti(DN, ss, n);
  n = ldi(DN, as);
  dp = D + (<usize>((as * DUP_RING + (n & (DUP_RING - 1))) * DW) << 3);
  store<f64>(dp, is, D_IS << 3);
  store<f64>(dp, qty, D_QTY << 3);
  store<f64>(dp, px0, D_PX << 3);
  store<f64>(dp, t, D_TS << 3);
  const fa = DL + (<usize>(as * DUP_BUCKETS + hb) << 1);
  store<f64>(dp, <f64>load<u16>(fa), D_PREV << 3);
  n = (n + 1) & DUP_SEQ_MASK;
  store<u16>(fa, <u16>n);
  sti(DN, as, n);
  // AuditRing.writeAccept
  const head = ld(AC, A_HEAD);
  const ap = AD + (<usize>(<i64>head & G_amask) << 7); // A_FIELDS doubles a record
  store<f64>(ap, t);
  store<f64>(ap, id, 1 << 3);
  store<f64>(ap, <f64>ss, 2 << 3);
  store<f64>(ap, <f64>(as - nS), 3 << 3);
  store<f64>(ap, <f64>i, 4 << 3);
  store<f64>(ap, qty, 5 << 3);
  store<f64>(ap, price, 6 << 3);
  store<f64>(ap, -1 - (<f64>side + 2 * <f64>market + 4 * hedge), A_META << 3);
  st(AC, A_HEAD, head + 1);
  st(AC, A_WRITTEN, ld(AC, A_WRITTEN) + 1);
  return 0;
}
