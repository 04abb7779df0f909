"""Peer of bench/gru-epoch.ts: per-epoch wall time of Keras model.fit on the same data.
Usage: keras_gru_epoch.py DATA_DIR UNITS BATCH EPOCHS -> prints {"epoch_ms": [...], "versions"}."""
import json
import sys
import time

import keras

from gru_peer_common import build, load, versions


class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.ms = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.ms.append((time.perf_counter() - self.start) * 1000)


def main():
    folder, units, batch, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    x, y, meta = load(folder)
    model = build(meta["lookback"], meta["features"], units)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy")
    timer = EpochTimer()
    model.fit(x, y, batch_size=batch, epochs=epochs, shuffle=True, verbose=0, callbacks=[timer])
    print(json.dumps({"epoch_ms": timer.ms, "versions": versions()}))


if __name__ == "__main__":
    main()
