"""Peer of bench/vector-sweep.ts: a moving-average crossover sweep in vectorbt.
Usage: vectorbt_sweep.py DATA_DIR WARMUP REPEATS CHUNK -> prints {"ms": [...], "checksum", "columns", "versions", "peak_rss_mb"}.
DATA_DIR/close.f64 holds the closes (float64 little-endian); meta.json the fast/slow windows of every pair,
the fees and the initial cash. For each pair: vbt.MA.run for the fast and the slow windows, entries =
ma_crossed_above, exits = ma_crossed_below, Portfolio.from_signals (long only, fills at the close), then
total_return of every column; checksum = sum of final values = init_cash x (1 + total_return).
The pairs run CHUNK columns at a time: all 10,000 at once hold several 10,000 x 5,000 float64 frames
(400 MB each: two MAs, the broadcast close, the portfolio's) and the run peaks far above 4 GB."""
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import vectorbt as vbt


def sweep(close, fast, slow, fees, init_cash, chunk):
    total = 0.0
    for start in range(0, len(fast), chunk):
        f = vbt.MA.run(close, window=fast[start:start + chunk], short_name="fast")
        s = vbt.MA.run(close, window=slow[start:start + chunk], short_name="slow")
        entries = f.ma_crossed_above(s)
        exits = f.ma_crossed_below(s)
        pf = vbt.Portfolio.from_signals(close, entries, exits, fees=fees, init_cash=init_cash, freq="1D")
        total += float((init_cash * (1.0 + pf.total_return().to_numpy())).sum())
    return total


def main():
    folder, warmup, repeats, chunk = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    with open(os.path.join(folder, "meta.json")) as fh:
        meta = json.load(fh)
    close = pd.Series(np.fromfile(os.path.join(folder, "close.f64"), dtype="<f8"))
    fast, slow = list(meta["fast"]), list(meta["slow"])
    # The first call compiles the numba kernels (simulate_from_signals_nb is not cached): not timed.
    ms, checksum = [], float("nan")
    for i in range(warmup + repeats):
        start = time.perf_counter()
        checksum = sweep(close, fast, slow, meta["fees"], meta["init_cash"], chunk)
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    versions = f"vectorbt {vbt.__version__}, numba {__import__('numba').__version__}, numpy {np.__version__}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": ms, "checksum": checksum, "columns": len(fast), "versions": versions, "peak_rss_mb": round(peak)}))


if __name__ == "__main__":
    main()
