"""Peer of the fused-lstm-inference benchmarks (bench/fused-rnn.ts): latency of Keras
predict_on_batch for LSTM(units) -> Dense(1, sigmoid) on one batch.
Usage: keras_lstm_predict.py DATA_DIR UNITS WARMUP REPEATS -> prints {"ms": [...], "versions"}."""
from gru_peer_common import predict_main

if __name__ == "__main__":
    predict_main("lstm")
