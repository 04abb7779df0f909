"""Peer of bench/event-backtest.ts: backtesting.py timings in the same run.

Usage: backtesting_py.py DATA_JSON WARMUP REPEATS -> prints one JSON document:
  {"universe": {"ms": [...], "trades": n}, "sma": {"ms": [...], "trades": n, "final": x}, "versions": "..."}

universe: backtesting.py is single-asset, so the 20-asset portfolio is compared with 20
  separate runs (one per asset, each with its own cash): SMA(10/30) crossover entries sized at
  5% of equity with a 5% stop-loss and a 3-ATR trailing stop (backtesting.lib.TrailingStrategy,
  ATR(14)); closes on the opposite crossover. One timing = all 20 runs.
sma: SMA(10/20) crossover, long/flat, whole shares floor(0.99 * equity / close), fixed fee 10
  per fill, on the S&P 500 sample: the configuration test/backtest/event/backtesting-py.test.ts
  checks trade for trade.
"""
import json
import math
import os
import sys
import time
import warnings

# backtesting.py draws a tqdm progress bar per run on stderr; tqdm reads this when imported.
os.environ["TQDM_DISABLE"] = "1"

import backtesting  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from backtesting import Backtest, Strategy  # noqa: E402
from backtesting.lib import TrailingStrategy, crossover  # noqa: E402


def sma(x, n):
    return pd.Series(x).rolling(n).mean()


class UniverseCross(TrailingStrategy):
    def init(self):
        super().init()
        self.set_atr_periods(14)
        self.set_trailing_sl(3)
        self.fast = self.I(sma, self.data.Close, 10)
        self.slow = self.I(sma, self.data.Close, 30)

    def next(self):
        super().next()
        if crossover(self.fast, self.slow):
            if not self.position:
                self.buy(size=0.05, sl=self.data.Close[-1] * 0.95)
        elif crossover(self.slow, self.fast) and self.position:
            self.position.close()


class SmaCross(Strategy):
    def init(self):
        self.fast = self.I(sma, self.data.Close, 10)
        self.slow = self.I(sma, self.data.Close, 20)

    def next(self):
        if crossover(self.fast, self.slow):
            if not self.position:
                self.buy(size=math.floor(0.99 * self.equity / self.data.Close[-1]))
        elif crossover(self.slow, self.fast) and self.position:
            self.position.close()


def timed(fn, warmup, repeats):
    ms, out = [], None
    for i in range(warmup + repeats):
        start = time.perf_counter()
        out = fn()
        if i >= warmup:
            ms.append((time.perf_counter() - start) * 1000)
    return ms, out


def main():
    path, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    warnings.simplefilter("ignore")
    with open(path) as f:
        data = json.load(f)
    index = pd.to_datetime(data["time"], unit="ms")
    frames = [
        pd.DataFrame({k.capitalize(): a[k] for k in ("open", "high", "low", "close", "volume")}, index=index)
        for a in data["assets"]
    ]

    def universe():
        return sum(len(Backtest(df, UniverseCross, cash=1_000_000, commission=(1.0, 0.0)).run()["_trades"]) for df in frames)

    spx = pd.read_csv(data["sp500"], index_col="Date")
    spx.index = pd.to_datetime(spx.index, format="%m/%d/%Y")
    spx = spx[["Open", "High", "Low", "Close", "Volume"]]

    def sma_cross():
        return Backtest(spx, SmaCross, cash=1_000_000, commission=(10.0, 0.0)).run()

    u_ms, u_trades = timed(universe, 1, max(1, repeats // 4))
    s_ms, stats = timed(sma_cross, warmup, repeats)
    print(json.dumps({
        "universe": {"ms": u_ms, "trades": int(u_trades)},
        "sma": {"ms": s_ms, "trades": int(len(stats["_trades"])), "final": float(stats["Equity Final [$]"])},
        "versions": f"backtesting.py {backtesting.__version__}, pandas {pd.__version__}, numpy {np.__version__}",
    }))


if __name__ == "__main__":
    main()
