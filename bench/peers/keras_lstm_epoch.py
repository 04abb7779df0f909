"""Peer of the fused-lstm-epoch benchmark (bench/fused-rnn.ts): per-epoch wall time of Keras
model.fit for LSTM(units) -> Dense(1, sigmoid) on the data bench/dataset.ts wrote.
Usage: keras_lstm_epoch.py DATA_DIR UNITS BATCH EPOCHS -> prints {"epoch_ms": [...], "versions"}."""
import json
import sys

import keras

from gru_peer_common import load, versions
from keras_gru_epoch import EpochTimer


def build(lookback, features, units, seed=1):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input((lookback, features)),
        keras.layers.LSTM(units),
        keras.layers.Dense(1, activation="sigmoid"),
    ])


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
