// Worker-thread entry of the optimiser's pool (pool.ts). Contract: workerData is an ObjectiveSpec; the
// worker builds the objective ONCE (so a backtest objective loads and parses its data once per worker),
// posts {ready} (or {fatal}), then answers each TrialTask message with a TrialOutcome, one at a time.
// Runs only from compiled JS (dist/optimize/worker.js).

import { parentPort, workerData } from 'node:worker_threads';
import { loadObjective, type ObjectiveSpec } from './objective.js';
import { executeTrial, type TrialTask } from './study.js';

const port = parentPort;
if (port === null) throw new Error('optimize/worker.js must run in a worker thread');

loadObjective(workerData as ObjectiveSpec).then(
  (fn) => {
    let chain: Promise<unknown> = Promise.resolve();
    port.on('message', (task: TrialTask) => {
      chain = chain.then(async () => port.postMessage(await executeTrial(fn, task)));
    });
    port.postMessage({ ready: true });
  },
  (e: Error) => port.postMessage({ fatal: e.message }),
);
