#!/usr/bin/python3
"""Generate the statistics fixtures under test/fixtures/stats/.

Run with Debian's interpreter (python3-statsmodels 0.13.5 only imports there):
    /usr/bin/python3 scripts/stats/make_fixtures.py

For each seeded dataset it writes <name>.csv (header + rows, 6 decimals) and <name>.json holding what
statsmodels computes ON THE PARSED CSV VALUES (so both sides see identical inputs): adfuller for every
column x regression (c, ct, ctt, n) x autolag (AIC, BIC, t-stat, None with a fixed maxlag, None with the
default maxlag); coint for the first column against the others with each trend and a few lag choices;
coint_johansen for det_order -1/0/1 and k_ar_diff 0/1/2; plus mackinnon.tables.json (mackinnonp on a grid,
mackinnoncrit for every table row). CI has no statsmodels: tests read these files.
"""
import json
import math
import os
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.stattools import adfuller, coint
from statsmodels.tsa.adfvalues import mackinnoncrit, mackinnonp
from statsmodels.tsa.vector_ar.vecm import coint_johansen

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'fixtures', 'stats')


def ar_noise(rs, n, phi, sd):
    e = rs.normal(0.0, sd, n)
    out = np.empty(n)
    prev = 0.0
    for i in range(n):
        prev = phi * prev + e[i]
        out[i] = prev
    return out


def datasets():
    rs = np.random.RandomState(20261122)
    d = {}
    d['rw_short'] = {'walk': 100 + np.cumsum(rs.normal(0, 1, 120))}
    d['rw_long'] = {'walk': 50 + np.cumsum(rs.normal(0, 0.5, 3000))}
    d['ar_stationary'] = {'ar': 10 + ar_noise(rs, 500, 0.7, 1.0)}
    t = np.arange(800.0)
    d['trending'] = {
        'lin': 5 + 0.05 * t + ar_noise(rs, 800, 0.6, 1.0),
        'quad': 1 + 0.01 * t + 0.0002 * t * t + ar_noise(rs, 800, 0.5, 1.0),
        'drift': np.cumsum(0.1 + rs.normal(0, 1, 800)),
    }
    x = 100 + np.cumsum(rs.normal(0, 1, 1000))
    d['pair_tight'] = {'y': 2 + 1.5 * x + ar_noise(rs, 1000, 0.3, 0.5), 'x': x}
    x = 40 + np.cumsum(rs.normal(0, 1, 600))
    d['pair_noisy'] = {'y': -3 + 0.8 * x + ar_noise(rs, 600, 0.9, 2.0), 'x': x}
    d['pair_indep'] = {'a': np.cumsum(rs.normal(0, 1, 400)), 'b': np.cumsum(rs.normal(0, 1, 400))}
    c = np.cumsum(rs.normal(0, 1, 1500))
    d['triple'] = {
        'p': 20 + c + ar_noise(rs, 1500, 0.5, 0.7),
        'q': 10 + 0.5 * c + ar_noise(rs, 1500, 0.2, 0.4),
        'r': 5 - 0.7 * c + np.cumsum(rs.normal(0, 0.3, 1500)) + ar_noise(rs, 1500, 0.4, 0.5),
    }
    c = np.cumsum(0.05 + rs.normal(0, 1, 300))
    d['triple_trend'] = {
        'u': c + ar_noise(rs, 300, 0.3, 1.0),
        'v': 2 * c + 0.01 * np.arange(300.0) + ar_noise(rs, 300, 0.6, 1.0),
        'w': np.cumsum(rs.normal(0, 1, 300)),
    }
    c1 = np.cumsum(rs.normal(0, 1, 2500))
    c2 = np.cumsum(rs.normal(0, 1, 2500))
    d['quad_long'] = {
        'a': c1 + ar_noise(rs, 2500, 0.5, 1.0),
        'b': c1 + c2 + ar_noise(rs, 2500, 0.2, 1.0),
        'c': c2 + ar_noise(rs, 2500, 0.7, 1.0),
        'd': 0.5 * c1 - c2 + ar_noise(rs, 2500, 0.1, 1.0),
    }
    return d


def f(v):
    """A float for JSON (NaN/inf as null: the tables have no value there)."""
    v = float(v)
    return v if math.isfinite(v) else None


