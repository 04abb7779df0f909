"""Peer of bench/pair-screen.ts: coint(log p_i, log p_j) (trend 'c', autolag 'aic') over every pair
i < j, then multipletests(pvals, alpha=0.05, method='fdr_bh'), timed as one loop.
Usage: statsmodels_pair_screen.py DATA_DIR WARMUP REPEATS -> prints {"ms", "versions", "pvalues", "adjusted"}.
DATA_DIR/series.f64 holds the (nseries, nobs) price matrix, float64 little-endian, row-major."""
import json
import os
import sys
import time
import warnings

# One BLAS thread, as our side runs on one core. On this 2-core machine the default OpenBLAS
# threading makes coint at 8,000 observations about 7x slower (3.4 s instead of 0.5 s per call).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import statsmodels  # noqa: E402
from statsmodels.stats.multitest import multipletests  # noqa: E402
from statsmodels.tsa.stattools import coint  # noqa: E402


def screen(logs):
    pvals = []
    for i in range(len(logs)):
        for j in range(i + 1, len(logs)):
            pvals.append(coint(logs[i], logs[j], trend="c", autolag="aic")[1])
    pvals = np.asarray(pvals)
    return pvals, multipletests(pvals, alpha=0.05, method="fdr_bh")[1]


def main():
    folder, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    prices = np.fromfile(os.path.join(folder, "series.f64"), dtype="<f8").reshape(meta["nseries"], meta["nobs"])
    warnings.simplefilter("ignore")
    ms = []
    for i in range(warmup + repeats):
        start = time.perf_counter()
        logs = np.log(prices)
        pvals, adjusted = screen(logs)
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    versions = f"statsmodels {statsmodels.__version__}, numpy {np.__version__}"
    print(json.dumps({"ms": ms, "versions": versions, "pvalues": pvals.tolist(), "adjusted": adjusted.tolist()}))


if __name__ == "__main__":
    main()
