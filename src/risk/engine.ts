// RiskEngine: pre-trade checks, kill switch, open-order exposure and real-time PnL, on the kernel's one
// thread. Contract:
// - `check(intent, now)` returns 0 (accept: the order now counts as open, at once, RTS 6 Art. 15(2)) or a
//   reject code 5001-5999 (src/core/rejects.ts). Every call that is not refused for a full audit ring
//   writes one audit record (ts, order, check, code, scope, limit, observed). Nothing is allocated.
// - The caller reports what the venue says: onOrderOpen (ack), onFill, onOrderDone (cancelled, expired,
//   rejected by the venue); onMessage for each cancel it sends (a replace is checkReplace: checked, and
//   counted as an order and a message like a new order); setReference for prices (NBBO mid
//   or last, per instrument); adoptOrder for orders found at the venue on reconciliation.
// - Every check runs for the strategy's limits, then the account's; the first failing (check, scope) in
//   this order decides. Check order (ids = code - 5000) and what each protects against:
//    1 BadOrder          malformed intent (always on)
//    2 KillSwitch        global/strategy/account kill engaged (RTS 6 Art. 12; CME Kill Switch; FIA)
//    3 Restricted        restricted list, global then per scope (15c3-5 (c)(2)(ii))
//    4 RejectThrottle    N rejects in a window: a strategy stuck in a loop (FIA; RTS 6 Art. 15(3) spirit)
//    5 DuplicateClOrdId  an id open or among the last `clOrdIdMemory` accepted (always on; 15c3-5 (c)(1)(ii))
//    6 DuplicateOrder    same instrument/side/qty/price within the window, among the scope's last 16 accepted
//    7 MessageRate       orders + cancels + replaces per window (RTS 6 Art. 15(1)(d); CME messaging controls)
//    8 OrderRate         new orders per window (FIA order throttles)
//    9 MaxLoss           -PnL >= maxLoss (FIA loss limits; CME GC2)
//   10 Drawdown          peak PnL - PnL >= maxDrawdown
//   11 NoReference       no fresh reference where needed: market orders, collar on, or requireReference
//   12 NotionalOverflow  price x qty x multiplier not a safe integer (always on)
//   13 PriceCollar       |px - ref| > collarBps of ref (RTS 6 Art. 15(1)(a); 15c3-5 price filter; CME banding)
//   14 OrderQty          qty > maxOrderQty (RTS 6 Art. 15(1)(c); 15c3-5 size filter; CME max order qty)
//   15 OrderNotional     px x qty x mult > maxOrderNotional (RTS 6 Art. 15(1)(b))
//   16 OpenOrders        open orders + 1 > maxOpenOrders
//   17 PositionQty       worst case per instrument if every open order on the order's side fills
//   18 PositionNotional  the same in money: position at the mark + open orders at their prices
//   19 GrossExposure     sum |position x mark| + all open notional + this order (15c3-5 (c)(1)(i))
//   20 NetExposure       net position value + open orders on the order's side + this order
//   21 Credit            positions at cost + open orders + realized losses and fees + this order (15c3-5 (c)(1)(i); CME GC2)
//   22 SelfTrade         would cross the scope's own open limit order (CME self-match prevention)
// - A reject by a check listed in the scope's `killOnBreach` engages that scope's kill switch (or the
//   global one with `killAllOnBreach`) and calls `onKill(scopeKind, id)`: the caller cancels the open
//   orders (`openOrdersOf` lists them; no I/O here). Kill switches block all new orders until `release`.
// - Rejects count toward the repeated-reject throttle of both scopes, except BadOrder, KillSwitch and
//   RejectThrottle itself (a throttle that fed itself would never lift); venue rejects count too.
// - Peak PnL (for drawdown) is sampled at every fill and at every check that reaches step 9.
// - `now` never goes backwards between calls (it is the kernel's clock): windows rely on it.
// Market orders: notional at the reference price at acceptance. Money units: src/risk/types.ts.
// Structure of the check: check() validates the order (check 1) and reads the global kill in JS, then calls
// the fast path, WebAssembly (asm/risk-fast.ts, AssemblyScript, built by `npm run build` into
// build/risk-fast.wasm and loaded from there by both src/ and dist/): it proves, straight-line, that every
// check passes (OFF limits read as +Infinity, no per-scope loops) and books the order (all of accept());
// at the first doubt it returns non-zero having changed nothing, and exact(), the documented evaluation,
// decides (it alone decides rejects, code and scope) and books with accept() here in JS. The fast path
// can only be wrong by being slow; test/risk/property.test.ts compares the engine with a plain oracle.
// Every array the wasm reads or writes lives in one WebAssembly.Memory (arena.ts), sized at construction
// and never grown (that would detach every view): Positions' buffers, OpenOrders' rows, free list, best
// prices and queues, the AuditRing, the windows (the arena's last tenant: setLimits rebuilds them in
// place; windows that outgrow it leave the fast path off, every check then going to exact()), and the
// engine's LF, blocked and duplicate rings. Scalars the wasm writes (OpenOrders freeTop/seq/nPend/nIdPend/
// maxId, AuditRing head/written) live in `cells` arrays behind getters of the same names. The layout
// constants are copied in the wasm source (test/risk/layout.test.ts compares them via its layout()).
// Why this file is over 400 lines: the contract above, and exact() and accept() kept as whole functions on
// purpose (V8 inlines their helpers; splitting them cost time in benchRisk); accept() has its helpers
// written out by hand where they did not fit V8's inlining budget (with a comment saying so).
// Cost (benchRisk, every check on, 2-core VM shared with other work, Nov 2026): batch p50 ~70 ns per
// accepted check, one check timed alone p50 ~52 / p99 ~85 ns (80-95 on a quiet machine, up to ~125 under
// load); the JS fast path it replaces, same harness: ~97, ~75 / ~135 ns (before the V8 work below ~165). In the wasm: the array offsets are copied from globals into locals at entry (V8 reloads a
// mutable global at every use: ~10-15 ns), fixed fields are load/store immediates on row pointers, a
// duplicate-filter hit walks the bucket's entries newest first instead of scanning the ring (the scans
// were most of the single-check p99; the filter has 4x the buckets for fewer hits), best prices are
// updated branch-free. Tried in the wasm and not kept: checks 9-22 or'ed into one branch (+5 ns), the
// walk's first one or two steps without branches (p50 +3 / +8 ns, p99 no better). The JS side (validation,
// call) costs ~12 ns of a batch and almost nothing of a single check. For the JS parts (exact(),
// accept(), the venue events) three V8 effects matter: imported/exported consts are loaded from their
// cells at every use (see the local copies below); class fields first defined as undefined lose their
// exact type (see the field note in RiskEngine); int32 arithmetic on indices carries an overflow check
// unless truncated with `| 0` (see the constructor). Work that only a later venue event needs is deferred
// there (orders.ts: list links, clOrdId table inserts). (What was tried on the JS fast path, kept or not:
// this header before the wasm, git history.)
import { readFileSync } from 'node:fs';
import { Reject } from '../core/rejects.js';
import { Arena, arenaBytes } from './arena.js';
import { AUDIT_CELLS, AuditRing } from './audit.js';
import { fastLimits, killMask, validateLimits, writeRow } from './limits.js';
import { OpenOrders, ORDER_CELLS } from './orders.js';
import { NIF, NSF, NXF, Positions } from './positions.js';
import { Check, RISK_CODE_BASE, SCOPE_ACCOUNT, SCOPE_GLOBAL, SCOPE_STRATEGY, type OrderIntent, type RiskInstrument, type RiskLimits } from './types.js';
import { SlidingWindows } from './window.js';

