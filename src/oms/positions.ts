// Positions and fills per (strategy, account, instrument), struct-of-arrays. A position slot is found
// (or created) when an order is submitted, so the fill path only indexes typed arrays.
// Units: quantities in lots, notionals in price units x lots (integers; the caller checks the
// safe-integer range). net = bought - sold. Single-threaded (the kernel's thread).

/** Packs the identity into one safe integer: strategy < 2^20, account < 2^16, instrument < 2^16. */
export function positionKey(strategy: number, account: number, instrument: number): number {
  return strategy * 4294967296 + account * 65536 + instrument;
}

export function validIdentity(strategy: number, account: number, instrument: number): boolean {
  return (
    Number.isInteger(strategy) && strategy >= 0 && strategy < 1048576 &&
    Number.isInteger(account) && account >= 0 && account < 65536 &&
    Number.isInteger(instrument) && instrument >= 0 && instrument < 65536
  );
}

export interface PositionView {
  strategy: number;
  account: number;
  instrument: number;
  /** Signed lots: bought - sold. */
  net: number;
  bought: number;
  sold: number;
  /** Sum of lastQty * lastPx over buys / sells (price units x lots). */
  buyNotional: number;
  sellNotional: number;
  fills: number;
}

export class Positions {
  readonly capacity: number;
  count = 0;
  readonly key: Float64Array;
  readonly bought: Float64Array;
  readonly sold: Float64Array;
  readonly buyNotional: Float64Array;
  readonly sellNotional: Float64Array;
  readonly fills: Float64Array;
  private readonly index = new Map<number, number>();

  constructor(capacity: number) {
    this.capacity = capacity;
    this.key = new Float64Array(capacity);
    this.bought = new Float64Array(capacity);
    this.sold = new Float64Array(capacity);
    this.buyNotional = new Float64Array(capacity);
    this.sellNotional = new Float64Array(capacity);
    this.fills = new Float64Array(capacity);
  }

  /** The slot of the key, created on first use; -1 when full. */
  slotFor(key: number): number {
    const s = this.index.get(key);
    if (s !== undefined) return s;
    if (this.count === this.capacity) return -1;
    const n = this.count++;
    this.key[n] = key;
    this.index.set(key, n);
    return n;
  }

  find(strategy: number, account: number, instrument: number): number {
    return this.index.get(positionKey(strategy, account, instrument)) ?? -1;
  }

  /** Adds a fill (qty may be negative for a reconciliation correction). isBuy: side = bid. */
  addFill(slot: number, isBuy: boolean, qty: number, notional: number): void {
    if (isBuy) {
      this.bought[slot] += qty;
      this.buyNotional[slot] += notional;
    } else {
      this.sold[slot] += qty;
      this.sellNotional[slot] += notional;
    }
    this.fills[slot]++;
  }

  net(slot: number): number {
    return this.bought[slot] - this.sold[slot];
  }

  view(slot: number): PositionView {
    const k = this.key[slot];
    const strategy = Math.floor(k / 4294967296);
    const rest = k - strategy * 4294967296;
    return {
      strategy,
      account: Math.floor(rest / 65536),
      instrument: rest % 65536,
      net: this.net(slot),
      bought: this.bought[slot],
      sold: this.sold[slot],
      buyNotional: this.buyNotional[slot],
      sellNotional: this.sellNotional[slot],
      fills: this.fills[slot],
    };
  }
}
