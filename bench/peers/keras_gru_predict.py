"""Peer of bench/gru-inference.ts: latency of Keras predict_on_batch on one batch.
Usage: keras_gru_predict.py DATA_DIR UNITS WARMUP REPEATS -> prints {"ms": [...], "versions"}."""
import json
import sys
import time

from gru_peer_common import build, load, versions


def main():
    folder, units, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    x, _, meta = load(folder)
    model = build(meta["lookback"], meta["features"], units)
    ms = []
    for i in range(warmup + repeats):
        start = time.perf_counter()
        model.predict_on_batch(x)
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"ms": ms, "versions": versions()}))


if __name__ == "__main__":
    main()