// Local copies of the layout constants the hot paths use (limits.ts F_*, positions.ts S_/X_/I_, orders.ts
// O_*, window.ts W_*, types.ts ORD_*/SCOPE_NONE). V8 folds a module's unexported top-level const into the
// optimized code but loads an imported (or exported) binding from its cell, checks it for the hole and
// untags it at every use: with the imports, a check cost ~25 ns more in benchRisk (172 -> 147 ns).
// ENGINE_LAYOUT exports the copies so a test compares them with the originals.
const F_MAX_QTY = 0, F_MAX_N = 1, F_COLLAR = 2, F_REQ_REF = 3, F_REF_AGE = 4, F_POS_QTY = 5, F_POS_N = 6, F_GROSS = 7;
const F_NET = 8, F_CREDIT = 9, F_OPEN = 10, F_ORD_RATE = 11, F_MSG_RATE = 12, F_DUP_WIN = 13, F_LOSS = 14, F_DD = 15;
const F_REJ = 16, F_STP = 17, NL = 18;
const S_REALIZED = 0, S_FEES = 1, S_OPEN_N = 2, S_OPEN_BUY_N = 3, S_OPEN_SELL_N = 4, S_OPEN_COUNT = 5, S_PEAK = 6;
const S_POS_VALUE = 7, S_GROSS = 8, S_COST_VALUE = 9, S_COST_ABS = 10;
const X_POS = 0, X_OPEN_BUY_QTY = 3, X_OPEN_SELL_QTY = 4, X_OPEN_BUY_N = 5, X_OPEN_SELL_N = 6;
const I_MULT = 0, I_REF_PX = 1, I_REF_TS = 2, I_LAST_FILL = 3;
const OW = 16, O_ID = 0, O_STRAT = 1, O_ACCT = 2, O_INST = 3, O_SIDE = 4, O_MKT = 5, O_PX = 6, O_LEAVES = 7, O_ACKED = 8;
const O_LIVE = 9, O_SEQ = 10;
const ORD_LIMIT = 0, ORD_MARKET = 1, SCOPE_NONE = 0;
const W_BASE = 0, W_CAP = 1, W_HEAD = 2, W_ROW = 3;
/** The copies above, by their names in the defining modules (test/risk/layout.test.ts). */
export const ENGINE_LAYOUT: Readonly<Record<string, number>> = {
  F_MAX_QTY, F_MAX_N, F_COLLAR, F_REQ_REF, F_REF_AGE, F_POS_QTY, F_POS_N, F_GROSS, F_NET, F_CREDIT, F_OPEN, F_ORD_RATE,
  F_MSG_RATE, F_DUP_WIN, F_LOSS, F_DD, F_REJ, F_STP, NL, S_REALIZED, S_FEES, S_OPEN_N, S_OPEN_BUY_N, S_OPEN_SELL_N,
  S_OPEN_COUNT, S_PEAK, S_POS_VALUE, S_GROSS, S_COST_VALUE, S_COST_ABS, X_POS, X_OPEN_BUY_QTY, X_OPEN_SELL_QTY,
  X_OPEN_BUY_N, X_OPEN_SELL_N, I_MULT, I_REF_PX, I_REF_TS, I_LAST_FILL, OW, O_ID, O_STRAT, O_ACCT, O_INST, O_SIDE,
  O_MKT, O_PX, O_LEAVES, O_ACKED, O_LIVE, O_SEQ, ORD_LIMIT, ORD_MARKET, SCOPE_NONE, W_BASE, W_CAP, W_HEAD, W_ROW,
};

/** Entries of each scope's duplicate ring: a power of two (the ring index wraps with a mask). Used under
 *  the unexported name in this module (an exported binding is loaded from its cell at every use). */
const DUP_RING = 16;
export const DUP_MEMORY = DUP_RING;
const DW = 8;
/** instrument x 2 + side in one field: one store and one compare fewer per ring entry (~2 ns per accept). */
const D_IS = 0;
/** The filter value (1 + booking number, mod 2^16) of the bucket's previous latest entry when this one
 *  was booked: the bucket's entries form a chain the wasm fast path walks (asm/risk-fast.ts dupMaybe). */
const D_PREV = 1;
const D_QTY = 2;
const D_PX = 3;
const D_TS = 4;

/** Buckets of a scope's duplicate filter. 16 ring entries in 16384 buckets: a false hit on ~0.1% of
 *  orders per scope (4096: ~0.4%; 256: ~6%, and the scans behind them cost ~20 ns per check on average in
 *  benchRisk). 32 KB per scope. 16384 rather than 4096 for the wasm fast path's tail: a filter hit is a
 *  mispredicted branch and a walk (~+20-40 ns), and at 4096 the hits of benchRisk's orders were a visible
 *  part of the single-check p99 (A/B 8 runs each, medians: singleP99 94 -> 90 ns, p50 unchanged). */
const DUP_BUCKETS = 16384;
/** 32 - log2(DUP_BUCKETS): a bucket is the top bits of the hash. */
const DUP_SHIFT = 18;
/** The duplicate rings' layout, for the copy in asm/risk-fast.ts (test/risk/layout.test.ts). */
export const DUP_LAYOUT: Readonly<Record<string, number>> = { DUP_RING, DW, D_IS, D_PREV, D_QTY, D_PX, D_TS, DUP_BUCKETS, DUP_SHIFT };

/** Booking numbers are kept mod 2^16 (Uint16 filter); DUP_RING divides it, so `n & (DUP_RING - 1)` is the ring index. */
const DUP_SEQ_MASK = 0xffff;

/** Counting-filter bucket (0-4095) of an order's (instrument, side, qty, price): equal orders share one. */
function dupBucket(i: number, side: number, qty: number, px: number): number {
  return (Math.imul(px | 0, 0x9e3779b1) ^ Math.imul(qty | 0, 0x85ebca6b) ^ Math.imul((i << 1) | side, 0xc2b2ae35)) >>> DUP_SHIFT;
}

/** The compiled fast path (asm/risk-fast.ts, built by `npm run build`), compiled once per process. */
let fastModule: WebAssembly.Module | null = null;
function wasmModule(): WebAssembly.Module {
  if (fastModule === null) {
    const url = new URL('../../build/risk-fast.wasm', import.meta.url);
    let bytes: Buffer;
    try {
      bytes = readFileSync(url);
    } catch (e) {
      throw new Error(`risk: ${url.pathname} missing: run \`npm run build\` (${(e as Error).message})`);
    }
    fastModule = new WebAssembly.Module(bytes);
  }
  return fastModule;
}

/** The wasm fast path's exports (asm/risk-fast.ts). */
interface FastExports {
  init(lf: number, blk: number, dl: number, d: number, dn: number, s: number, x: number, i: number, row: number, free: number, best: number,
    pend: number, idp: number, oc: number, ad: number, ac: number, auditSlots: number, strategies: number, instruments: number, scopes: number): void;
  setWin(ts: number, meta: number, until: number, win: number): void;
  fast(ss: number, as: number, i: number, side: number, qty: number, price: number, market: number, clOrdId: number, t: number, hedge: number, idRoom: number): number;
  layout(k: number): number;
}

