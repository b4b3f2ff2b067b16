// onnxruntime-node off the kernel thread: any ONNX model (including those the fast path refuses) runs in
// a worker_thread; calls are batched. Design principle 1: heavy model calls live at the edges and hand
// results back asynchronously; the kernel never waits on them synchronously.
//
// Contract
// - OrtRunner.start({ modelPath }) loads the model in a new worker (CPU execution provider unless
//   `executionProviders` says otherwise, e.g. ['cuda', 'cpu'] for users with a CUDA build of onnxruntime).
// - infer(x) queues one row of `inputSize` values; every row queued before the current microtask queue
//   drains goes to the worker as ONE batch [rows, inputSize] (one session.run), and each promise gets its
//   own row of the output. inferBatch(x, rows) sends a ready-made batch.
// - Inputs are converted to the model input's element type (float32 or float64); outputs come back as
//   Float64Array. The model must have one input [batch, F] and its first output [batch, K].
// - onnxruntime-node is an optional dependency, loaded at start(): when it cannot be resolved, start()
//   rejects with OrtUnavailableError (install it with `npm install --ignore-scripts onnxruntime-node`:
//   the CPU binaries ship inside the package; its install script only fetches CUDA libraries).
// The worker's code is a plain-JS string (eval worker) so the same file works from src (vitest/tsx) and
// from dist without a TypeScript loader in the worker.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { decodeOnnxModel, DT_DOUBLE, DT_FLOAT } from './onnx-proto.js';

export class OrtUnavailableError extends Error {}

export interface OrtRunnerOptions {
  modelPath: string;
  /** Execution providers in preference order (default ['cpu']). */
  executionProviders?: string[];
  /** Module to load (a package name or an absolute path); default 'onnxruntime-node'. */
  ortModule?: string;
  /** Threads onnxruntime may use inside the worker for one run (default 1: one core per model). */
  intraOpThreads?: number;
}

