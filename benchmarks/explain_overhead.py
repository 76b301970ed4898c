"""Wall and CPU seconds that explanations add to ``matcher run`` (issue 14's +2 s target):
every cohort run with and without ``--no-explain``, interleaved, best of the rounds.

Usage: ``python benchmarks/explain_overhead.py`` from the repository (the installed
``matcher`` on PATH). With ``--src DIR`` (repeatable, e.g. an unpacked ``git archive`` of
the commit before a change, then ``.``), each source tree's ``matcher`` runs in turn
(``PYTHONPATH=DIR``), interleaved so that all see the same load; ``--keep DIR`` keeps each
tree's ``explanations.csv`` of every cohort (``DIR/<k>/<cohort>.csv``, k = 1, 2, ... in
``--src`` order) to compare the answers with ``diff``. ``--rounds N`` (default 2),
``--only NAME`` (repeatable: cohorts whose folder name matches), ``--cohort DIR``
(repeatable: another instance folder, e.g. ``benchmarks/shapes.py``'s all-proposals 60
seed 1, measured after the demo and the historical cohorts).
"""

import argparse
import glob
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_MAIN = "import sys; from matcher.cli import main; sys.argv[0] = 'matcher'; main()"


def _command(src: str | None) -> tuple[list[str], dict[str, str] | None, str | None]:
    """The command running ``matcher`` from ``src`` (None: the installed one), its
    environment and its working directory. ``python -c`` puts the working directory first
    on ``sys.path``, before ``PYTHONPATH``: run from ``src`` itself, or every tree would
    run the code of the directory the benchmark was started from."""
    if src is None:
        return [shutil.which("matcher") or "matcher"], None, None
    src = os.path.abspath(src)
    return [sys.executable, "-c", _MAIN], dict(os.environ, PYTHONPATH=src), src


def main() -> None:
    """Print one line per cohort and source: CPU and wall with explanations vs without."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", action="append", default=[])
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--cohort", action="append", default=[], type=Path)
    args = parser.parse_args()
    historical = glob.glob(str(ROOT / "instances" / "historical" / "*"))
    cohorts = [ROOT / "instances" / "demo", *sorted(Path(p) for p in historical)]
    if args.only:
        cohorts = [c for c in cohorts if any(name in c.name for name in args.only)]
    cohorts += [c.resolve() for c in args.cohort]
    sources: list[str | None] = list(args.src) or [None]
    out = Path(tempfile.mkdtemp()) / "out"
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    res: dict[tuple[Path, int, bool], list[tuple[float, float]]] = {}
    for _ in range(args.rounds):
        for c in cohorts:
            for k, src in enumerate(sources):
                command, env, cwd = _command(src)
                for extra in ([], ["--no-explain"]):
                    b = resource.getrusage(resource.RUSAGE_CHILDREN)
                    t = time.perf_counter()
                    subprocess.run(
                        [*command, "run", str(c), "--out", str(out), "--quiet", *extra],
                        check=True,
                        env=env,
                        cwd=cwd,
                    )
                    a = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
                    res.setdefault((c, k, bool(extra)), []).append((cpu, time.perf_counter() - t))
                    if not extra and args.keep is not None:
                        kept = args.keep / str(k + 1)
                        kept.mkdir(parents=True, exist_ok=True)
                        shutil.copy(out / "explanations.csv", kept / f"{c.name}.csv")
    for c in cohorts:
        for k, src in enumerate(sources):
            e = min(x[0] for x in res[(c, k, False)])
            n = min(x[0] for x in res[(c, k, True)])
            ew = min(x[1] for x in res[(c, k, False)])
            nw = min(x[1] for x in res[(c, k, True)])
            name = "" if src is None else f" [{k + 1}: {src}]"
            print(
                f"{c.name}{name}: CPU {e:.2f} vs {n:.2f} (+{e - n:.2f}); "
                f"wall {ew:.2f} vs {nw:.2f} (+{ew - nw:.2f})"
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
