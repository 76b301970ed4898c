"""Wall and CPU seconds that explanations add to ``matcher run`` (issue 14's +2 s target):
every cohort run with and without ``--no-explain``, interleaved, best of the rounds.
Usage: ``python benchmarks/explain_overhead.py`` from the repository (the installed
``matcher`` on PATH)."""

import glob
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 2


def main() -> None:
    """Print one line per cohort: CPU and wall with explanations vs without."""
    historical = glob.glob(str(ROOT / "instances" / "historical" / "*"))
    cohorts = [ROOT / "instances" / "demo", *sorted(Path(p) for p in historical)]
    matcher = shutil.which("matcher") or "matcher"
    out = Path(tempfile.mkdtemp()) / "out"
    res: dict[tuple[Path, bool], list[tuple[float, float]]] = {}
    for _ in range(ROUNDS):
        for c in cohorts:
            for extra in ([], ["--no-explain"]):
                b = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run(
                    [matcher, "run", str(c), "--out", str(out), "--quiet", *extra], check=True
                )
                a = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
                res.setdefault((c, bool(extra)), []).append((cpu, time.perf_counter() - t))
    for c in cohorts:
        e = min(x[0] for x in res[(c, False)])
        n = min(x[0] for x in res[(c, True)])
        ew = min(x[1] for x in res[(c, False)])
        nw = min(x[1] for x in res[(c, True)])
        print(
            f"{c.name}: CPU {e:.2f} vs {n:.2f} (+{e - n:.2f}); "
            f"wall {ew:.2f} vs {nw:.2f} (+{ew - nw:.2f})"
        )


if __name__ == "__main__":
    main()
