"""Peer of bench/johansen.ts: statsmodels coint_johansen on the same series.
Usage: statsmodels_johansen.py DATA_DIR WARMUP REPEATS DET_ORDER K_AR_DIFF -> prints {"ms": [...], "versions", "trace"}.
DATA_DIR/series.f64 holds the (nobs, neqs) matrix, float64 little-endian, row-major; meta.json its shape."""
import json
import os
import sys
import time

import numpy as np
import statsmodels
from statsmodels.tsa.vector_ar.vecm import coint_johansen


def main():
    folder, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    det_order, k_ar_diff = int(sys.argv[4]), int(sys.argv[5])
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    endog = np.fromfile(os.path.join(folder, "series.f64"), dtype="<f8").reshape(meta["nobs"], meta["neqs"])
    ms = []
    for i in range(warmup + repeats):
        start = time.perf_counter()
        res = coint_johansen(endog, det_order, k_ar_diff)
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    versions = f"statsmodels {statsmodels.__version__}, numpy {np.__version__}"
    print(json.dumps({"ms": ms, "versions": versions, "trace": res.lr1.tolist()}))


if __name__ == "__main__":
    main()
