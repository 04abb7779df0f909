"""Shared by the Keras peers: reads the dataset bench/dataset.ts wrote, builds the same models as
quantlab (GRU(units, sigmoid gates, reset_after=False) or LSTM(units), then Dense(1, sigmoid)),
and times training epochs or predict_on_batch with the same command line for every cell."""
import json
import os
import sys
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402


def load(folder):
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    n, lookback, features = meta["samples"], meta["lookback"], meta["features"]
    x = np.fromfile(os.path.join(folder, "x.f32"), dtype="<f4").reshape(n, lookback, features)
    y = np.fromfile(os.path.join(folder, "y.f32"), dtype="<f4").reshape(n, 1)
    return x, y, meta


def build(lookback, features, units, seed=1, cell="gru"):
    keras.utils.set_random_seed(seed)
    # tfjs-layers implements the GRU's reset-before variant only; match it.
    recurrent = keras.layers.GRU(units, reset_after=False) if cell == "gru" else keras.layers.LSTM(units)
    return keras.Sequential([
        keras.Input((lookback, features)),
        recurrent,
        keras.layers.Dense(1, activation="sigmoid"),
    ])


def versions():
    return f"keras {keras.__version__}, tensorflow {tf.__version__}"


class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.ms = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.ms.append((time.perf_counter() - self.start) * 1000)


def epoch_main(cell):
    """argv: DATA_DIR UNITS BATCH EPOCHS -> prints {"epoch_ms": [...], "versions"}."""
    folder, units, batch, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    x, y, meta = load(folder)
    model = build(meta["lookback"], meta["features"], units, cell=cell)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy")
    timer = EpochTimer()
    model.fit(x, y, batch_size=batch, epochs=epochs, shuffle=True, verbose=0, callbacks=[timer])
    print(json.dumps({"epoch_ms": timer.ms, "versions": versions()}))


def predict_main(cell):
    """argv: DATA_DIR UNITS WARMUP REPEATS -> prints {"ms": [...], "versions"}."""
    folder, units, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    x, _, meta = load(folder)
    model = build(meta["lookback"], meta["features"], units, cell=cell)
    ms = []
    for i in range(warmup + repeats):
        start = time.perf_counter()
        model.predict_on_batch(x)
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"ms": ms, "versions": versions()}))
