// A port that sends nothing and reports nothing: journal replay rebuilds state from recorded inputs
// (the venue's reports are in the journal), so the commands the strategies regenerate must not go out.

import type { VenueEventSink, VenuePort } from './types.js';

export class NullVenuePort implements VenuePort {
  readonly kind = 'null';
  /** Commands swallowed (tests compare them with the journal's). */
  commands = 0;
  attach(_sink: VenueEventSink): void {}
  submit(): void {
    this.commands++;
  }
  cancel(): void {
    this.commands++;
  }
  replace(): void {
    this.commands++;
  }
  onMarket(): void {}
}
