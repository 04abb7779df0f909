"""Peer of the fused-lstm-inference benchmarks (bench/fused-rnn.ts): latency of Keras
predict_on_batch for LSTM(units) -> Dense(1, sigmoid) on one batch.
Usage: keras_lstm_predict.py DATA_DIR UNITS WARMUP REPEATS -> prints {"ms": [...], "versions"}."""
import json
import sys
import time

from gru_peer_common import load, versions
from keras_lstm_epoch import build


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
