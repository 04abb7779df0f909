"""Peer of the fused-lstm-epoch benchmark (bench/fused-rnn.ts): per-epoch wall time of Keras
model.fit for LSTM(units) -> Dense(1, sigmoid) on the data bench/dataset.ts wrote.
Usage: keras_lstm_epoch.py DATA_DIR UNITS BATCH EPOCHS -> prints {"epoch_ms": [...], "versions"}."""
from gru_peer_common import epoch_main

if __name__ == "__main__":
    epoch_main("lstm")
