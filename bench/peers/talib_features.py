"""Peer of bench/features.ts: TA-Lib's C functions through the Python wrapper on the same bars.
Usage: talib_features.py DATA_DIR WARMUP REPEATS KEYS -> prints {"ms": {key: median ms over all symbols},
"set_ms": ms of every key in KEYS in one pass over all symbols, "versions"}.
DATA_DIR/bars.f64 holds (symbols, 5, n) float64 little-endian: open, high, low, close, volume."""
import json
import sys
import time

import numpy as np
import talib

CALLS = {
    "sma20": lambda o, h, l, c, v: talib.SMA(c, 20),
    "ema20": lambda o, h, l, c, v: talib.EMA(c, 20),
    "wma20": lambda o, h, l, c, v: talib.WMA(c, 20),
    "dema20": lambda o, h, l, c, v: talib.DEMA(c, 20),
    "tema20": lambda o, h, l, c, v: talib.TEMA(c, 20),
    "kama10": lambda o, h, l, c, v: talib.KAMA(c, 10),
    "trix15": lambda o, h, l, c, v: talib.TRIX(c, 15),
    "rsi14": lambda o, h, l, c, v: talib.RSI(c, 14),
    "macd": lambda o, h, l, c, v: talib.MACD(c, 12, 26, 9),
    "apo": lambda o, h, l, c, v: talib.APO(c, 12, 26),
    "ppo": lambda o, h, l, c, v: talib.PPO(c, 12, 26),
    "roc10": lambda o, h, l, c, v: talib.ROC(c, 10),
    "mom10": lambda o, h, l, c, v: talib.MOM(c, 10),
    "cmo14": lambda o, h, l, c, v: talib.CMO(c, 14),
    "stoch": lambda o, h, l, c, v: talib.STOCH(h, l, c, 14, 3, 0, 3, 0),
    "stochrsi": lambda o, h, l, c, v: talib.STOCHRSI(c, 14, 5, 3, 0),
    "willr14": lambda o, h, l, c, v: talib.WILLR(h, l, c, 14),
    "cci20": lambda o, h, l, c, v: talib.CCI(h, l, c, 20),
    "ultosc": lambda o, h, l, c, v: talib.ULTOSC(h, l, c, 7, 14, 28),
    "aroon14": lambda o, h, l, c, v: talib.AROON(h, l, 14),
    "mfi14": lambda o, h, l, c, v: talib.MFI(h, l, c, v, 14),
    "bop": lambda o, h, l, c, v: talib.BOP(o, h, l, c),
    "bbands20": lambda o, h, l, c, v: talib.BBANDS(c, 20, 2.0, 2.0, 0),
    "stddev20": lambda o, h, l, c, v: talib.STDDEV(c, 20, 1.0),
    "atr14": lambda o, h, l, c, v: talib.ATR(h, l, c, 14),
    "natr14": lambda o, h, l, c, v: talib.NATR(h, l, c, 14),
    "trange": lambda o, h, l, c, v: talib.TRANGE(h, l, c),
    "adx14": lambda o, h, l, c, v: (talib.ADX(h, l, c, 14), talib.PLUS_DI(h, l, c, 14), talib.MINUS_DI(h, l, c, 14)),
    "sar": lambda o, h, l, c, v: talib.SAR(h, l, 0.02, 0.2),
    "obv": lambda o, h, l, c, v: talib.OBV(c, v),
    "ad": lambda o, h, l, c, v: talib.AD(h, l, c, v),
    "adosc": lambda o, h, l, c, v: talib.ADOSC(h, l, c, v, 3, 10),
    "linreg_slope14": lambda o, h, l, c, v: talib.LINEARREG_SLOPE(c, 14),
}


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    ms = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1000)
    return float(np.median(ms))


def main():
    data_dir, warmup, repeats, keys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
    meta = json.load(open(f"{data_dir}/meta.json"))
    raw = np.fromfile(f"{data_dir}/bars.f64", dtype="<f8").reshape(meta["symbols"], 5, meta["n"])
    symbols = [tuple(np.ascontiguousarray(raw[s, j]) for j in range(5)) for s in range(meta["symbols"])]
    unknown = [k for k in keys if k not in CALLS]
    if unknown:
        raise SystemExit(f"talib_features.py: no TA-Lib call for {unknown}")

    def over_symbols(call):
        return lambda: [call(*bars) for bars in symbols]

    ms = {k: timed(over_symbols(CALLS[k]), warmup, repeats) for k in keys}
    set_calls = [CALLS[k] for k in keys]
    set_ms = timed(lambda: [[call(*bars) for call in set_calls] for bars in symbols], warmup, repeats)
    print(json.dumps({"ms": ms, "set_ms": set_ms, "versions": f"TA-Lib {talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__} via ta-lib {talib.__version__}, numpy {np.__version__}"}))


if __name__ == "__main__":
    main()
