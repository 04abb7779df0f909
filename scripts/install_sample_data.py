"""Copies real market data that PyPI packages ship (arch, skfolio) into data/, each with a
<file>.source.json recording where it came from, its licence and its SHA-256. Idempotent; the
committed records are the truth, so a package whose file changed is refused."""
import hashlib
import importlib
import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARCH_LICENCE = ("Shipped in the arch package (University of Illinois/NCSA Open Source License); "
                "the underlying prices are public index levels, redistributed there for examples and tests.")
SKFOLIO_LICENCE = ("Shipped in the skfolio package (BSD 3-Clause License); daily adjusted closes of public "
                   "US stocks, redistributed there for examples and tests.")
# destination name -> (package, path inside the package, description, licence)
SAMPLES = {
    "sp500.csv.gz": ("arch", "data/sp500/sp500.csv.gz",
                     "S&P 500 index daily OHLCV, 1999-01-04 to 2018-12-31, dates as M/D/YYYY", ARCH_LICENCE),
    "nasdaq.csv.gz": ("arch", "data/nasdaq/nasdaq.csv.gz",
                      "NASDAQ Composite daily OHLCV, 1999-01-04 to 2018-12-31, dates as M/D/YYYY", ARCH_LICENCE),
    "stocks20.csv.gz": ("skfolio", "datasets/data/sp500_dataset.csv.gz",
                        "Daily adjusted closes of 20 US stocks (AAPL AMD BAC BBY CVX GE HD JNJ JPM KO LLY MRK MSFT "
                        "PEP PFE PG RRC UNH WMT XOM), 1990-01-02 to 2022-12-28, one column per symbol", SKFOLIO_LICENCE),
}


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    out = ROOT / "data"
    out.mkdir(exist_ok=True)
    for name, (package, rel, description, licence) in SAMPLES.items():
        module = importlib.import_module(package)
        version = getattr(module, "__version__", "?")
        src = pathlib.Path(module.__file__).parent / rel
        if not src.exists():
            print(f"install_sample_data: {src} is missing from the {package} wheel ({package} {version}); "
                  "install the version pinned in requirements.txt", file=sys.stderr)
            return 1
        dest = out / name
        record_path = out / f"{name}.source.json"
        digest = sha256(src)
        if record_path.exists():
            # The committed record is the truth: a wheel whose file differs is not our sample.
            expected = json.loads(record_path.read_text())["sha256"]
            if digest != expected:
                print(f"install_sample_data: {src} has SHA-256 {digest}, but {record_path.relative_to(ROOT)} "
                      f"expects {expected}; reinstall the version pinned in requirements.txt or review the record",
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
                "source": f"PyPI {package}=={version}: {package}/{rel}",
                "licence": licence,
                "sha256": digest,
            }
            record_path.write_text(json.dumps(record, indent=2) + "\n")
        print(f"{dest.relative_to(ROOT)}: installed ({digest[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
