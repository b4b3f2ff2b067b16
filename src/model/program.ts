// The pure-TypeScript fast path: a straight-line program of vector ops over one preallocated Float64Array
// arena (batch size 1: one feature vector in, one output vector out). Every intermediate has a fixed
// offset in the arena; `run()` executes the ops and allocates nothing. Linear/logistic models, MLPs
// (./builders.ts) and ONNX graphs of supported operators (./onnx-compile.ts) all compile to this.
//
// Two executions of the same ops: `run()` calls code generated from them when the Program is built
// (./program-codegen.ts, ~2.4x faster on the benchmark MLP), `runReference()` interprets them
// (./program-ops.ts). Both do the same float64 operations in the same order, so they agree bit for bit
// (test/model/codegen.test.ts). The op list is read once, at construction: change it, build a new Program.

import { compileOps } from './program-codegen.js';
import { type Op, runOps } from './program-ops.js';

export {
  Op,
  OP_ADD,
  OP_ADD_CONST,
  OP_CONST_SUB,
  OP_COPY,
  OP_DENSE,
  OP_DIV_CONST,
  OP_LEAKY_RELU,
  OP_MUL,
  OP_MUL_CONST,
  OP_RELU,
  OP_SIGMOID,
  OP_SOFTMAX,
  OP_SUB,
  OP_TANH,
  sigmoid,
} from './program-ops.js';

export class Program {
  readonly arena: Float64Array;
  /** Views into the arena: write features into `input`, call run(), read `output`. */
  readonly input: Float64Array;
  readonly output: Float64Array;
  /** True when run() executes generated code, false when it interprets (code generation disabled). */
  readonly compiled: boolean;
  private readonly exec: () => void;

  constructor(
    arenaSize: number,
    readonly inputOffset: number,
    readonly inputSize: number,
    readonly outputOffset: number,
    readonly outputSize: number,
    readonly ops: Op[],
  ) {
    this.arena = new Float64Array(arenaSize);
    this.input = this.arena.subarray(inputOffset, inputOffset + inputSize);
    this.output = this.arena.subarray(outputOffset, outputOffset + outputSize);
    const fast = compileOps(this.arena, ops);
    this.compiled = fast !== null;
    this.exec = fast ?? (() => runOps(this.arena, this.ops));
  }

  /** Copies `x` (inputSize values from xOff) in, runs, copies the outputs to `out` at outOff. */
  predict(x: ArrayLike<number>, out: Float64Array, xOff = 0, outOff = 0): void {
    const a = this.arena;
    const io = this.inputOffset;
    for (let i = 0; i < this.inputSize; i++) a[io + i] = x[xOff + i];
    this.exec();
    const oo = this.outputOffset;
    for (let j = 0; j < this.outputSize; j++) out[outOff + j] = a[oo + j];
  }

  /** Rows of a row-major batch, one after another (the fast path has no batch kernel: rows are tiny). */
  predictBatch(x: ArrayLike<number>, rows: number, out: Float64Array): void {
    for (let r = 0; r < rows; r++) this.predict(x, out, r * this.inputSize, r * this.outputSize);
  }

  /** Runs the ops on the arena as it stands (write `input` first, read `output` after). */
  run(): void {
    this.exec();
  }

  /** The interpreter over the same ops: the plain twin of run(), for tests and debugging. */
  runReference(): void {
    runOps(this.arena, this.ops);
  }
}

/** Allocates arena slots and collects ops (cold path). */
export class ProgramBuilder {
  private size = 0;
  readonly ops: Op[] = [];

  alloc(n: number): number {
    const off = this.size;
    this.size += n;
    return off;
  }

  push(op: Op): void {
    this.ops.push(op);
  }

  build(inputOffset: number, inputSize: number, outputOffset: number, outputSize: number): Program {
    return new Program(this.size, inputOffset, inputSize, outputOffset, outputSize, this.ops);
  }
}
