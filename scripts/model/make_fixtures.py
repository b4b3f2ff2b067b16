#!/usr/bin/python3
# Reference fixtures for src/model (test/model). Run with Debian's python3 (the one that imports Debian's
# python3-torch 1.13, python3-onnx 1.12, python3-xgboost 1.7):
#     /usr/bin/python3 scripts/model/make_fixtures.py [outdir]     (default test/fixtures/model)
# Deterministic (fixed seeds). Writes, per ONNX architecture:
#   <name>.onnx      float32 weights, opset 13, dynamic batch axis (what users export)
#   <name>.f64.onnx  the same weights widened to float64 (so onnxruntime can be compared at 1e-6 relative
#                    without float32 rounding in the way)
#   <name>.json      {inputs, outputs, outputsF32}: outputs = torch in float64 on the float32 weights (exact
#                    reference for a float64 evaluator), outputsF32 = torch's own float32 forward
# and per XGBoost model: <name>.xgb.json (save_model JSON) and <name>.json {inputs (null = missing),
# outputs = xgboost predict(), margins = predict(output_margin=True), objective}.
import json
import os
import sys

import numpy as np
import torch
import xgboost as xgb

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'model')
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(7)
rng = np.random.default_rng(11)
N_ROWS = 16


class MatMulAdd(torch.nn.Module):
    """x @ W + b with explicit parameters: exports as MatMul + Add rather than Gemm."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(n_in, n_out) * 0.3)
        self.b = torch.nn.Parameter(torch.randn(n_out) * 0.1)

    def forward(self, x):
        return torch.nn.functional.leaky_relu(x @ self.w + self.b, 0.05)


def archs():
    nn = torch.nn
    return {
        'mlp64_relu_sigmoid': (64, nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1), nn.Sigmoid())),
        'mlp16_tanh': (16, nn.Sequential(nn.Linear(16, 24), nn.Tanh(), nn.Linear(24, 8), nn.Tanh(), nn.Linear(8, 3))),
        'linear10': (10, nn.Sequential(nn.Linear(10, 1))),
        'logistic10': (10, nn.Sequential(nn.Linear(10, 1), nn.Sigmoid())),
        'two_output12': (12, nn.Sequential(nn.Linear(12, 16), nn.ReLU(), nn.Linear(16, 2))),
        'matmul_add8': (8, nn.Sequential(MatMulAdd(8, 6), nn.Linear(6, 2), nn.Sigmoid())),
    }


def export(name, n_in, model):
    model.eval()
    x32 = torch.from_numpy(rng.standard_normal((N_ROWS, n_in)).astype(np.float32))
    # .double() converts in place, so the float32 export comes first.
    for suffix, to64 in (('.onnx', False), ('.f64.onnx', True)):
        m, x = (model.double(), x32.double()) if to64 else (model, x32)
        torch.onnx.export(m, x[:1], os.path.join(OUT, name + suffix), opset_version=13, input_names=['input'],
                          output_names=['output'], dynamic_axes={'input': {0: 'batch'}, 'output': {0: 'batch'}})
    with torch.no_grad():
        out64 = model.double()(x32.double()).numpy()
        out32 = model.float()(x32).numpy()
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump({'inputs': x32.double().numpy().tolist(), 'outputs': out64.tolist(), 'outputsF32': out32.astype(np.float64).tolist()}, f)


def xgb_fixture(name, objective, rounds, depth, missing_frac):
    n, d = 400, 6
    x = rng.standard_normal((n, d))
    x[rng.random((n, d)) < missing_frac] = np.nan
    signal = np.nan_to_num(x[:, 0]) * 1.5 - np.nan_to_num(x[:, 1]) ** 2 + 0.5 * np.nan_to_num(x[:, 2]) * np.nan_to_num(x[:, 3])
    noisy = signal + 0.3 * rng.standard_normal(n)
    if objective.startswith('binary:'):
        y = (noisy > 0).astype(np.float64)
    elif objective.startswith('multi:'):
        y = np.digitize(noisy, [-0.5, 0.5]).astype(np.float64)  # 3 classes
    else:
        y = signal + 0.1 * rng.standard_normal(n)
    params = {'objective': objective, 'max_depth': depth, 'eta': 0.3, 'seed': 3, 'nthread': 1}
    if objective.startswith('multi:'):
        params['num_class'] = 3
    if objective == 'reg:squarederror':
        params['base_score'] = float(np.mean(y))
    bst = xgb.train(params, xgb.DMatrix(x[:300], label=y[:300], missing=np.nan), num_boost_round=rounds)
    bst.save_model(os.path.join(OUT, name + '.xgb.json'))
    test = x[300:340]
    dm = xgb.DMatrix(test, missing=np.nan)
    preds = bst.predict(dm).astype(np.float64)
    margins = bst.predict(dm, output_margin=True).astype(np.float64)
    rows = [[None if np.isnan(v) else float(v) for v in row] for row in test]
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump({'objective': objective, 'inputs': rows, 'outputs': preds.tolist(), 'margins': margins.tolist()}, f)


for name, (n_in, model) in archs().items():
    export(name, n_in, model)
xgb_fixture('xgb_reg', 'reg:squarederror', 25, 4, 0.1)
xgb_fixture('xgb_binary', 'binary:logistic', 30, 3, 0.1)
xgb_fixture('xgb_logitraw', 'binary:logitraw', 10, 5, 0.0)
xgb_fixture('xgb_softprob', 'multi:softprob', 8, 3, 0.05)
print('fixtures written to', os.path.abspath(OUT))
