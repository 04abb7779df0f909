"""Executes the ordered notebooks (notebooks/NN_*.ipynb) headless on the tslab kernel and writes,
for each, the executed notebook and an HTML report into the output folder.

A notebook counts as done only when every cell ran without an error AND without writing to
stderr; its report files are then written atomically. Reports from an earlier run are removed at
the start, so what is in the output folder after a failure is exactly what succeeded; the failing
notebook is kept as <name>.failed.ipynb for inspection."""
from __future__ import annotations

import argparse
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbconvert import HTMLExporter

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORDERED = re.compile(r"^\d\d_[\w-]+\.ipynb$")
# nbconvert's lab template loads require.js and MathJax from a CDN. Reports must be readable
# offline, and require.js would turn the plotly.js bundle the figures carry into an anonymous AMD
# module (no window.Plotly), so both tags are removed; notebooks write formulas in plain text.
CDN_SCRIPT = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*')


def write_atomic(path: pathlib.Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def problems_in(nb) -> list[str]:
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = "".join(output.get("text", ""))
                found.append(f"cell {index} wrote to stderr: {text.strip()[:500]}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", default=str(ROOT / "notebooks"))
    parser.add_argument("--out", default=str(ROOT / "reports"))
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("--cell-timeout", type=int, default=900)
    parser.add_argument("--only", nargs="*", help="run only notebooks whose names start with these prefixes")
    args = parser.parse_args()

    nb_dir = pathlib.Path(args.notebooks).resolve()
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in nb_dir.iterdir() if ORDERED.match(p.name))
    if args.only:
        names = [n for n in names if any(n.startswith(prefix) for prefix in args.only)]
    if not names:
        print(f"run_notebooks: no notebooks named NN_*.ipynb in {nb_dir}", file=sys.stderr)
        return 2
    for stale in list(out.glob("[0-9][0-9]_*.html")) + list(out.glob("[0-9][0-9]_*.ipynb")):
        stale.unlink()

    exporter = HTMLExporter(template_name="lab")
    for name in names:
        stem = name[: -len(".ipynb")]
        started = time.time()
        print(f"run_notebooks: {name} ...", flush=True)
        nb = nbformat.read(nb_dir / name, as_version=4)
        client = NotebookClient(nb, timeout=args.cell_timeout, kernel_name=args.kernel,
                                resources={"metadata": {"path": str(nb_dir)}})
        failure = None
        try:
            client.execute()
        except (CellExecutionError, DeadKernelError) as error:
            failure = str(error)
        problems = problems_in(nb)
        if failure or problems:
            nbformat.write(nb, out / f"{stem}.failed.ipynb")
            print(f"run_notebooks: FAILED {name} after {time.time() - started:.1f}s", file=sys.stderr)
            for line in ([failure] if failure else []) + problems:
                print(f"  {line[:2000]}", file=sys.stderr)
            print(f"  the partially executed notebook is {out / (stem + '.failed.ipynb')}", file=sys.stderr)
            return 1
        (out / f"{stem}.failed.ipynb").unlink(missing_ok=True)
        html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": stem}})
        html = CDN_SCRIPT.sub("", html)
        write_atomic(out / f"{stem}.ipynb", nbformat.writes(nb))
        write_atomic(out / f"{stem}.html", html)
        print(f"run_notebooks: ok {name} in {time.time() - started:.1f}s -> {out / (stem + '.html')}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
