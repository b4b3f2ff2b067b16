// A pool of K worker threads that run trials (an Executor for study.ts). Each worker builds the objective
// once from an ObjectiveSpec (worker.ts); a trial costs one postMessage each way (params in, outcome out).
//
// Module resolution: workers run compiled JS. From dist/ (the CLI) the worker script is this file's
// sibling; from source (vitest runs src/*.ts) the sibling does not exist, so `distUrl` maps
// src/optimize/x.ts to <repo>/dist/optimize/x.js, which `npm test`'s pretest build produces.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ObjectiveSpec } from './objective.js';
import type { Executor, TrialOutcome, TrialTask } from './study.js';

/** URL of a compiled module of this folder (`name` like 'worker.js'), usable by a worker thread. */
export function distUrl(name: string): URL {
  const here = new URL(`./${name}`, import.meta.url);
  if (here.pathname.endsWith('.js') && import.meta.url.endsWith('.js')) return here;
  return new URL(`../../dist/optimize/${name}`, import.meta.url);
}

export function distAvailable(): boolean {
  return existsSync(fileURLToPath(distUrl('worker.js')));
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

export class WorkerPool implements Executor {
  readonly concurrency: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ task: TrialTask; resolve: (o: TrialOutcome) => void; reject: (e: Error) => void }> = [];
  private readonly pending = new Map<Worker, { resolve: (o: TrialOutcome) => void; reject: (e: Error) => void }>();

  private constructor(k: number) {
    this.concurrency = k;
  }

  /** Start K workers and wait until each has built its objective. */
  static async start(spec: ObjectiveSpec, k: number): Promise<WorkerPool> {
    const url = distUrl('worker.js');
    if (!existsSync(fileURLToPath(url))) throw new Error(`${fileURLToPath(url)} missing: run \`npm run build\` first`);
    const pool = new WorkerPool(k);
    await Promise.all(
      Array.from({ length: k }, async () => {
        const worker = new Worker(url, { workerData: spec });
        await new Promise<void>((resolve, reject) => {
          const onMsg = (m: { ready?: boolean; fatal?: string }) => {
            worker.off('error', reject);
            if (m.fatal !== undefined) reject(new Error(`worker: ${m.fatal}`));
            else resolve();
          };
          worker.once('message', onMsg);
          worker.once('error', reject);
        });
        const slot: Slot = { worker, busy: false };
        worker.on('message', (o: TrialOutcome) => pool.done(slot, o));
        worker.on('error', (e) => pool.crashed(slot, e));
        pool.slots.push(slot);
      }),
    ).catch(async (e: Error) => {
      await pool.close();
      throw e;
    });
    return pool;
  }

  run(task: TrialTask): Promise<TrialOutcome> {
    if (this.slots.length === 0) return Promise.reject(new Error('worker pool: no worker left'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      this.pending.set(slot.worker, job);
      slot.worker.postMessage(job.task);
    }
  }

  private done(slot: Slot, o: TrialOutcome): void {
    const job = this.pending.get(slot.worker);
    this.pending.delete(slot.worker);
    slot.busy = false;
    job?.resolve(o);
    this.pump();
  }

  /** A worker died (an uncaught error in the objective's module): its trial fails, the slot is dropped,
   *  and when no worker is left every queued trial fails too instead of waiting forever. */
  private crashed(slot: Slot, e: Error): void {
    const job = this.pending.get(slot.worker);
    this.pending.delete(slot.worker);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    job?.reject(e);
    if (this.slots.length === 0) for (const q of this.queue.splice(0)) q.reject(new Error(`no worker left (${e.message})`));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
