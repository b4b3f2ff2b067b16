// A port that sends nothing and reports nothing: journal replay rebuilds state from recorded inputs
// (the venue's reports are in the journal), so the commands the strategies regenerate must not go out.

import type { Nanos, Px, Qty, Side } from '../core/units.js';
import type { VenueEventSink, VenuePort } from './types.js';

export class NullVenuePort implements VenuePort {
  readonly kind: VenuePort['kind'] = 'null';
  /** Commands swallowed (tests compare them with the journal's). */
  commands = 0;
  attach(_sink: VenueEventSink): void {}
  submit(_cl: number, _inst: number, _side: Side, _qty: Qty, _px: Px, _tif: number, _now: Nanos): void {
    this.commands++;
  }
  cancel(_cl: number, _orig: number, _inst: number, _side: Side, _now: Nanos): void {
    this.commands++;
  }
  replace(_cl: number, _orig: number, _inst: number, _side: Side, _qty: Qty, _px: Px, _now: Nanos): void {
    this.commands++;
  }
  onMarket(_inst: number, _px: Px, _qty: Qty, _now: Nanos): void {}
}