/** The layout constants of asm/risk-fast.ts, in the order of its layout(k) (test/risk/layout.test.ts). */
export const WASM_LAYOUT_NAMES: readonly string[] = [
  'F_MAX_QTY', 'F_MAX_N', 'F_COLLAR', 'F_REQ_REF', 'F_REF_AGE', 'F_POS_QTY', 'F_POS_N', 'F_GROSS', 'F_NET', 'F_CREDIT', 'F_OPEN',
  'F_DUP_WIN', 'F_LOSS', 'F_DD', 'F_STP', 'NL', 'S_REALIZED', 'S_FEES', 'S_OPEN_N', 'S_OPEN_BUY_N', 'S_OPEN_SELL_N', 'S_OPEN_COUNT',
  'S_PEAK', 'S_POS_VALUE', 'S_GROSS', 'S_COST_VALUE', 'S_COST_ABS', 'X_POS', 'X_OPEN_BUY_QTY', 'X_OPEN_SELL_QTY', 'X_OPEN_BUY_N',
  'X_OPEN_SELL_N', 'I_MULT', 'I_REF_PX', 'I_REF_TS', 'I_LAST_FILL', 'OW', 'O_ID', 'O_STRAT', 'O_ACCT', 'O_INST', 'O_SIDE', 'O_MKT',
  'O_PX', 'O_LEAVES', 'O_ACKED', 'O_LIVE', 'O_SEQ', 'C_FREE_TOP', 'C_SEQ', 'C_NPEND', 'C_NIDPEND', 'C_MAXID', 'W_BASE', 'W_CAP',
  'W_HEAD', 'W_ROW', 'DUP_RING', 'DW', 'D_IS', 'D_QTY', 'D_PX', 'D_TS', 'DUP_BUCKETS', 'A_HEAD', 'A_WRITTEN', 'A_FIELDS', 'A_META', 'D_PREV', 'DUP_SHIFT',
];

/** The wasm module's layout(k) for each of WASM_LAYOUT_NAMES (for the layout test). */
export function wasmLayout(): Record<string, number> {
  const ex = new WebAssembly.Instance(wasmModule(), { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1 }) } }).exports as unknown as FastExports;
  return Object.fromEntries(WASM_LAYOUT_NAMES.map((k, j) => [k, ex.layout(j)]));
}

export interface RiskEngineConfig {
  /** Limits per strategy id (index = id). */
  strategies: readonly RiskLimits[];
  /** Limits per account id (index = id). */
  accounts: readonly RiskLimits[];
  /** Per instrument id (index = id). */
  instruments: readonly RiskInstrument[];
  /** Open orders held at once over all scopes (default 4096). */
  maxOpenOrders?: number;
  /** Accepted clOrdIds remembered for duplicate detection after they are done (default 4096: the table
   *  then stays in cache; a 65536 memory made each lookup a cache miss and tripled the check time). */
  clOrdIdMemory?: number;
  /** Audit ring slots (default 65536). */
  auditCapacity?: number;
  /** Called when a kill switch engages automatically: cancel the scope's orders. */
  onKill?: (scopeKind: number, id: number) => void;
}

export class RiskEngine {
  // Field declarations: `declare` (no emitted class field) for every field the constructor assigns. A
  // plain declaration compiles (ES2022 class fields) to a field first defined as undefined, so V8 stops
  // tracking the field's exact type, and every hot-path load of a typed array from it is followed by a map
  // check of the array (and its data pointer and length loads are not hoisted as well): with `declare`
  // here and in the other classes of src/risk, benchRisk p50 went from ~133 to ~123 ns (A/B, same process).
  declare readonly nStrategies: number;
  declare readonly nAccounts: number;
  declare readonly nInstruments: number;
  declare readonly positions: Positions;
  declare readonly orders: OpenOrders;
  declare readonly audit: AuditRing;
  private declare readonly L: Float64Array;
  /** L as the fast path reads it (limits.ts fastLimits: OFF as +Infinity). */
  private declare readonly LF: Float64Array;
  private declare readonly killBits: Int32Array;
  private declare readonly killAll: Uint8Array;
  private declare readonly killed: Uint8Array;
  private globalKill = 0;
  private declare readonly restrictedScope: Uint8Array; // [scope * nInstruments + instrument]
  private declare readonly restrictedGlobal: Uint8Array;
  /** [scope * nInstruments + instrument] = 1 when the scope's kill switch, the global or the scope's
   *  restricted list blocks the pair: rewritten (the scope's row, the instrument's column) by kill,
   *  release and setRestricted, so the fast path reads the global kill and two bytes, not six flags. */
  private declare readonly blocked: Uint8Array;
  // Order windows in rows [0, nScopes), message windows in rows [nScopes, 2 nScopes), reject windows in
  // rows [2 nScopes, 3 nScopes): one instance (one array for the check's six queries), so an accept
  // records all four order/message events in one call.
  private declare win: SlidingWindows; // replaced (events kept) by setLimits
  /** Each scope's limits as given (cold: setLimits rebuilds the windows from them). */
  private declare readonly scopeLimits: RiskLimits[];
  private declare readonly nScopes: number;
  // Filter over each scope's ring: [scope * DUP_BUCKETS + bucket] = 1 + the booking number (mod 2^16) of
  // the scope's latest entry in that bucket. That entry is in the ring iff fewer than DUP_RING entries
  // were booked after it, and when it is not, no older one of its bucket is: so (n - stored) mod 2^16 >=
  // DUP_RING (n = the scope's bookings) proves "no duplicate" in two loads; only a hit pays for the
  // exact scan (a bucket last written 2^16 k bookings ago can alias: a false hit, a scan for nothing).
  // Booking is one store per scope: the earlier counting filter's increment, and decrement of the
  // evicted entry's bucket, cost ~3-4 ns more per accept in benchRisk. (A plain scan of 2 x 16 entries cost
  // ~60 ns per check: the largest single cost of a check.)
  private declare readonly dupLast: Uint16Array;
  // The rings: entry (scope * DUP_RING + k) at DW * that in one array, one cache line per entry
  // (instrument/side -1 and ts -Infinity when empty). One array instead of six: booking both scopes'
  // entries cost ~35 ns per accept in benchRisk with six.
  private declare readonly dup: Float64Array;
  /** Bookings per scope, mod 2^16 (the ring's head is its low bits). */
  private declare readonly dupN: Int32Array;
  private declare readonly onKill: ((scopeKind: number, id: number) => void) | null;
  /** The one WebAssembly.Memory every array the fast path touches lives in (arena.ts); windows last. */
  private declare readonly arena: Arena;
  /** arena mark where the windows start (setLimits rebuilds them there). */
  private declare readonly winMark: number;
  private declare readonly wasm: FastExports;
  /** The wasm fast path (FastExports.fast). */
  private declare readonly fast: FastExports['fast'];
  /** 1 while the fast path may run; 0 after a setLimits whose windows no longer fit the arena (every
   *  check then takes exact(): correct, slow). */
  private declare fastOn: number;
  /** Decisions made (accepts + rejects). */
  checks = 0;
  rejects = 0;
  /** Decisions the fast path handed to exact() (every reject, and any order it could not prove). */
  slowPath = 0;
  /** Automatic kill-switch activations. */
  autoKills = 0;
  /** Details of the last decision, for the caller. */
  lastCheck = 0;
  lastScope = 0;
  lastLimit = 0;
  lastObserved = 0;
  /** 1 while the hedger submits (else 0), so audit records carry the hedge flag. */
  hedgeFlag = 0;

