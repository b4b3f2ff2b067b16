// The system's log: pino, JSON lines on stdout, one line per event worth a human's attention (start,
// stop, stage changes, kill switch, FIX session up/down, risk breaches). Never called per market message
// or per order (the counters in src/metrics carry those). `level: 'silent'` for tests.

import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(opts: { level?: string; name?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const base = { level: opts.level ?? 'info', name: opts.name ?? 'hftbot' };
  return opts.destination === undefined ? pino(base) : pino(base, opts.destination);
}
