"""PyTorch peer of bench/torch-rnn.ts: the same RNN(units) -> Linear(1) + sigmoid classifier on the
same data (gru_peer_common.load), CPU, 2 intra-op threads (this machine's cores), Adam 1e-3, BCE,
per-epoch shuffle, batch as given; the idiomatic PyTorch training loop (DataLoader-free indexing).
PyTorch's GRU is the reset-after variant (cuDNN's); tfjs/Keras here run reset-before. Same FLOPs.
Usage: torch_rnn.py epoch|predict gru|lstm DATA_DIR UNITS BATCH_OR_WARMUP EPOCHS_OR_REPEATS [LAYERS]"""
import json
import sys
import time

import numpy as np
import torch

from gru_peer_common import load


class Net(torch.nn.Module):
    def __init__(self, cell, features, units, layers=1):
        super().__init__()
        rnn = torch.nn.GRU if cell == "gru" else torch.nn.LSTM
        self.rnn = rnn(features, units, num_layers=layers, batch_first=True)
        self.head = torch.nn.Linear(units, 1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1, :]).squeeze(-1)


def main():
    mode, cell, folder, units, a, b = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    layers = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x, y, meta = load(folder)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.reshape(-1))
    net = Net(cell, meta["features"], units, layers)
    versions = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    if mode == "epoch":
        batch, epochs = a, b
        optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = torch.nn.BCEWithLogitsLoss()
        rng = np.random.default_rng(2)
        ms = []
        for _ in range(epochs):
            start = time.perf_counter()
            order = torch.from_numpy(rng.permutation(len(xt)))
            for i in range(0, len(xt), batch):
                idx = order[i:i + batch]
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(net(xt[idx]), yt[idx])
                loss.backward()
                optimizer.step()
                loss.item()
            ms.append((time.perf_counter() - start) * 1000)
        print(json.dumps({"epoch_ms": ms, "versions": versions}))
    else:
        warmup, repeats = a, b
        net.eval()
        ms = []
        with torch.inference_mode():
            for i in range(warmup + repeats):
                start = time.perf_counter()
                torch.sigmoid(net(xt)).numpy()
                if i >= warmup:
                    ms.append((time.perf_counter() - start) * 1000)
        print(json.dumps({"ms": ms, "versions": versions}))


if __name__ == "__main__":
    main()
