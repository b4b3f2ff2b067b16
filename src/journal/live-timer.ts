// The batch fsync timer for live sessions, on the live clock's real timers (the only module allowed to
// set them is src/clock/live.ts). Backtests and tests inject their own JournalTimer, or none.
import { clearLiveTimer, setLiveTimeout } from '../clock/live.js';
import type { JournalTimer } from './journal.js';

export function liveJournalTimer(): JournalTimer {
  return {
    set: (fn: () => void, ms: number) => setLiveTimeout(fn, ms),
    clear: (h: unknown) => clearLiveTimer(h as NodeJS.Timeout),
  };
}
