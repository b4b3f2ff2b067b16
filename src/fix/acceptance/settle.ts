// Waiting, between two scripts, until the server has seen the previous script's connections go
// (QuickFIX's runner has the same race; waiting makes runs deterministic instead of lucky).

import { setLiveTimeout } from '../../clock/live.js';
import type { TestServer } from './server.js';

const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));

export async function liveSettle(server: TestServer, maxMs = 2000): Promise<void> {
  for (let waited = 0; waited < maxMs && !server.idle(); waited += 5) await sleep(5);
}

export async function pause(ms: number): Promise<void> {
  await sleep(ms);
}
