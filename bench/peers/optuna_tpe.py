"""Peer of bench/tpe.ts: wall time of an Optuna TPE study of N_TRIALS trials on a 2-D quadratic
(the objective costs nothing, so the time is the sampler's and the study's bookkeeping).
Usage: optuna_tpe.py N_TRIALS WARMUP REPEATS -> prints {"ms": {"univariate": [...], "multivariate": [...]}, "best": {...}, "versions"}."""
import json
import sys
import time

import numpy as np
import optuna
from optuna.samplers import TPESampler


def quadratic(trial):
    x = trial.suggest_float("x", -10, 10)
    y = trial.suggest_float("y", -10, 10)
    return (x - 2) ** 2 + (y + 1) ** 2


def main():
    n_trials, warmup, repeats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    ms, best = {}, {}
    for mode, multivariate in (("univariate", False), ("multivariate", True)):
        ms[mode], best[mode] = [], []
        for i in range(warmup + repeats):
            start = time.perf_counter()
            study = optuna.create_study(sampler=TPESampler(seed=i, multivariate=multivariate))
            study.optimize(quadratic, n_trials=n_trials)
            if i >= warmup:
                ms[mode].append((time.perf_counter() - start) * 1000)
                best[mode].append(study.best_value)
    versions = f"optuna {optuna.__version__}, numpy {np.__version__}"
    print(json.dumps({"ms": ms, "best": best, "versions": versions}))


if __name__ == "__main__":
    main()
