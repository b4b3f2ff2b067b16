// Search spaces: one distribution per named parameter, as Optuna's FloatDistribution / IntDistribution
// (low, high, optional step, optional log scale). `--param name=lo:hi[:step]` parses into one; a
// parameter is an integer when lo, hi (and step) are all integers written without a decimal point, and
// log-scaled when written `name=log:lo:hi` (lo > 0). Samplers work in the "internal" space: log(x) for
// log parameters, x otherwise; `toExternal` rounds to the step and clips, as Optuna does.

export interface ParamSpec {
  name: string;
  low: number;
  high: number;
  /** Grid step / quantum in external units; undefined = continuous (ints always have one, default 1). */
  step?: number;
  int: boolean;
  log: boolean;
}

export type Params = Record<string, number>;

export function floatParam(name: string, low: number, high: number, opts: { step?: number; log?: boolean } = {}): ParamSpec {
  return check({ name, low, high, step: opts.step, int: false, log: opts.log ?? false });
}

export function intParam(name: string, low: number, high: number, opts: { step?: number; log?: boolean } = {}): ParamSpec {
  return check({ name, low, high, step: opts.log ? undefined : (opts.step ?? 1), int: true, log: opts.log ?? false });
}

function check(p: ParamSpec): ParamSpec {
  if (!p.name) throw new Error('parameter: empty name');
  if (!Number.isFinite(p.low) || !Number.isFinite(p.high) || p.low > p.high) throw new Error(`parameter ${p.name}: need finite lo <= hi`);
  if (p.log && p.low <= 0) throw new Error(`parameter ${p.name}: a log scale needs lo > 0`);
  if (p.log && p.step !== undefined && !p.int) throw new Error(`parameter ${p.name}: step and log scale cannot be combined`);
  if (p.step !== undefined && !(p.step > 0)) throw new Error(`parameter ${p.name}: step must be > 0`);
  if (p.int && (!Number.isInteger(p.low) || !Number.isInteger(p.high))) throw new Error(`parameter ${p.name}: integer bounds expected`);
  return p;
}

const isIntText = (s: string) => /^[-+]?\d+$/.test(s.trim());

/** Parse `name=lo:hi[:step]` or `name=log:lo:hi` (see header). Throws with the offending text. */
export function parseParam(text: string): ParamSpec {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`--param ${text}: expected name=lo:hi[:step]`);
  const name = text.slice(0, eq).trim();
  let parts = text.slice(eq + 1).split(':');
  let log = false;
  if (parts[0].trim().toLowerCase() === 'log') {
    log = true;
    parts = parts.slice(1);
  }
  if (parts.length < 2 || parts.length > 3 || (log && parts.length !== 2)) throw new Error(`--param ${text}: expected name=lo:hi[:step] or name=log:lo:hi`);
  const nums = parts.map((s) => Number(s));
  if (nums.some((n) => !Number.isFinite(n)) || parts.some((s) => s.trim() === '')) throw new Error(`--param ${text}: bounds must be numbers`);
  const isInt = parts.every(isIntText);
  return isInt ? intParam(name, nums[0], nums[1], { step: nums[2], log }) : floatParam(name, nums[0], nums[1], { step: nums[2], log });
}

/** Bounds of the internal space the samplers draw in (Optuna's _SearchSpaceTransform / Parzen bounds). */
export function internalBounds(p: ParamSpec): [number, number] {
  if (p.log) return p.int ? [Math.log(p.low - 0.5), Math.log(p.high + 0.5)] : [Math.log(p.low), Math.log(p.high)];
  if (p.step !== undefined) return [p.low - 0.5 * p.step, p.high + 0.5 * p.step];
  return [p.low, p.high];
}

export function toInternal(p: ParamSpec, x: number): number {
  return p.log ? Math.log(x) : x;
}

/** Internal value -> the external value a trial sees: exp for log scales, rounded to the step, clipped. */
export function toExternal(p: ParamSpec, v: number): number {
  let x: number;
  if (p.log) x = p.int ? Math.round(Math.exp(v)) : Math.exp(v);
  else if (p.step !== undefined) x = Math.round((v - p.low) / p.step) * p.step + p.low;
  else x = v;
  x = Math.min(Math.max(x, p.low), p.high);
  // Keep decimal steps tidy (0.1 * 3 -> 0.30000000000000004 otherwise).
  if (p.step !== undefined && !p.int) x = Number(x.toPrecision(12));
  return x;
}

/** Every grid value of one parameter: lo, lo+step, ... <= hi; continuous parameters get `points` values. */
export function gridValues(p: ParamSpec, points = 10): number[] {
  if (p.step !== undefined) {
    const n = Math.floor((p.high - p.low) / p.step + 1e-9) + 1;
    return Array.from({ length: n }, (_, i) => toExternal(p, p.low + i * p.step!));
  }
  if (p.low === p.high) return [p.low];
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const t = i / (points - 1);
    const v = p.log ? Math.exp(Math.log(p.low) + t * (Math.log(p.high) - Math.log(p.low))) : p.low + t * (p.high - p.low);
    out.push(p.int ? Math.round(v) : v);
  }
  return [...new Set(out)];
}
