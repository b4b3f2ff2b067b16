#!/usr/bin/python3
"""Reference runs of Optuna's TPESampler (Debian python3-optuna 3.1) for the TPE acceptance check.

Runs TPESampler with its defaults (independent TPE, n_startup_trials=10, n_ei_candidates=24,
gamma=min(ceil(0.1 n), 25), consider_endpoints=False, prior_weight=1) for N trials on Branin and
Hartmann-6, once per seed, and prints one JSON object: per function the best value of each seed, the
best-so-far curve of each seed, and the median best. src/optimize/bench.ts spawns this script;
test/optimize/fixtures/optuna-*.json are its committed outputs (one function per file).

Usage: /usr/bin/python3 scripts/optimize/optuna_ref.py [--trials 100] [--seeds 10] [--function branin|hartmann6|all]
       [--objective-cmd ...]  (not used: the backtest objective is run by the TS side, see bench.ts)
"""
import argparse
import json
import math
import statistics
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

# Hartmann-6 constants (Dixon and Szegoe 1978; as in the Surjanovic-Bingham virtual library).
H6_ALPHA = [1.0, 1.2, 3.0, 3.2]
H6_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
H6_P = [
    [1312, 1696, 5569, 124, 8283, 5886],
    [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650],
    [4047, 8828, 8732, 5743, 1091, 381],
]


def branin(x1, x2):
    a, b, c = 1.0, 5.1 / (4 * math.pi ** 2), 5 / math.pi
    r, s, t = 6.0, 10.0, 1 / (8 * math.pi)
    return a * (x2 - b * x1 ** 2 + c * x1 - r) ** 2 + s * (1 - t) * math.cos(x1) + s


def hartmann6(x):
    total = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(6):
            inner += H6_A[i][j] * (x[j] - H6_P[i][j] * 1e-4) ** 2
        total += H6_ALPHA[i] * math.exp(-inner)
    return -total


def obj_branin(trial):
    return branin(trial.suggest_float("x1", -5.0, 10.0), trial.suggest_float("x2", 0.0, 15.0))


def obj_hartmann6(trial):
    return hartmann6([trial.suggest_float(f"x{i + 1}", 0.0, 1.0) for i in range(6)])


FUNCTIONS = {"branin": obj_branin, "hartmann6": obj_hartmann6}
OPTIMUM = {"branin": 0.397887, "hartmann6": -3.32237}


def run(name, trials, seeds):
    bests, curves = [], []
    for seed in range(seeds):
        study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
        study.optimize(FUNCTIONS[name], n_trials=trials)
        curve, best = [], math.inf
        for t in study.trials:
            best = min(best, t.value)
            curve.append(best)
        bests.append(study.best_value)
        curves.append(curve)
    return {
        "function": name,
        "optimum": OPTIMUM[name],
        "sampler": "optuna.samplers.TPESampler(seed=seed) defaults",
        "optuna": optuna.__version__,
        "python": sys.version.split()[0],
        "trials": trials,
        "seeds": list(range(seeds)),
        "best": bests,
        "medianBest": statistics.median(bests),
        "curves": curves,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--trials", type=int, default=100)
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--function", default="all", choices=["all", *FUNCTIONS])
    a = p.parse_args()
    names = list(FUNCTIONS) if a.function == "all" else [a.function]
    out = {n: run(n, a.trials, a.seeds) for n in names}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
