// Instrument registry: a dense integer id per instrument so hot paths index arrays, never strings.
// Cold path: registration happens when a feed announces a symbol (ITCH stock directory, a LOBSTER
// file name, a Databento symbol column) or a config names one.

export interface InstrumentSpec {
  symbol: string;
  /** Price units per currency unit (10_000 for ITCH equities: prices are 1/10000 dollars). */
  priceScale: number;
  /** Minimum price increment, in price units. */
  tickSize: number;
  /** Round lot, in shares or contracts. */
  lotSize: number;
}

export interface Instrument extends InstrumentSpec {
  id: number;
}

export class InstrumentRegistry {
  private readonly byId: Instrument[] = [];
  private readonly bySymbol = new Map<string, Instrument>();

  /** Adds (or returns the existing) instrument for `symbol`. */
  register(spec: InstrumentSpec): Instrument {
    const found = this.bySymbol.get(spec.symbol);
    if (found) return found;
    if (!Number.isSafeInteger(spec.priceScale) || spec.priceScale <= 0) throw new Error(`bad priceScale for ${spec.symbol}`);
    const inst: Instrument = { ...spec, id: this.byId.length };
    this.byId.push(inst);
    this.bySymbol.set(spec.symbol, inst);
    return inst;
  }

  get(id: number): Instrument | undefined {
    return this.byId[id];
  }

  find(symbol: string): Instrument | undefined {
    return this.bySymbol.get(symbol);
  }

  get size(): number {
    return this.byId.length;
  }

  all(): readonly Instrument[] {
    return this.byId;
  }
}

/** US equities: $0.01 tick at and above $1.00, $0.0001 below (Reg NMS 612), prices in 1/10000 dollars. */
export function usEquity(symbol: string): InstrumentSpec {
  return { symbol, priceScale: 10_000, tickSize: 100, lotSize: 100 };
}
