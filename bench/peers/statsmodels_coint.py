"""Peer of bench/engle-granger.ts: statsmodels coint(y0, y1) (trend 'c', autolag 'aic') on the same pair.
Usage: statsmodels_coint.py DATA_DIR WARMUP REPEATS -> prints {"ms": [...], "versions", "statistic", "pvalue"}.
DATA_DIR/series.f64 holds y0 then y1 (nobs each), float64 little-endian; meta.json the shape."""
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
from statsmodels.tsa.stattools import coint  # noqa: E402


def main():
    folder, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    data = np.fromfile(os.path.join(folder, "series.f64"), dtype="<f8").reshape(meta["nseries"], meta["nobs"])
    y0, y1 = data[0], data[1]
    warnings.simplefilter("ignore")
    ms = []
    for i in range(warmup + repeats):
        start = time.perf_counter()
        res = coint(y0, y1, trend="c", autolag="aic")
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    versions = f"statsmodels {statsmodels.__version__}, numpy {np.__version__}"
    print(json.dumps({"ms": ms, "versions": versions, "statistic": float(res[0]), "pvalue": float(res[1])}))


if __name__ == "__main__":
    main()
