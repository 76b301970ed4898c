"""How long each output file of one run takes to write (issue 17), for comparing two
installs on the very same outcome.

The first call solves ``INSTANCE`` once (``--time-limit``, seed 0) and keeps the outcome
in ``--outcome`` (pickle); every later call, from this install or another one's Python
(``/work/venvs/old/bin/python benchmarks/writing.py …``), loads it and writes every
output twice, in the order ``matcher run`` writes them: into a new folder, then into a
second one numbering its calendar against the first's (a run into a folder that holds
a result; the views the files share are computed in the first). Prints wall seconds per
file, then the totals (wall, and this process's CPU: the reference seconds of
``matcher.app.solve``'s reserves); ``--copy DIR`` keeps the files.

    python benchmarks/writing.py INSTANCE --outcome /tmp/o.pkl --lang en
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("instance", type=Path)
    parser.add_argument("--outcome", type=Path, required=True)
    parser.add_argument("--time-limit", type=float, default=30)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--copy", type=Path)
    args = parser.parse_args()
    from matcher.outputs.writers import _writers

    if not args.outcome.exists():
        from matcher import app
        from matcher.app.common import Overrides

        overrides = Overrides(time_limit=args.time_limit, seed=0)
        instance = app.load(args.instance, None, overrides, {"commissions", "students"})
        args.outcome.write_bytes(pickle.dumps(app.run(instance, None, "en")))
    outcome = pickle.loads(args.outcome.read_bytes())
    with tempfile.TemporaryDirectory(prefix="writing-") as folder:
        first, second = Path(folder) / "first", Path(folder) / "second"
        totals, cpus = [], []
        for out, earlier in ((first, []), (second, [first])):
            out.mkdir()
            total, cpu = 0.0, time.process_time()
            for name, writer in _writers(outcome, earlier).items():
                begun = time.perf_counter()
                writer(out / name, outcome, args.lang)
                spent = time.perf_counter() - begun
                total += spent
                print(f"{out.name:7} {name:18} {spent:6.2f} s", file=sys.stderr)
            totals.append(total)
            cpus.append(time.process_time() - cpu)
        print(
            f"total   new folder {totals[0]:.2f} s ({cpus[0]:.2f} s CPU), "
            f"over a result {totals[1]:.2f} s ({cpus[1]:.2f} s CPU)"
        )
        if args.copy:
            shutil.rmtree(args.copy, ignore_errors=True)
            shutil.copytree(folder, args.copy)


if __name__ == "__main__":
    main()
