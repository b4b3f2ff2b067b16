// The parts buildKernel assembles and hands to the Kernel, and the reused order-event object the kernel
// passes to strategies (one instance per kernel: strategies copy what they keep).

import type { Clock } from '../clock/clock.js';
import type { L3Books } from '../book/l3.js';
import type { InstrumentRegistry } from '../core/instruments.js';
import { SIDE_BID, type Side } from '../core/units.js';
import type { ItchBookHandler } from '../feed/itch/book-handler.js';
import type { Journal } from '../journal/journal.js';
import type { Oms } from '../oms/oms.js';
import type { RiskEngine } from '../risk/index.js';
import type { FeatureEngine } from '../signal/features.js';
import type { OrderEventView, Strategy } from '../strategy/types.js';
import type { VenuePort } from '../venue/types.js';
import type { InboundRing } from './ring.js';
import type { TimerQueue } from './timers.js';

/** The reused order event handed to strategies. */
export class OrderEventSlot implements OrderEventView {
  event = 0;
  clOrdId = 0;
  origClOrdId = 0;
  instrument = 0;
  side: Side = SIDE_BID;
  lastQty = 0;
  lastPx = 0;
  leavesQty = 0;
  cumQty = 0;
  done = false;
  reason = 0;
}

/** Everything buildKernel assembled; the Kernel only wires events between them. */
export interface KernelParts {
  clock: Clock;
  registry: InstrumentRegistry;
  /** Instruments the kernel trades (ids 0..n-1); later registry ids are carried by the books only. */
  nInstruments: number;
  books: L3Books;
  itch: ItchBookHandler;
  features: (FeatureEngine | null)[];
  strategies: Strategy[];
  /** [instrument] -> indexes of the strategies subscribed to it. */
  subscribers: number[][];
  risk: RiskEngine;
  oms: Oms;
  port: VenuePort;
  ring: InboundRing;
  timers: TimerQueue;
  journal: Journal | null;
  /** Where an event's time comes from (KernelConfig.eventTime; default 'poll'). */
  eventTime?: 'poll' | 'source';
  /** Compute every instrument's features from the start (else from a strategy's first read). */
  featuresAlways?: boolean;
}

