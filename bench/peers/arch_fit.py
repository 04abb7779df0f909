"""Peer of bench/arch-fit.ts: wall time of arch_model(...).fit(disp='off') on the S&P 500 sample.
Usage: arch_fit.py WARMUP REPEATS -> prints {"y": [...], "fits": {name: {"ms": [...], "llf": x}}, "versions"}.
Note: arch computes the parameter covariance lazily, as ours does, so neither time includes
standard errors."""
import json
import sys
import time
import warnings

import arch
import numpy as np
from arch import arch_model
from arch.data import sp500

CONFIGS = {
    "garch11-normal": dict(mean="Constant", vol="GARCH", p=1, q=1, dist="normal"),
    "garch11-t": dict(mean="Constant", vol="GARCH", p=1, q=1, dist="t"),
    "gjr111-t": dict(mean="Constant", vol="GARCH", p=1, o=1, q=1, dist="t"),
}


def main():
    warmup, repeats = int(sys.argv[1]), int(sys.argv[2])
    warnings.simplefilter("ignore")
    y = 100 * sp500.load()["Adj Close"].pct_change().dropna()
    fits = {}
    for name, kw in CONFIGS.items():
        ms = []
        for i in range(warmup + repeats):
            start = time.perf_counter()
            res = arch_model(y, **kw).fit(disp="off")
            if i >= warmup:
                ms.append((time.perf_counter() - start) * 1000)
        fits[name] = {"ms": ms, "llf": float(res.loglikelihood)}
    print(json.dumps({"y": y.values.tolist(), "fits": fits, "versions": f"arch {arch.__version__}, numpy {np.__version__}"}))


if __name__ == "__main__":
    main()