  constructor(cfg: RiskEngineConfig) {
    const nS = cfg.strategies.length, nA = cfg.accounts.length, nI = cfg.instruments.length;
    if (nS === 0 || nA === 0 || nI === 0) throw new Error('risk: need at least one strategy, account and instrument');
    this.nStrategies = nS;
    this.nAccounts = nA;
    this.nInstruments = nI;
    const nScopes = nS + nA;
    const all = [...cfg.strategies, ...cfg.accounts];
    this.L = new Float64Array(nScopes * NL);
    this.killBits = new Int32Array(nScopes);
    this.killAll = new Uint8Array(nScopes);
    this.killed = new Uint8Array(nScopes);
    this.restrictedScope = new Uint8Array(nScopes * nI);
    this.restrictedGlobal = new Uint8Array(nI);
    all.forEach((l, s) => {
      validateLimits(l, s < nS ? `strategy ${s}` : `account ${s - nS}`);
      writeRow(this.L, s, l);
      this.killBits[s] = killMask(l);
      this.killAll[s] = l.killAllOnBreach === 1 ? 1 : 0;
      for (const i of l.restricted) if (i >= 0 && i < nI) this.restrictedScope[s * nI + i] = 1;
    });
    for (const ins of cfg.instruments) if (!Number.isSafeInteger(ins.notionalMultiplier) || ins.notionalMultiplier <= 0) throw new Error('risk: notionalMultiplier must be a positive safe integer');
    const capacity = cfg.maxOpenOrders ?? 4096, auditSlots = AuditRing.slots(cfg.auditCapacity ?? 65536);
    const winLimits = [...all.map((l) => l.maxOrdersPerWindow), ...all.map((l) => l.maxMessagesPerWindow), ...all.map((l) => l.maxRejectsPerWindow)];
    const winNs = [...all.map((l) => l.orderWindowNs), ...all.map((l) => l.messageWindowNs), ...all.map((l) => l.rejectWindowNs)];
    // The arena: what the allocations below take, plus the windows once more and 1 MiB (setLimits
    // rebuilds the windows in place and may grow them).
    const lists = nScopes * nI * 2, nW = 3 * nScopes;
    const winBytes = arenaBytes(nW * W_ROW, 4) + 2 * arenaBytes(nW, 8) + arenaBytes(SlidingWindows.slots(winLimits), 8);
    const bytes = arenaBytes(NSF * nScopes, 8) + arenaBytes(NXF * nScopes * nI, 8) + arenaBytes(NIF * nI, 8)
      + arenaBytes(ORDER_CELLS, 8) + arenaBytes(capacity * OW, 8) + 3 * arenaBytes(capacity, 4) + arenaBytes(lists, 8)
      + arenaBytes(auditSlots * 16, 8) + arenaBytes(AUDIT_CELLS, 8)
      + arenaBytes(nScopes * NL, 8) + arenaBytes(nScopes * nI, 1) + arenaBytes(nScopes * DUP_BUCKETS, 2) + arenaBytes(nScopes * DUP_RING * DW, 8) + arenaBytes(nScopes, 4)
      + 2 * winBytes + (1 << 20);
    const A = (this.arena = new Arena(bytes));
    this.positions = new Positions(nScopes, cfg.instruments.map((x) => x.notionalMultiplier), A);
    this.orders = new OpenOrders(capacity, cfg.clOrdIdMemory ?? 4096, nScopes, nI, A);
    this.audit = new AuditRing(auditSlots, A);
    this.nScopes = nScopes;
    this.LF = A.f64(nScopes * NL);
    this.LF.set(fastLimits(this.L));
    this.scopeLimits = all.map((l) => ({ ...l, restricted: [...l.restricted], killOnBreach: [...l.killOnBreach] }));
    this.blocked = A.u8(nScopes * nI);
    this.reblock(0, nScopes, 0, nI);
    this.dupLast = A.u16(nScopes * DUP_BUCKETS);
    this.dup = A.f64(nScopes * DUP_RING * DW);
    for (let j = 0; j < this.dup.length; j += DW) {
      this.dup[j + D_IS] = -1;
      this.dup[j + D_TS] = -Infinity;
    }
    this.dupN = A.i32(nScopes);
    this.winMark = A.mark();
    this.win = new SlidingWindows(winLimits, winNs, A); // last: see setLimits
    this.onKill = cfg.onKill ?? null;
    const wasm = (this.wasm = new WebAssembly.Instance(wasmModule(), { env: { memory: A.memory } }).exports as unknown as FastExports);
    const P = this.positions, O = this.orders;
    wasm.init(this.LF.byteOffset, this.blocked.byteOffset, this.dupLast.byteOffset, this.dup.byteOffset, this.dupN.byteOffset, P.S.byteOffset,
      P.X.byteOffset, P.I.byteOffset, O.row.byteOffset, O.free.byteOffset, O.best.byteOffset, O.pend.byteOffset, O.idPend.byteOffset,
      O.cells.byteOffset, this.audit.data.byteOffset, this.audit.cells.byteOffset, this.audit.capacity, nS, nI, nScopes);
    this.fast = wasm.fast;
    this.fastOn = 1;
    this.setWin();
    A.prefault();
    // check() and accept() compute array indices as int32 (`(...) | 0`): V8 then drops the overflow check
    // of each index's multiply and add (~150 of them per accepted order; A/B p50 125.5 -> 115.2 ns in
    // benchRisk). Exact while every index fits 31 bits, which this guarantees.
    for (const a of [this.LF, this.positions.S, this.positions.X, this.positions.I, this.orders.row, this.orders.best, this.win.ts, this.win.meta, this.dup, this.dupLast, this.blocked]) {
      if (a.length >= 2 ** 31) throw new Error('risk: a table of the engine exceeds 2^31 entries (too many scopes, instruments, orders or window events)');
    }
  }

  /** Hands the windows' arrays to the wasm fast path. */
  private setWin(): void {
    const W = this.win;
    this.wasm.setWin(W.ts.byteOffset, W.meta.byteOffset, W.until.byteOffset, W.win.byteOffset);
  }

  /** Scope index of an account (strategies come first). */
  accountScope(accountId: number): number {
    return this.nStrategies + accountId;
  }

  limit(scope: number, field: number): number {
    return this.L[scope * NL + field];
  }

  // ---- market data and manual controls (kernel thread) ----

  /** Reference price (NBBO mid or last) of an instrument, price units; 0 clears it. */
  setReference(instrumentId: number, px: number, now: number): void {
    this.positions.setReference(instrumentId, px, now);
  }

  setRestricted(instrumentId: number, restricted: boolean): void {
    this.restrictedGlobal[instrumentId] = restricted ? 1 : 0;
    this.reblock(0, this.nScopes, instrumentId, instrumentId + 1);
  }

  /** Manual kill switch: SCOPE_GLOBAL (id ignored), SCOPE_STRATEGY or SCOPE_ACCOUNT. */
  kill(scopeKind: number, id: number): void {
    if (scopeKind === SCOPE_GLOBAL) this.globalKill = 1;
    else this.setKilled(scopeKind === SCOPE_STRATEGY ? id : this.nStrategies + id, 1);
  }

  release(scopeKind: number, id: number): void {
    if (scopeKind === SCOPE_GLOBAL) this.globalKill = 0;
    else this.setKilled(scopeKind === SCOPE_STRATEGY ? id : this.nStrategies + id, 0);
  }

  private setKilled(scope: number, v: number): void {
    this.killed[scope] = v;
    this.reblock(scope, scope + 1, 0, this.nInstruments);
  }

  /** Cold path: recomputes `blocked` (scope kill, global or scope restricted) for scopes [s0, s1) x instruments [i0, i1). */
  private reblock(s0: number, s1: number, i0: number, i1: number): void {
    const nI = this.nInstruments;
    for (let s = s0; s < s1; s++) {
      for (let i = i0; i < i1; i++) {
        const x = s * nI + i;
        this.blocked[x] = this.killed[s] | this.restrictedGlobal[i] | this.restrictedScope[x];
      }
    }
  }

