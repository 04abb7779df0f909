"""Peer of bench/gru-epoch.ts and bench/fused-rnn.ts: per-epoch wall time of Keras model.fit for
GRU(units) -> Dense(1, sigmoid) on the same data.
Usage: keras_gru_epoch.py DATA_DIR UNITS BATCH EPOCHS -> prints {"epoch_ms": [...], "versions"}."""
from gru_peer_common import epoch_main

if __name__ == "__main__":
    epoch_main("gru")