// One host worker per process serves every session: onnxruntime-node's native binding can be loaded only
// once per process (a second worker that requires it after the first has gone fails with "Module did
// not self-register"), so the host stays up (unref'd: it never keeps the process alive).
const WORKER_SRC = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const sessions = new Map();
parentPort.on('message', async (m) => {
  if (m.op === 'load') {
    try {
      const s = await ort.InferenceSession.create(m.modelPath, { executionProviders: m.executionProviders, intraOpNumThreads: m.intraOpThreads });
      sessions.set(m.sid, s);
      parentPort.postMessage({ sid: m.sid, ready: true });
    } catch (e) {
      parentPort.postMessage({ sid: m.sid, fatal: String((e && e.message) || e) });
    }
    return;
  }
  if (m.op === 'unload') {
    const s = sessions.get(m.sid);
    sessions.delete(m.sid);
    if (s) await s.release();
    return;
  }
  const s = sessions.get(m.sid);
  try {
    const data = m.f64 ? new Float64Array(m.buf) : new Float32Array(m.buf);
    const res = await s.run({ [s.inputNames[0]]: new ort.Tensor(m.f64 ? 'float64' : 'float32', data, [m.rows, m.cols]) });
    const o = Float64Array.from(res[s.outputNames[0]].data);
    parentPort.postMessage({ sid: m.sid, id: m.id, out: o.buffer }, [o.buffer]);
  } catch (e) {
    parentPort.postMessage({ sid: m.sid, id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface HostMessage {
  sid: number;
  id?: number;
  ready?: boolean;
  fatal?: string;
  out?: ArrayBuffer;
  error?: string;
}

interface Host {
  worker: Worker;
  ortPath: string;
  handlers: Map<number, (m: HostMessage) => void>;
  nextSid: number;
}

let host: Host | null = null;

function getHost(ortPath: string): Host {
  if (host !== null) {
    if (host.ortPath !== ortPath) throw new Error(`onnxruntime is already loaded from ${host.ortPath}; one binding per process`);
    return host;
  }
  const worker = new Worker(WORKER_SRC, { eval: true, workerData: { ortPath } });
  worker.unref();
  const h: Host = { worker, ortPath, handlers: new Map(), nextSid: 1 };
  worker.on('message', (m: HostMessage) => h.handlers.get(m.sid)?.(m));
  worker.on('error', (e) => {
    for (const fn of h.handlers.values()) fn({ sid: 0, fatal: String(e.message) });
    if (host === h) host = null;
  });
  host = h;
  return h;
}

interface Pending {
  resolve: (v: Float64Array) => void;
  reject: (e: Error) => void;
  rows: number;
}

export class OrtRunner {
  private nextId = 1;
  private readonly inflight = new Map<number, Pending[]>();
  private queue: { x: Float64Array; p: Pending }[] = [];
  private flushScheduled = false;
  /** Batches sent to the worker (for tests and stats). */
  batches = 0;

  private constructor(
    private readonly host: Host,
    private readonly sid: number,
    readonly inputSize: number,
    readonly f64: boolean,
  ) {
    host.handlers.set(sid, (m) => this.onResult(m));
  }

  static async start(opts: OrtRunnerOptions): Promise<OrtRunner> {
    // The input's feature count and element type, from our own reader (cold path).
    const g = decodeOnnxModel(await readFile(opts.modelPath)).graph;
    const inits = new Set(g.initializers.map((t) => t.name));
    const input = g.inputs.find((v) => !inits.has(v.name));
    const F = input?.shape[input.shape.length - 1] ?? -1;
    if (input === undefined || !(F > 0)) throw new Error(`${opts.modelPath}: no graph input with a known feature count`);
    if (input.elemType !== DT_FLOAT && input.elemType !== DT_DOUBLE) throw new Error(`${opts.modelPath}: input element type ${input.elemType} is not float32/float64`);
    let ortPath: string;
    try {
      ortPath = createRequire(import.meta.url).resolve(opts.ortModule ?? 'onnxruntime-node');
    } catch {
      throw new OrtUnavailableError(`${opts.ortModule ?? 'onnxruntime-node'} is not installed (npm install --ignore-scripts onnxruntime-node)`);
    }
    const h = getHost(ortPath);
    const sid = h.nextSid++;
    await new Promise<void>((resolve, reject) => {
      h.handlers.set(sid, (m) => {
        h.handlers.delete(sid);
        if (m.ready === true) resolve();
        else reject(new Error(`onnxruntime: ${m.fatal ?? 'session failed to load'}`));
      });
      h.worker.postMessage({ op: 'load', sid, modelPath: opts.modelPath, executionProviders: opts.executionProviders ?? ['cpu'], intraOpThreads: opts.intraOpThreads ?? 1 });
    });
    return new OrtRunner(h, sid, F, input.elemType === DT_DOUBLE);
  }

  /** One row; resolved with that row's outputs. Rows queued in the same tick share one session.run. */
  infer(x: Float64Array): Promise<Float64Array> {
    if (x.length !== this.inputSize) return Promise.reject(new Error(`infer: expected ${this.inputSize} values, got ${x.length}`));
    return new Promise((resolve, reject) => {
      this.queue.push({ x, p: { resolve, reject, rows: 1 } });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  /** A row-major batch of `rows` rows; resolved with the row-major outputs. */
  inferBatch(x: Float64Array, rows: number): Promise<Float64Array> {
    return new Promise((resolve, reject) => this.send(x, rows, [{ resolve, reject, rows }]));
  }

  /** Releases the session (the shared host worker stays up for later sessions). */
  close(): void {
    this.host.handlers.delete(this.sid);
    this.host.worker.postMessage({ op: 'unload', sid: this.sid });
    for (const ws of this.inflight.values()) for (const w of ws) w.reject(new Error('onnxruntime: runner closed'));
    this.inflight.clear();
  }

  private flush(): void {
    this.flushScheduled = false;
    const q = this.queue;
    this.queue = [];
    if (q.length === 0) return;
    const F = this.inputSize;
    const x = new Float64Array(q.length * F);
    for (let r = 0; r < q.length; r++) x.set(q[r].x, r * F);
    this.send(x, q.length, q.map((e) => e.p));
  }

  private send(x: Float64Array, rows: number, waiters: Pending[]): void {
    const id = this.nextId++;
    this.inflight.set(id, waiters);
    const data = this.f64 ? Float64Array.from(x) : Float32Array.from(x);
    this.batches++;
    this.host.worker.postMessage({ op: 'run', sid: this.sid, id, rows, cols: this.inputSize, f64: this.f64, buf: data.buffer }, [data.buffer]);
  }

  private onResult(m: HostMessage): void {
    if (m.id === undefined) {
      for (const ws of this.inflight.values()) for (const w of ws) w.reject(new Error(`onnxruntime: ${m.fatal ?? 'host failed'}`));
      this.inflight.clear();
      return;
    }
    const waiters = this.inflight.get(m.id);
    if (waiters === undefined) return;
    this.inflight.delete(m.id);
    if (m.error !== undefined || m.out === undefined) {
      for (const w of waiters) w.reject(new Error(`onnxruntime: ${m.error ?? 'no output'}`));
      return;
    }
    const out = new Float64Array(m.out);
    const total = waiters.reduce((s, w) => s + w.rows, 0);
    const K = out.length / total;
    let row = 0;
    for (const w of waiters) {
      w.resolve(out.subarray(row * K, (row + w.rows) * K));
      row += w.rows;
    }
  }
}
