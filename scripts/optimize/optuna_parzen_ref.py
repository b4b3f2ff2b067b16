#!/usr/bin/python3
"""Optuna 3.1 _ParzenEstimator log-densities on fixed cases: writes test/optimize/fixtures/optuna-parzen.json
(run: /usr/bin/python3 scripts/optimize/optuna_parzen_ref.py > test/optimize/fixtures/optuna-parzen.json).
test/optimize/parzen.test.ts checks our estimator (in Optuna-compatible density mode) against it."""
import json, numpy as np
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights
from optuna import distributions as D
rng = np.random.RandomState(3)
cases = []
for dist, spec in [(D.FloatDistribution(-5, 10), dict(low=-5, high=10, int=False, log=False)),
                   (D.FloatDistribution(1e-3, 10, log=True), dict(low=1e-3, high=10, int=False, log=True)),
                   (D.IntDistribution(1, 20), dict(low=1, high=20, int=True, log=False, step=1)),
                   (D.FloatDistribution(0, 1, step=0.1), dict(low=0, high=1, int=False, log=False, step=0.1))]:
  stepped = 'step' in spec
  # Stepped cases draw distinct grid points other than the prior mean: with ties numpy's unstable argsort
  # assigns tied bandwidths in an unspecified order, which no other implementation can reproduce.
  for n in ([0, 1, 3, 9] if stepped else [0, 1, 3, 30]):
    if stepped:
      grid = [g for g in np.round(np.arange(spec['low'], spec['high'] + 1e-9, spec['step']), 10) if g != 0.5 * (spec['low'] + spec['high'])]
      obs = rng.choice(grid, n, replace=False).astype(float)
    elif dist.log:
      obs = np.exp(rng.uniform(np.log(dist.low), np.log(dist.high), n))
    else:
      obs = rng.uniform(dist.low, dist.high, n)
    pe = _ParzenEstimator({'x': obs}, {'x': dist}, _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, False))
    xs = np.linspace(dist.low, dist.high, 7)
    if isinstance(dist, D.IntDistribution): xs = np.round(xs)
    if spec.get('step') == 0.1: xs = np.round(xs*10)/10
    cases.append(dict(spec=dict(name='x', **spec), obs=obs.tolist(), xs=xs.tolist(), logpdf=pe.log_pdf({'x': xs}).tolist(), mus=pe._mus['x'].tolist(), sigmas=pe._sigmas['x'].tolist()))
print(json.dumps(cases))
