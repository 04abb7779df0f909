"""Shared by the Keras peers: reads the dataset bench/dataset.ts wrote and builds the same model
as quantlab's GruClassifier: GRU(units, sigmoid gates, reset_after=False) -> Dense(1, sigmoid)."""
import json
import os

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


def build(lookback, features, units, seed=1):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((lookback, features)),
        # tfjs-layers implements the reset-before variant only; match it.
        keras.layers.GRU(units, reset_after=False),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    return model


def versions():
    return f"keras {keras.__version__}, tensorflow {tf.__version__}"