  /**
   * Cold path: new limits for a strategy (SCOPE_STRATEGY) or account (SCOPE_ACCOUNT) of a running engine,
   * in force from the next check: every check of the row, the kill-on-breach set, the scope's restricted
   * list; the rate and reject windows keep their events (judged by the new limits and windows). Open
   * orders, positions and PnL are untouched: a limit below what is already used rejects new orders only.
   * Throws on invalid limits (validateLimits) and changes nothing then. The kernel journals it (src/kernel/control.ts).
   */
  setLimits(scopeKind: number, id: number, l: RiskLimits): void {
    const nS = this.nStrategies, nI = this.nInstruments;
    if (!(scopeKind === SCOPE_STRATEGY ? id >= 0 && id < nS : scopeKind === SCOPE_ACCOUNT && id >= 0 && id < this.nAccounts) || (id | 0) !== id) throw new Error(`risk: no ${scopeKind === SCOPE_ACCOUNT ? 'account' : 'strategy'} ${id}`);
    const s = scopeKind === SCOPE_STRATEGY ? id : nS + id;
    validateLimits(l, scopeKind === SCOPE_STRATEGY ? `strategy ${id}` : `account ${id}`);
    writeRow(this.L, s, l);
    this.LF.set(fastLimits(this.L));
    this.killBits[s] = killMask(l);
    this.killAll[s] = l.killAllOnBreach === 1 ? 1 : 0;
    this.restrictedScope.fill(0, s * nI, (s + 1) * nI);
    for (const i of l.restricted) if (i >= 0 && i < nI) this.restrictedScope[s * nI + i] = 1;
    this.reblock(s, s + 1, 0, nI);
    const all = this.scopeLimits;
    all[s] = { ...l, restricted: [...l.restricted], killOnBreach: [...l.killOnBreach] };
    const winLimits = [...all.map((x) => x.maxOrdersPerWindow), ...all.map((x) => x.maxMessagesPerWindow), ...all.map((x) => x.maxRejectsPerWindow)];
    const winNs = [...all.map((x) => x.orderWindowNs), ...all.map((x) => x.messageWindowNs), ...all.map((x) => x.rejectWindowNs)];
    // migrated into plain arrays, then copied back into the arena over the old windows (its last tenant)
    const w = SlidingWindows.migrated(this.win, winLimits, winNs);
    this.arena.reset(this.winMark);
    try {
      this.win = SlidingWindows.copied(w, winLimits, winNs, this.arena);
      this.setWin();
      this.fastOn = 1;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.arena.reset(this.winMark);
      this.win = w; // outside the arena: the fast path cannot see them
      this.fastOn = 0;
    }
  }

  isKilled(scopeKind: number, id: number): boolean {
    if (scopeKind === SCOPE_GLOBAL) return this.globalKill === 1;
    return this.killed[scopeKind === SCOPE_STRATEGY ? id : this.nStrategies + id] === 1;
  }

  /** Cold path: the clOrdIds of a scope's open orders (SCOPE_GLOBAL: all), written into `out`; returns the count. */
  openOrdersOf(scopeKind: number, id: number, out: Float64Array): number {
    if (scopeKind === SCOPE_GLOBAL) return this.orders.collect(-1, -1, out);
    return scopeKind === SCOPE_STRATEGY ? this.orders.collect(id, -1, out) : this.orders.collect(-1, this.nStrategies + id, out);
  }

  // ---- the pre-trade check ----

  check(o: OrderIntent, now: number): number {
    if (this.audit.full) {
      this.audit.overflow++;
      this.lastCheck = Check.AuditFull;
      return Reject.RiskAuditFull;
    }
    this.checks++;
    // Validation (check 1) and the global kill here; the rest of the fast path is wasm (asm/risk-fast.ts):
    // it proves, straight-line, that every check passes and books the order (all of accept()), or, at
    // the first doubt, returns non-zero having changed nothing, and exact() (the documented evaluation)
    // decides. It never decides a reject itself, so it can only be wrong by being slow.
    const nS = this.nStrategies, nI = this.nInstruments;
    const sid = o.strategyId, aid = o.accountId, i = o.instrumentId, side = o.side, qty = o.qty;
    const market = o.orderType === ORD_MARKET;
    if (!(sid >= 0 && sid < nS && (sid | 0) === sid && aid >= 0 && aid < this.nAccounts && (aid | 0) === aid && i >= 0 && i < nI && (i | 0) === i)) return this.exact(o, now);
    if ((side !== 0 && side !== 1) || (o.orderType !== ORD_LIMIT && !market) || !Number.isSafeInteger(qty) || qty <= 0 || !Number.isSafeInteger(o.clOrdId) || o.clOrdId < 0 || (!market && (!Number.isSafeInteger(o.price) || o.price <= 0))) return this.exact(o, now);
    if (this.globalKill !== 0 || this.fastOn === 0) return this.exact(o, now);
    const ids = this.orders.ids;
    if (this.fast(sid, (nS + aid) | 0, i, side, qty, o.price, market ? 1 : 0, o.clOrdId, now, this.hedgeFlag, ids.capacity - ids.size) !== 0) return this.exact(o, now);
    this.lastCheck = 0;
    this.lastScope = SCOPE_NONE;
    this.lastLimit = 0;
    this.lastObserved = 0;
    return 0;
  }

  /**
   * A replace of open order `oldClOrdId` by `o` (its new clOrdId, price and OPEN quantity: the new order
   * quantity minus what has filled): checked as the new order with the old one's open quantity released,
   * so order size, notional, open-order count, position and exposure limits judge the order as it will
   * stand, not old + new. Accepted, `o` is booked at once and the old order stays booked until the venue
   * confirms (onOrderDone(old) on OrderReplaced; a replace reject is onOrderDone(new)): conservative while
   * the request is in flight. An old id this engine does not hold: checked as a new order. Cold relative
   * to check(): two open-exposure updates around it.
   */
  checkReplace(o: OrderIntent, oldClOrdId: number, now: number): number {
    const O = this.orders, P = this.positions;
    const slot = O.slotOf(oldClOrdId);
    if (slot < 0) return this.check(o, now);
    const R = O.row, r = slot * OW;
    const ss = R[r + O_STRAT], as = R[r + O_ACCT], i = R[r + O_INST], side = R[r + O_SIDE], leaves = R[r + O_LEAVES];
    P.openDelta(ss, as, i, side, leaves, R, r + O_PX, -1);
    P.openCount[ss]--;
    P.openCount[as]--;
    const code = this.check(o, now);
    P.openDelta(ss, as, i, side, leaves, R, r + O_PX, 1);
    P.openCount[ss]++;
    P.openCount[as]++;
    return code;
  }

  /** The filter: the scope's ring may hold an entry of bucket hb (see dupLast). */
  private dupHit(s: number, hb: number): boolean {
    return ((this.dupN[s] - this.dupLast[(s * DUP_BUCKETS + hb) | 0]) & DUP_SEQ_MASK) < DUP_RING;
  }

