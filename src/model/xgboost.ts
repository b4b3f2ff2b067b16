// Gradient-boosted trees from XGBoost's JSON model format (Booster.save_model("m.json"), xgboost 1.x/2.x
// "learner" schema, gbtree booster), evaluated in TypeScript with XGBoost's float32 semantics:
// - a feature value is rounded to float32 before it is compared (DMatrix stores float32);
// - split test: missing (NaN) -> the default child; else fvalue < threshold -> left, else right;
// - leaf values (split_conditions of leaf nodes) and thresholds are float32; the margin starts at the
//   base margin and accumulates tree by tree in float32 (Math.fround after every add), as the CPU
//   predictor's float output buffer does;
// - base_score is stored in output space and turned into a margin by the objective (logit for logistic
//   objectives, log for count/gamma/tweedie), in float32.
// Trees are flattened into typed arrays at load; predict() allocates nothing.

export class XgbModelError extends Error {}

type Transform = 'identity' | 'sigmoid' | 'exp' | 'softmax';

const OBJECTIVES: Record<string, Transform> = {
  'reg:squarederror': 'identity',
  'reg:linear': 'identity',
  'reg:squaredlogerror': 'identity',
  'reg:pseudohubererror': 'identity',
  'reg:absoluteerror': 'identity',
  'binary:logitraw': 'identity',
  'rank:pairwise': 'identity',
  'reg:logistic': 'sigmoid',
  'binary:logistic': 'sigmoid',
  'count:poisson': 'exp',
  'reg:gamma': 'exp',
  'reg:tweedie': 'exp',
  'multi:softprob': 'softmax',
  'multi:softmax': 'softmax',
};

const f32 = Math.fround;

interface JsonTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[] | boolean[];
  split_type?: number[];
}

export class XgbModel {
  readonly objective: string;
  readonly numFeatures: number;
  /** Outputs per row: 1, or num_class for multi-class objectives. */
  readonly numGroups: number;
  readonly baseMargin: number;
  private readonly transform: Transform;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly feature: Int32Array;
  private readonly value: Float64Array;
  private readonly defaultLeft: Uint8Array;
  private readonly roots: Int32Array;
  private readonly treeGroup: Int32Array;
  private readonly margin: Float64Array;

  constructor(json: unknown) {
    const learner = (json as { learner?: Record<string, unknown> }).learner;
    if (!learner) throw new XgbModelError('not an XGBoost JSON model: no "learner"');
    const objective = String((learner.objective as { name?: string } | undefined)?.name ?? '');
    const transform = OBJECTIVES[objective];
    if (transform === undefined) throw new XgbModelError(`objective "${objective}" is not supported`);
    this.objective = objective;
    this.transform = transform;
    const mp = learner.learner_model_param as Record<string, string>;
    this.numFeatures = Number(mp.num_feature);
    const numClass = Number(mp.num_class ?? '0');
    this.numGroups = numClass > 1 ? numClass : 1;
    // xgboost >= 2.1 writes base_score as a vector string "[5E-1]".
    const base = f32(Number(String(mp.base_score).replace(/^\[|\]$/g, '')));
    if (Number.isNaN(base)) throw new XgbModelError(`unreadable base_score "${mp.base_score}"`);
    this.baseMargin =
      transform === 'sigmoid' ? f32(-Math.log(f32(f32(1 / base) - 1)))
      : transform === 'exp' ? f32(Math.log(base))
      : base;

    const gb = learner.gradient_booster as { name: string; model: { trees: JsonTree[]; tree_info: number[] } };
    if (gb.name !== 'gbtree') throw new XgbModelError(`booster "${gb.name}" is not supported (gbtree only)`);
    const trees = gb.model.trees;
    let total = 0;
    for (const t of trees) total += t.left_children.length;
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.feature = new Int32Array(total);
    this.value = new Float64Array(total);
    this.defaultLeft = new Uint8Array(total);
    this.roots = new Int32Array(trees.length);
    this.treeGroup = Int32Array.from(gb.model.tree_info ?? trees.map(() => 0));
    let base0 = 0;
    trees.forEach((t, ti) => {
      if (t.split_type?.some((s) => s !== 0)) throw new XgbModelError(`tree ${ti}: categorical splits are not supported`);
      this.roots[ti] = base0;
      for (let i = 0; i < t.left_children.length; i++) {
        const g = base0 + i;
        const leaf = t.left_children[i] === -1;
        this.left[g] = leaf ? -1 : base0 + t.left_children[i];
        this.right[g] = leaf ? -1 : base0 + t.right_children[i];
        this.feature[g] = t.split_indices[i];
        this.value[g] = f32(t.split_conditions[i]);
        this.defaultLeft[g] = t.default_left[i] ? 1 : 0;
        if (!leaf && (t.split_indices[i] < 0 || t.split_indices[i] >= this.numFeatures)) throw new XgbModelError(`tree ${ti} node ${i}: feature ${t.split_indices[i]} out of range`);
      }
      base0 += t.left_children.length;
    });
    this.margin = new Float64Array(this.numGroups);
  }

  /** Predictor interface (./load.ts): inputs per row, outputs per row. */
  get inputSize(): number {
    return this.numFeatures;
  }

  get outputSize(): number {
    return this.numGroups;
  }

  static fromJson(text: string): XgbModel {
    return new XgbModel(JSON.parse(text));
  }

  /** Raw margins (before the objective's transform), like predict(output_margin=True). */
  predictMargin(x: ArrayLike<number>, out: Float64Array, xOff = 0, outOff = 0): void {
    const m = this.margin;
    m.fill(this.baseMargin);
    const { left, right, feature, value, defaultLeft, roots, treeGroup } = this;
    for (let t = 0; t < roots.length; t++) {
      let n = roots[t];
      while (left[n] !== -1) {
        const v = x[xOff + feature[n]];
        if (v !== v) n = defaultLeft[n] === 1 ? left[n] : right[n];
        else n = f32(v) < value[n] ? left[n] : right[n];
      }
      const g = treeGroup[t];
      m[g] = f32(m[g] + value[n]);
    }
    for (let g = 0; g < m.length; g++) out[outOff + g] = m[g];
  }

  /** Predictions in output space, like Booster.predict(). `x`: numFeatures values (NaN = missing). */
  predict(x: ArrayLike<number>, out: Float64Array, xOff = 0, outOff = 0): void {
    this.predictMargin(x, out, xOff, outOff);
    const G = this.numGroups;
    switch (this.transform) {
      case 'sigmoid':
        for (let g = 0; g < G; g++) out[outOff + g] = f32(1 / f32(1 + f32(Math.exp(-out[outOff + g]))));
        break;
      case 'exp':
        for (let g = 0; g < G; g++) out[outOff + g] = f32(Math.exp(out[outOff + g]));
        break;
      case 'softmax': {
        let mx = -Infinity;
        for (let g = 0; g < G; g++) if (out[outOff + g] > mx) mx = out[outOff + g];
        let s = 0;
        for (let g = 0; g < G; g++) s += out[outOff + g] = f32(Math.exp(out[outOff + g] - mx));
        for (let g = 0; g < G; g++) out[outOff + g] = f32(out[outOff + g] / s);
        break;
      }
      default:
        break;
    }
  }
}