def adf_cases(col):
    out = []
    nobs = len(col)
    for reg in ('c', 'ct', 'ctt', 'n'):
        for autolag, maxlag in (('AIC', None), ('BIC', None), ('t-stat', None), (None, 3), (None, None),
                                ('AIC', 5)):
            r = adfuller(col, maxlag=maxlag, regression=reg, autolag=autolag)
            out.append({
                'regression': reg, 'autolag': autolag, 'maxlag': maxlag,
                'statistic': f(r[0]), 'pvalue': f(r[1]), 'usedLag': int(r[2]), 'nobs': int(r[3]),
                'critical': {k: f(v) for k, v in r[4].items()},
                'icbest': f(r[5]) if autolag is not None else None,
            })
    return out


def coint_cases(data):
    y0 = data[:, 0]
    y1 = data[:, 1:]
    out = []
    for trend in ('c', 'ct', 'ctt', 'n'):
        for autolag, maxlag in (('aic', None), ('bic', None), ('t-stat', None), (None, 2), ('aic', 4)):
            s, p, crit = coint(y0, y1, trend=trend, maxlag=maxlag, autolag=autolag)
            out.append({'trend': trend, 'autolag': autolag, 'maxlag': maxlag,
                        'statistic': f(s), 'pvalue': f(p), 'critical': [f(v) for v in crit]})
    return out


def johansen_cases(data):
    out = []
    for det in (-1, 0, 1):
        for k in (0, 1, 2):
            r = coint_johansen(data, det, k)
            out.append({'detOrder': det, 'kArDiff': k,
                        'trace': [f(v) for v in r.lr1], 'maxEig': [f(v) for v in r.lr2],
                        'eigenvalues': [f(v) for v in np.real(r.eig)],
                        'eigenvectors': [[f(v) for v in row] for row in np.real(r.evec)],
                        'traceCritical': [[f(v) for v in row] for row in r.cvt],
                        'maxEigCritical': [[f(v) for v in row] for row in r.cvm]})
    return out


def mackinnon_doc():
    """mackinnonp on a grid of statistics (both branches, the cut-offs, beyond the table ends) and
    mackinnoncrit for every table row at several sample sizes."""
    stats = [round(v, 2) for v in np.arange(-30.0, 4.0, 0.37)] + [-19.04, -1.04, 0.0, 2.74, 3.49]
    pvals, crits = [], []
    for reg in ('c', 'ct', 'ctt', 'n'):
        for n in range(1, 7):
            pvals.append({'regression': reg, 'N': n, 'stat': stats,
                          'pvalue': [f(mackinnonp(t, regression=reg, N=n)) for t in stats]})
        for n in range(1, 13 if reg != 'n' else 2):
            for nobs in (25, 100, 999, None):
                c = mackinnoncrit(N=n, regression=reg, nobs=np.inf if nobs is None else nobs)
                crits.append({'regression': reg, 'N': n, 'nobs': nobs, 'critical': [f(v) for v in c]})
    return {'generator': 'scripts/stats/make_fixtures.py', 'statsmodels': statsmodels.__version__,
            'mackinnonp': pvals, 'mackinnoncrit': crits}


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'mackinnon.tables.json'), 'w') as fh:
        json.dump(mackinnon_doc(), fh, indent=1)
        fh.write('\n')
    for name, cols in datasets().items():
        names = list(cols)
        n = len(cols[names[0]])
        path = os.path.join(OUT, name + '.csv')
        with open(path, 'w') as fh:
            fh.write(','.join(names) + '\n')
            for i in range(n):
                fh.write(','.join('%.6f' % cols[c][i] for c in names) + '\n')
        data = np.loadtxt(path, delimiter=',', skiprows=1, ndmin=2)
        doc = {'generator': 'scripts/stats/make_fixtures.py', 'statsmodels': statsmodels.__version__,
               'numpy': np.__version__, 'csv': name + '.csv', 'columns': names, 'rows': n,
               'adfuller': {c: adf_cases(data[:, j]) for j, c in enumerate(names)}}
        if len(names) >= 2:
            doc['coint'] = coint_cases(data)
            doc['johansen'] = johansen_cases(data)
        with open(os.path.join(OUT, name + '.json'), 'w') as fh:
            json.dump(doc, fh, indent=1)
            fh.write('\n')
        print(name, n, 'rows', file=sys.stderr)


if __name__ == '__main__':
    main()