  /** The documented evaluation, check by check and scope by scope: the first failing (check, scope) decides. */
  private exact(o: OrderIntent, now: number): number {
    this.slowPath++;
    const nS = this.nStrategies, nI = this.nInstruments;
    const sid = o.strategyId, aid = o.accountId, i = o.instrumentId, side = o.side, qty = o.qty;
    const market = o.orderType === ORD_MARKET;
    // 1 BadOrder
    if (!(sid >= 0 && sid < nS && (sid | 0) === sid && aid >= 0 && aid < this.nAccounts && (aid | 0) === aid && i >= 0 && i < nI && (i | 0) === i)) return this.reject(o, now, Check.BadOrder, -1, 0, 0);
    const ss = sid, as = nS + aid;
    if ((side !== 0 && side !== 1) || (o.orderType !== ORD_LIMIT && !market) || !Number.isSafeInteger(qty) || qty <= 0 || !Number.isSafeInteger(o.clOrdId) || o.clOrdId < 0 || (!market && (!Number.isSafeInteger(o.price) || o.price <= 0))) return this.reject(o, now, Check.BadOrder, -1, 0, 0);
    const L = this.L, P = this.positions;
    const rs = ss * NL, ra = as * NL;
    // 2 KillSwitch
    if (this.globalKill === 1) return this.reject(o, now, Check.KillSwitch, -2, 1, 1);
    if (this.killed[ss] === 1) return this.reject(o, now, Check.KillSwitch, ss, 1, 1);
    if (this.killed[as] === 1) return this.reject(o, now, Check.KillSwitch, as, 1, 1);
    // 3 Restricted
    if (this.restrictedGlobal[i] === 1) return this.reject(o, now, Check.Restricted, -2, 0, i);
    if (this.restrictedScope[ss * nI + i] === 1) return this.reject(o, now, Check.Restricted, ss, 0, i);
    if (this.restrictedScope[as * nI + i] === 1) return this.reject(o, now, Check.Restricted, as, 0, i);
    // 4 RejectThrottle
    const nSc = this.nScopes;
    let sf = this.win.firstFull(ss + 2 * nSc, as + 2 * nSc, now) - 2 * nSc;
    if (sf >= 0) return this.reject(o, now, Check.RejectThrottle, sf, L[sf * NL + F_REJ], L[sf * NL + F_REJ]);
    // 5 DuplicateClOrdId
    if (this.orders.known(o.clOrdId)) return this.reject(o, now, Check.DuplicateClOrdId, -1, 0, o.clOrdId);
    // 6 DuplicateOrder
    const px0 = market ? -1 : o.price;
    const hb = dupBucket(i, side, qty, px0);
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      const w = L[r + F_DUP_WIN];
      if (w < 0) continue;
      if (!this.dupHit(s, hb)) continue;
      const D = this.dup;
      for (let j = s * DUP_RING * DW, e = j + DUP_RING * DW; j < e; j += DW) {
        if (D[j + D_PX] === px0 && D[j + D_QTY] === qty && D[j + D_IS] === ((i << 1) | side) && now - D[j + D_TS] < w) return this.reject(o, now, Check.DuplicateOrder, s, w, now - D[j + D_TS]);
      }
    }
    // 7 MessageRate, 8 OrderRate (observed = the limit: the ring holds exactly that many events, all in the window)
    sf = this.win.firstFull(ss + nSc, as + nSc, now) - nSc;
    if (sf >= 0) return this.reject(o, now, Check.MessageRate, sf, L[sf * NL + F_MSG_RATE], L[sf * NL + F_MSG_RATE]);
    sf = this.win.firstFull(ss, as, now);
    if (sf >= 0) return this.reject(o, now, Check.OrderRate, sf, L[sf * NL + F_ORD_RATE], L[sf * NL + F_ORD_RATE]);
    // 9 MaxLoss, 10 Drawdown (PnL sampled for both scopes: the drawdown high-water mark)
    const pnlS = P.realizedTotal[ss] - P.fees[ss] + P.posValue[ss] - P.costValue[ss];
    const pnlA = P.realizedTotal[as] - P.fees[as] + P.posValue[as] - P.costValue[as];
    if (pnlS > P.peak[ss]) P.peak[ss] = pnlS;
    if (pnlA > P.peak[as]) P.peak[as] = pnlA;
    if (L[rs + F_LOSS] >= 0 && -pnlS >= L[rs + F_LOSS]) return this.reject(o, now, Check.MaxLoss, ss, L[rs + F_LOSS], -pnlS);
    if (L[ra + F_LOSS] >= 0 && -pnlA >= L[ra + F_LOSS]) return this.reject(o, now, Check.MaxLoss, as, L[ra + F_LOSS], -pnlA);
    if (L[rs + F_DD] >= 0 && P.peak[ss] - pnlS >= L[rs + F_DD]) return this.reject(o, now, Check.Drawdown, ss, L[rs + F_DD], P.peak[ss] - pnlS);
    if (L[ra + F_DD] >= 0 && P.peak[as] - pnlA >= L[ra + F_DD]) return this.reject(o, now, Check.Drawdown, as, L[ra + F_DD], P.peak[as] - pnlA);
    // 11 NoReference
    const ref = P.refPx[i], age = now - P.refTs[i];
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      if (!(market || L[r + F_COLLAR] >= 0 || L[r + F_REQ_REF] === 1)) continue;
      const maxAge = L[r + F_REF_AGE];
      if (ref <= 0 || (maxAge >= 0 && age > maxAge)) return this.reject(o, now, Check.NoReference, s, maxAge, ref <= 0 ? -1 : age);
    }
    // 12 NotionalOverflow
    const px = market ? ref : o.price;
    const newN = px * qty * P.mult[i];
    if (!Number.isSafeInteger(newN)) return this.reject(o, now, Check.NotionalOverflow, -1, Number.MAX_SAFE_INTEGER, newN);
    // 13 PriceCollar (limit orders; the reference is known to exist here when the collar is on)
    if (!market) {
      const dev = px > ref ? px - ref : ref - px;
      for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
        const c = L[r + F_COLLAR];
        if (c >= 0 && dev * 10_000 > c * ref) return this.reject(o, now, Check.PriceCollar, s, c, Math.ceil((dev * 10_000) / ref));
      }
    }
    // 14 OrderQty, 15 OrderNotional, 16 OpenOrders
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      if (L[r + F_MAX_QTY] >= 0 && qty > L[r + F_MAX_QTY]) return this.reject(o, now, Check.OrderQty, s, L[r + F_MAX_QTY], qty);
    }
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      if (L[r + F_MAX_N] >= 0 && newN > L[r + F_MAX_N]) return this.reject(o, now, Check.OrderNotional, s, L[r + F_MAX_N], newN);
    }
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      if (L[r + F_OPEN] >= 0 && P.openCount[s] + 1 > L[r + F_OPEN]) return this.reject(o, now, Check.OpenOrders, s, L[r + F_OPEN], P.openCount[s] + 1);
    }
    // 17 PositionQty, 18 PositionNotional: worst case on the order's side
    const buy = side === 0;
    const mark = ref > 0 ? ref : P.lastFillPx[i], mult = P.mult[i];
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      const lim = L[r + F_POS_QTY];
      if (lim < 0) continue;
      const x = s * nI + i;
      const w = buy ? P.pos[x] + P.openBuyQty[x] + qty : P.openSellQty[x] + qty - P.pos[x];
      if (w > lim) return this.reject(o, now, Check.PositionQty, s, lim, w);
    }
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      const lim = L[r + F_POS_N];
      if (lim < 0) continue;
      const x = s * nI + i;
      const posN = P.pos[x] * mark * mult;
      const w = buy ? posN + P.openBuyN[x] + newN : P.openSellN[x] + newN - posN;
      if (w > lim) return this.reject(o, now, Check.PositionNotional, s, lim, w);
    }
    // 19 GrossExposure, 20 NetExposure, 21 Credit
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      const lim = L[r + F_GROSS];
      if (lim < 0) continue;
      const w = P.grossValue[s] + P.openN[s] + newN;
      if (w > lim) return this.reject(o, now, Check.GrossExposure, s, lim, w);
    }
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      const lim = L[r + F_NET];
      if (lim < 0) continue;
      const net = P.posValue[s];
      const w = buy ? net + P.openBuyNTotal[s] + newN : P.openSellNTotal[s] + newN - net;
      if (w > lim) return this.reject(o, now, Check.NetExposure, s, lim, w);
    }
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      const lim = L[r + F_CREDIT];
      if (lim < 0) continue;
      const rl = P.realizedTotal[s] - P.fees[s];
      const w = P.costAbs[s] + P.openN[s] + (rl < 0 ? -rl : 0) + newN;
      if (w > lim) return this.reject(o, now, Check.Credit, s, lim, w);
    }
    // 22 SelfTrade
    const best = this.orders.best;
    for (let s = ss, r = rs, k = 0; k < 2; k++, s = as, r = ra) {
      if (L[r + F_STP] !== 1) continue;
      const opp = best[(s * nI + i) * 2 + (buy ? 1 : 0)];
      if (buy ? (market ? opp < Infinity : opp <= px) : (market ? opp > -Infinity : opp >= px)) return this.reject(o, now, Check.SelfTrade, s, 0, opp);
    }
    return this.accept(o, now, ss, as);
  }

  /**
   * Books an accepted order: it counts as open from now on. A separate method on purpose: check() spends
   * V8's cumulative inlining budget on the checks; this method gets its own, so its helpers (openDelta,
   * the windows, the duplicate rings, the audit write) are inlined here instead of called.
   */
  private accept(o: OrderIntent, now: number, ss: number, as: number): number {
    // Recomputed here rather than passed: a double passed to a call that is not inlined is boxed (a heap
    // allocation per order); Smis and the caller's own `now` are not.
    const O = this.orders, i = o.instrumentId, side = o.side, qty = o.qty;
    const market = o.orderType === ORD_MARKET;
    const P = this.positions, nI = this.nInstruments, nSc = this.nScopes, I = P.I;
    const px = market ? I[(I_REF_PX * nI + i) | 0] : o.price;
    // O.add(o, ss, as, market) by hand (keep in step with OpenOrders.add): as a call it was not inlined.
    const ft = O.freeTop;
    if (ft === 0) return this.reject(o, now, Check.OpenOrders, -2, O.capacity, O.size + 1);
    const slot = O.free[(ft - 1) | 0];
    if (!O.claim(o.clOrdId, slot)) return this.reject(o, now, Check.OpenOrders, -2, O.capacity, O.size + 1);
    O.freeTop = ft - 1;
    const R = O.row, r = (slot * OW) | 0;
    R[(r + O_ID) | 0] = o.clOrdId;
    R[(r + O_STRAT) | 0] = ss;
    R[(r + O_ACCT) | 0] = as;
    R[(r + O_INST) | 0] = i;
    R[(r + O_SIDE) | 0] = side;
    R[(r + O_MKT) | 0] = market ? 1 : 0;
    R[(r + O_PX) | 0] = px;
    R[(r + O_LEAVES) | 0] = qty;
    R[(r + O_ACKED) | 0] = 0;
    R[(r + O_LIVE) | 0] = 1;
    R[(r + O_SEQ) | 0] = O.seq++;
    if (!market) O.enlist(slot, ss, as, i, side);
    // P.openDelta(ss, as, i, side, qty, R, r + O_PX, 1) by hand: as a call it did not fit V8's inlining
    // budget here (a call per accept).
    const X = P.X, S = P.S, nSI = (nSc * nI) | 0;
    const t = now + 0; // converted once (see check())
    const k1 = (ss * nI + i) | 0, k2 = (as * nI + i) | 0, dn = qty * px * I[(I_MULT * nI + i) | 0];
    if (side === 0) {
      X[(X_OPEN_BUY_QTY * nSI + k1) | 0] += qty;
      X[(X_OPEN_BUY_QTY * nSI + k2) | 0] += qty;
      X[(X_OPEN_BUY_N * nSI + k1) | 0] += dn;
      X[(X_OPEN_BUY_N * nSI + k2) | 0] += dn;
      S[(S_OPEN_BUY_N * nSc + ss) | 0] += dn;
      S[(S_OPEN_BUY_N * nSc + as) | 0] += dn;
    } else {
      X[(X_OPEN_SELL_QTY * nSI + k1) | 0] += qty;
      X[(X_OPEN_SELL_QTY * nSI + k2) | 0] += qty;
      X[(X_OPEN_SELL_N * nSI + k1) | 0] += dn;
      X[(X_OPEN_SELL_N * nSI + k2) | 0] += dn;
      S[(S_OPEN_SELL_N * nSc + ss) | 0] += dn;
      S[(S_OPEN_SELL_N * nSc + as) | 0] += dn;
    }
    S[(S_OPEN_N * nSc + ss) | 0] += dn;
    S[(S_OPEN_N * nSc + as) | 0] += dn;
    S[(S_OPEN_COUNT * nSc + ss) | 0]++;
    S[(S_OPEN_COUNT * nSc + as) | 0]++;
    // this.win.recordPairs(ss, as, nSc, now) by hand (keep in step with window.ts): the call cost ~8 ns
    // per accept in benchRisk. Rows ss, as (orders) and ss + nSc, as + nSc (messages).
    const W = this.win, Wm = W.meta, Wt = W.ts, Wu = W.until, Ww = W.win;
    let wr = (ss * W_ROW) | 0, wc = Wm[(wr + W_CAP) | 0], wh = 0, wb = 0;
    if (wc > 0) {
      wh = Wm[(wr + W_HEAD) | 0];
      wb = Wm[(wr + W_BASE) | 0];
      Wt[(wb + wh) | 0] = t + Ww[ss];
      wh = (wh + 1) | 0;
      if (wh === wc) wh = 0;
      Wm[(wr + W_HEAD) | 0] = wh;
      Wu[ss] = Wt[(wb + wh) | 0];
    }
    wr = (as * W_ROW) | 0;
    wc = Wm[(wr + W_CAP) | 0];
    if (wc > 0) {
      wh = Wm[(wr + W_HEAD) | 0];
      wb = Wm[(wr + W_BASE) | 0];
      Wt[(wb + wh) | 0] = t + Ww[as];
      wh = (wh + 1) | 0;
      if (wh === wc) wh = 0;
      Wm[(wr + W_HEAD) | 0] = wh;
      Wu[as] = Wt[(wb + wh) | 0];
    }
    wr = ((ss + nSc) * W_ROW) | 0;
    wc = Wm[(wr + W_CAP) | 0];
    if (wc > 0) {
      wh = Wm[(wr + W_HEAD) | 0];
      wb = Wm[(wr + W_BASE) | 0];
      Wt[(wb + wh) | 0] = t + Ww[(ss + nSc) | 0];
      wh = (wh + 1) | 0;
      if (wh === wc) wh = 0;
      Wm[(wr + W_HEAD) | 0] = wh;
      Wu[(ss + nSc) | 0] = Wt[(wb + wh) | 0];
    }
    wr = ((as + nSc) * W_ROW) | 0;
    wc = Wm[(wr + W_CAP) | 0];
    if (wc > 0) {
      wh = Wm[(wr + W_HEAD) | 0];
      wb = Wm[(wr + W_BASE) | 0];
      Wt[(wb + wh) | 0] = t + Ww[(as + nSc) | 0];
      wh = (wh + 1) | 0;
      if (wh === wc) wh = 0;
      Wm[(wr + W_HEAD) | 0] = wh;
      Wu[(as + nSc) | 0] = Wt[(wb + wh) | 0];
    }
    // both scopes' duplicate rings
    // (straight-line for the two scopes: the loop kept ten arrays live and spilled them)
    const hb = dupBucket(i, side, qty, market ? -1 : o.price), is = (i << 1) | side;
    const D = this.dup, last = this.dupLast, dseq = this.dupN;
    let n = dseq[ss], j = ((ss * DUP_RING + (n & (DUP_RING - 1))) * DW) | 0;
    D[(j + D_IS) | 0] = is;
    D[(j + D_QTY) | 0] = qty;
    D[(j + D_PX) | 0] = market ? -1 : o.price;
    D[(j + D_TS) | 0] = t;
    D[(j + D_PREV) | 0] = last[(ss * DUP_BUCKETS + hb) | 0];
    n = (n + 1) & DUP_SEQ_MASK;
    last[(ss * DUP_BUCKETS + hb) | 0] = n; // 1 + this entry's booking number
    dseq[ss] = n;
    n = dseq[as];
    j = ((as * DUP_RING + (n & (DUP_RING - 1))) * DW) | 0;
    D[(j + D_IS) | 0] = is;
    D[(j + D_QTY) | 0] = qty;
    D[(j + D_PX) | 0] = market ? -1 : o.price;
    D[(j + D_TS) | 0] = t;
    D[(j + D_PREV) | 0] = last[(as * DUP_BUCKETS + hb) | 0];
    n = (n + 1) & DUP_SEQ_MASK;
    last[(as * DUP_BUCKETS + hb) | 0] = n;
    dseq[as] = n;
    this.lastCheck = 0;
    this.lastScope = SCOPE_NONE;
    this.lastLimit = 0;
    this.lastObserved = 0;
    this.audit.writeAccept(t, o, this.hedgeFlag);
    return 0;
  }

  /** scope: >= 0 a scope index, -1 none (order-level), -2 global. */
  private reject(o: OrderIntent, now: number, check: number, scope: number, limit: number, observed: number): number {
    const code = RISK_CODE_BASE + check;
    const kind = scope === -2 ? SCOPE_GLOBAL : scope === -1 ? SCOPE_NONE : scope < this.nStrategies ? SCOPE_STRATEGY : SCOPE_ACCOUNT;
    this.rejects++;
    this.lastCheck = check;
    this.lastScope = kind;
    this.lastLimit = limit;
    this.lastObserved = observed;
    this.audit.write(now, o, check, code, kind, limit, observed, this.hedgeFlag);
    if (check !== Check.BadOrder && check !== Check.KillSwitch && check !== Check.RejectThrottle) {
      this.win.record(2 * this.nScopes + o.strategyId, now);
      this.win.record(2 * this.nScopes + this.nStrategies + o.accountId, now);
    }
    if (scope >= 0 && (this.killBits[scope] & (1 << check)) !== 0) {
      if (this.killAll[scope] === 1) {
        if (this.globalKill === 0) {
          this.globalKill = 1;
          this.autoKills++;
          if (this.onKill !== null) this.onKill(SCOPE_GLOBAL, 0);
        }
      } else if (this.killed[scope] === 0) {
        this.setKilled(scope, 1);
        this.autoKills++;
        if (this.onKill !== null) this.onKill(kind, kind === SCOPE_STRATEGY ? scope : scope - this.nStrategies);
      }
    }
    return code;
  }

  // ---- venue events (kernel thread) ----

  /** The venue acknowledged the order. Returns 0 or RiskUnknownOrder. */
  onOrderOpen(clOrdId: number): number {
    const slot = this.orders.slotOf(clOrdId);
    if (slot < 0) return Reject.RiskUnknownOrder;
    this.orders.row[slot * OW + O_ACKED] = 1;
    return 0;
  }

  /**
   * Cold path (reconciliation after a reconnect, a restart): counts an order the venue reports open but
   * this engine never accepted, without checking it (it is already in the market). Price: its limit, or
   * the current reference for a market order. Returns 0, RiskDuplicateClOrdId or RiskBadOrder/RiskOpenOrders.
   */
  adoptOrder(o: OrderIntent, leaves: number): number {
    if (this.orders.known(o.clOrdId)) return Reject.RiskDuplicateClOrdId;
    if (!(o.strategyId >= 0 && o.strategyId < this.nStrategies && o.accountId >= 0 && o.accountId < this.nAccounts && o.instrumentId >= 0 && o.instrumentId < this.nInstruments) || !Number.isSafeInteger(leaves) || leaves <= 0) return Reject.RiskBadOrder;
    const ss = o.strategyId, as = this.nStrategies + o.accountId, market = o.orderType === ORD_MARKET;
    const px = market ? this.positions.refPx[o.instrumentId] : o.price;
    const slot = this.orders.add(o, ss, as, market);
    if (slot < 0) return Reject.RiskOpenOrders;
    const R = this.orders.row, r = slot * OW;
    R[r + O_PX] = px;
    R[r + O_LEAVES] = leaves;
    R[r + O_ACKED] = 1;
    this.positions.openDelta(ss, as, o.instrumentId, o.side, leaves, R, r + O_PX, 1);
    this.positions.openCount[ss]++;
    this.positions.openCount[as]++;
    return 0;
  }

  /** A cancel or replace the caller sent (counts against message rates; never refused: it reduces risk). */
  onMessage(strategyId: number, accountId: number, now: number): void {
    this.win.record(this.nScopes + strategyId, now);
    this.win.record(this.nScopes + this.nStrategies + accountId, now);
  }

  /** The order is done (cancelled, expired, or rejected by the venue: `venueReject` counts for the throttle). */
  onOrderDone(clOrdId: number, now: number, venueReject = false): number {
    const slot = this.orders.slotOf(clOrdId);
    if (slot < 0) return Reject.RiskUnknownOrder;
    if (venueReject) {
      const R = this.orders.row, nSc = this.nScopes;
      this.win.record(2 * nSc + R[slot * OW + O_STRAT], now);
      this.win.record(2 * nSc + R[slot * OW + O_ACCT], now);
    }
    this.close(slot, this.orders.row[slot * OW + O_LEAVES]);
    return 0;
  }

  /** A fill of qty lots at px (price units), fee in money units. Returns 0, RiskUnknownOrder or RiskOverfill (applied anyway). */
  onFill(clOrdId: number, qty: number, px: number, fee: number, _now: number): number {
    const O = this.orders, P = this.positions, R = O.row;
    const slot = O.slotOf(clOrdId);
    if (slot < 0) return Reject.RiskUnknownOrder;
    const r = slot * OW;
    const ss = R[r + O_STRAT], as = R[r + O_ACCT], i = R[r + O_INST], side = R[r + O_SIDE];
    P.setLastFill(i, px);
    P.fill(ss, i, side, qty, px, fee);
    P.fill(as, i, side, qty, px, fee);
    const leaves = R[r + O_LEAVES];
    const used = qty < leaves ? qty : leaves;
    if (used === leaves) this.close(slot, leaves);
    else {
      P.openDelta(ss, as, i, side, used, R, r + O_PX, -1);
      R[r + O_LEAVES] = leaves - used;
    }
    P.samplePnl(ss);
    P.samplePnl(as);
    return qty > leaves ? Reject.RiskOverfill : 0;
  }

  private close(slot: number, leaves: number): void {
    const O = this.orders, P = this.positions, R = O.row, r = slot * OW;
    const ss = R[r + O_STRAT], as = R[r + O_ACCT], i = R[r + O_INST], side = R[r + O_SIDE];
    P.openDelta(ss, as, i, side, leaves, R, r + O_PX, -1);
    P.openCount[ss]--;
    P.openCount[as]--;
    O.remove(slot);
  }
}
