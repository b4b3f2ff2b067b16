#!/usr/bin/python3
"""Reference runs of Optuna's TPESampler (Debian python3-optuna 3.1) for the TPE acceptance check.

Runs TPESampler with its defaults (independent TPE, n_startup_trials=10, n_ei_candidates=24,
gamma=min(ceil(0.1 n), 25), consider_endpoints=False, prior_weight=1) for N trials on Branin and
Hartmann-6, once per seed, and prints one JSON object: per function the best value of each seed, the
best-so-far curve of each seed, and the median best. src/optimize/bench.ts spawns this script;
test/optimize/fixtures/optuna-*.json are its committed outputs (one function per file).

Usage: /usr/bin/python3 scripts/optimize/optuna_ref.py [--trials 100] [--seeds 10] [--seed-list 0,1,..]
       [--function branin|hartmann6|all]
   or: ... --objective-cmd '["node", "dist/optimize/eval-stdio.js", "<ObjectiveSpec JSON>"]'
           --space '[{"name":..,"low":..,"high":..,"step":..,"int":..,"log":..}]' --direction maximize
       which optimises an external objective (our backtest) served line by line by eval-stdio.js.
"""
import argparse
import json
import math
import statistics
import subprocess
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


def run(name, objective, trials, seeds, direction="minimize"):
    bests, curves = [], []
    better = min if direction == "minimize" else max
    for seed in seeds:
        study = optuna.create_study(direction=direction, sampler=optuna.samplers.TPESampler(seed=seed))
        study.optimize(objective, n_trials=trials)
        curve, best = [], None
        for t in study.trials:
            if t.value is not None:
                best = t.value if best is None else better(best, t.value)
            curve.append(best)
        bests.append(study.best_value)
        curves.append(curve)
    return {
        "function": name,
        "optimum": OPTIMUM.get(name),
        "direction": direction,
        "sampler": "optuna.samplers.TPESampler(seed=seed) defaults",
        "optuna": optuna.__version__,
        "python": sys.version.split()[0],
        "trials": trials,
        "seeds": list(seeds),
        "best": bests,
        "medianBest": statistics.median(bests),
        "curves": curves,
    }


def external_objective(cmd, space):
    """An objective evaluated by a child process speaking eval-stdio.js's line protocol."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    ready = proc.stdout.readline()
    if "ready" not in ready:
        raise RuntimeError(f"objective process did not start: {ready!r}")

    def objective(trial):
        params = {}
        for p in space:
            step = p.get("step")
            if p.get("int"):
                params[p["name"]] = trial.suggest_int(p["name"], int(p["low"]), int(p["high"]), step=1 if p.get("log") else int(step or 1), log=bool(p.get("log")))
            else:
                params[p["name"]] = trial.suggest_float(p["name"], p["low"], p["high"], step=step, log=bool(p.get("log")))
        proc.stdin.write(json.dumps(params) + "\n")
        proc.stdin.flush()
        value = json.loads(proc.stdout.readline())["value"]
        if value is None:
            raise RuntimeError("objective failed")
        return value

    return objective, proc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--trials", type=int, default=100)
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--seed-list", default=None, help="comma-separated seeds (default 0..seeds-1)")
    p.add_argument("--function", default="all", choices=["all", *FUNCTIONS])
    p.add_argument("--objective-cmd", default=None, help="JSON argv of an eval-stdio.js process")
    p.add_argument("--space", default=None, help="JSON list of parameter specs (with --objective-cmd)")
    p.add_argument("--direction", default="minimize", choices=["minimize", "maximize"])
    p.add_argument("--name", default="external")
    a = p.parse_args()
    seeds = [int(s) for s in a.seed_list.split(",")] if a.seed_list else list(range(a.seeds))
    if a.objective_cmd:
        objective, proc = external_objective(json.loads(a.objective_cmd), json.loads(a.space))
        try:
            out = {a.name: run(a.name, objective, a.trials, seeds, a.direction)}
        finally:
            proc.stdin.close()
            proc.wait()
    else:
        names = list(FUNCTIONS) if a.function == "all" else [a.function]
        out = {n: run(n, FUNCTIONS[n], a.trials, seeds) for n in names}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
