"""Copies the real daily OHLCV samples that the PyPI `arch` wheel ships into data/, each with a
<file>.source.json recording where it came from, its licence and its SHA-256. Idempotent."""
import hashlib
import json
import pathlib
import shutil
import sys

import arch

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARCH_DATA = pathlib.Path(arch.__file__).parent / "data"
SAMPLES = {
    "sp500.csv.gz": ("sp500/sp500.csv.gz", "S&P 500 index daily OHLCV, 1999-01-04 to 2018-12-31, dates as M/D/YYYY"),
    "nasdaq.csv.gz": ("nasdaq/nasdaq.csv.gz", "NASDAQ Composite daily OHLCV, 1999-01-04 to 2018-12-31, dates as M/D/YYYY"),
}
LICENCE = ("Shipped in the arch package (University of Illinois/NCSA Open Source License); "
           "the underlying prices are public index levels, redistributed there for examples and tests.")


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    out = ROOT / "data"
    out.mkdir(exist_ok=True)
    for name, (rel, description) in SAMPLES.items():
        src = ARCH_DATA / rel
        if not src.exists():
            print(f"install_sample_data: {src} is missing from the arch wheel (arch {arch.__version__}); "
                  "pin arch==8.0.0 in requirements.txt", file=sys.stderr)
            return 1
        dest = out / name
        record_path = out / f"{name}.source.json"
        digest = sha256(src)
        if record_path.exists():
            # The committed record is the truth: a wheel whose file differs is not our sample.
            expected = json.loads(record_path.read_text())["sha256"]
            if digest != expected:
                print(f"install_sample_data: {src} has SHA-256 {digest}, but {record_path.relative_to(ROOT)} "
                      f"expects {expected}; reinstall arch==8.0.0 (requirements.txt) or review the record",
                      file=sys.stderr)
                return 1
        if dest.exists() and record_path.exists() and sha256(dest) == digest:
            print(f"{dest.relative_to(ROOT)}: up to date ({digest[:12]})")
            continue
        tmp = dest.with_suffix(".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dest)
        if not record_path.exists():
            record = {
                "file": name,
                "description": description,
                "source": f"PyPI arch=={arch.__version__}: arch/data/{rel}",
                "licence": LICENCE,
                "sha256": digest,
            }
            record_path.write_text(json.dumps(record, indent=2) + "\n")
        print(f"{dest.relative_to(ROOT)}: installed ({digest[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
