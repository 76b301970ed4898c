"""Robustness probe of large cohorts (issue 17): rule combinations the start may ignore.

Its own cohort writer (plain Python + csv, no numpy, nothing from ``matcher/generate`` or
``benchmarks/shapes.py``): every cohort combines, at once,

- ``no_isolation`` on one condition (``vae=yes``) or on three (``vae=yes``, ``gender=M``,
  ``employed=no``);
- together groups: chains of 2-5 students tied by together pairs (a-b, b-c, ...), some
  holding a VAE student alone, some with one member pinned;
- many apart pairs (some between two VAE students, some between a chain member and
  another student);
- 5 % of students pinned (at most a few per commission, never to their employer);
- commissions with their own sizes: in the ``tight`` variant the cohort bounds are widened
  to N/K - 2 ... N/K + 2 and half of the proposals get ``max_size`` = floor(N/K), a fifth
  ``min_size`` = N/K + 1;
- employers conflicting with the most popular commissions (the employee lists it first);
- skewed (Zipf) popularity over *all* proposals, so choices name unselected proposals;
- 20 % of students without choices; ``count`` = N / 10, proposals = 1.6 x count.

Variants (``VARIANTS``): ``iso1`` / ``iso3-tight`` add two shapes adversarial for the
start: a VAE student alone in a few chains, and every other VAE student who is neither
pinned nor chained in an apart pair with another VAE student; ``-plain`` leaves them out.

Every cohort is feasible by construction (no apart pair inside a chain or between students
pinned alike, a chain holds at most one pinned member, pinned headcounts fit every size).

Usage::

    python benchmarks/robustness.py write --students 1000 --variant iso1 --seed 0 --out DIR
    python benchmarks/robustness.py probe --matcher VENV/bin/matcher --work /tmp/s13h \
        --sizes 1000,2000,10000 --limits 3,10,60,default --jsonl runs.jsonl
    python benchmarks/robustness.py render --jsonl runs.jsonl
    VENV/bin/python benchmarks/robustness.py start COHORT SELECTION_DIR  # what the start breaks
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import subprocess
import time
from pathlib import Path
from typing import Any

VARIANTS = ("iso1", "iso3-tight", "iso1-plain", "iso3-tight-plain")
BACKGROUNDS = (
    ("assistant social", 50), ("éducateur", 25), ("GRH", 7), ("infirmier", 7),
    ("psychologie", 6), ("coopération", 5),
)  # fmt: skip
SECTORS = tuple(f"secteur {i:02d}" for i in range(14))
PROBLEMS = tuple(f"problème {i:02d}" for i in range(9))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def write_cohort(out: Path, students: int, variant: str, seed: int) -> None:
    """Write one cohort folder (commissions, students, pairs, settings)."""
    rng = random.Random(seed * 7919 + students)
    n = students
    k = n // 10
    p = round(1.6 * k)
    ids = [f"P{i + 1:04d}" for i in range(p)]
    # Institutions: mostly one proposal each, every 9th institution has two.
    institutions = []
    inst_no = 0
    for i in range(p):
        if i % 9 == 1:
            institutions.append(institutions[-1])
        else:
            inst_no += 1
            institutions.append(f"Institution n°{inst_no} de Namur")
    tight = "tight" in variant
    base = n // k
    min_own: dict[str, int] = {}
    max_own: dict[str, int] = {}
    if tight:
        order = list(range(p))
        rng.shuffle(order)
        for j in order[: p // 2]:
            max_own[ids[j]] = base  # floor(N/K)
        for j in order[p // 2 : p // 2 + p // 5]:
            min_own[ids[j]] = base + 1
    # Zipf popularity over all proposals (shuffled so that popularity ignores ids).
    pop_order = list(range(p))
    rng.shuffle(pop_order)
    weights = [0.0] * p
    for rank, j in enumerate(pop_order):
        weights[j] = 1.0 / (rank + 1) ** 1.1
    popular = pop_order[:10]
    cum = list(itertools.accumulate(weights))
    # Students.
    rows = []
    for s in range(n):
        sid = f"E{s + 1:05d}"
        vae = rng.random() < 0.09
        employed = rng.random() < 0.65
        gender = "M" if rng.random() < 0.15 else ("X" if rng.random() < 0.01 else "F")
        employer = ""
        choices: list[str] = []
        if rng.random() >= 0.20:
            length = rng.randint(3, 6)
            while len(choices) < length:
                c = ids[rng.choices(range(p), cum_weights=cum)[0]]
                if c not in choices:
                    choices.append(c)
        if employed and rng.random() < 0.10:
            j = rng.choice(popular)
            employer = institutions[j]
            if choices and ids[j] not in choices:
                choices[0] = ids[j]  # lists its employer's commission first
        elif employed and rng.random() < 0.3:
            employer = f"Employeur privé {rng.randint(1, 300)}"
        rows.append(
            {
                "id": sid, "name": f"Étudiant·e {s + 1}",
                "background": _weighted(rng, BACKGROUNDS), "vae": "oui" if vae else "non",
                "employed": "oui" if employed else "non", "employer": employer,
                "gender": gender, "experience_years": str(rng.randint(0, 15)),
                "choices": ";".join(choices), "pinned": "",
            }
        )  # fmt: skip
    by_id = {r["id"]: r for r in rows}
    order = [r["id"] for r in rows]
    rng.shuffle(order)
    used: set[str] = set()
    pairs: list[tuple[str, str, str]] = []
    chains: list[list[str]] = []
    pos = 0
    # Together chains: 8 % of students in chains of 2-5.
    while sum(len(c) for c in chains) < 0.08 * n:
        size = rng.randint(2, 5)
        chain = order[pos : pos + size]
        pos += size
        chains.append(chain)
        used.update(chain)
        for a, b in itertools.pairwise(chain):
            pairs.append((a, b, "together"))
    # A few chains holding exactly one VAE student (no_isolation must bring another).
    plain = variant.endswith("plain")
    for chain in [] if plain else chains[: max(2, len(chains) // 10)]:
        by_id[chain[0]]["vae"] = "oui"
        for s in chain[1:]:
            by_id[s]["vae"] = "non"
    # Pins: 5 % of students, to commissions chosen among a pinned set; chain members pin
    # their whole chain.
    one_per_institution = list({institutions[j]: j for j in range(p)}.values())
    pinned_set = rng.sample(one_per_institution, k // 2)
    load: dict[int, int] = {j: 0 for j in pinned_set}
    cap = base - 3  # room left for no_isolation partners
    pinned_students: dict[str, int] = {}
    for chain in chains[::7]:
        j = rng.choice(pinned_set)
        if load[j] + len(chain) <= cap and all(
            by_id[s]["employer"] != institutions[j] for s in chain
        ):
            by_id[chain[0]]["pinned"] = ids[j]
            load[j] += len(chain)
            for s in chain:
                pinned_students[s] = j
    free = [s for s in order[pos:]]
    target = int(0.05 * n)
    q = 0
    while len([s for s in by_id if by_id[s]["pinned"]]) < target and q < len(free):
        s = free[q]
        q += 1
        j = rng.choice(pinned_set)
        if load[j] + 1 <= cap and by_id[s]["employer"] != institutions[j]:
            by_id[s]["pinned"] = ids[j]
            load[j] += 1
            pinned_students[s] = j
            used.add(s)
    # Apart pairs: 12 % of students, among the rest, plus some touching chains and VAE.
    rest = [s for s in order if s not in used]
    rng.shuffle(rest)
    chain_of = {s: i for i, c in enumerate(chains) for s in c}
    n_apart = int(0.06 * n)
    i = 0
    while len([x for x in pairs if x[2] == "apart"]) < n_apart and i + 1 < len(rest):
        pairs.append((rest[i], rest[i + 1], "apart"))
        i += 2
    vaes = [] if plain else [s for s in rest[i:] if by_id[s]["vae"] == "oui"]
    for a, b in zip(vaes[::2], vaes[1::2], strict=False):
        pairs.append((a, b, "apart"))
    for chain in chains[1::5]:
        other = rest[-1 - len(pairs) % 50]
        if other not in chain_of:
            pairs.append((chain[-1], other, "apart"))
    # Commissions.
    out.mkdir(parents=True, exist_ok=True)
    with (out / "commissions.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "institution", "sector", "problem_type", "priority",
                    "min_size", "max_size"])  # fmt: skip
        for j, cid in enumerate(ids):
            w.writerow([cid, institutions[j], SECTORS[rng.randrange(len(SECTORS))],
                        PROBLEMS[rng.randrange(len(PROBLEMS))], rng.randint(0, 5),
                        min_own.get(cid, ""), max_own.get(cid, "")])  # fmt: skip
    with (out / "students.csv").open("w", newline="", encoding="utf-8") as f:
        w2 = csv.DictWriter(f, fieldnames=list(rows[0]))
        w2.writeheader()
        w2.writerows(rows)
    with (out / "pairs.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student_a", "student_b", "relation"])
        w.writerows(pairs)
    iso = '["vae=yes"]' if variant.startswith("iso1") else '["vae=yes", "gender=M", "employed=no"]'
    sizes = f"min_size = {base - 2}\nmax_size = {base + 2}\n" if tight else ""
    (out / "settings.toml").write_text(
        f"[selection]\ncount = {k}\n\n[teams]\nno_isolation = {iso}\n{sizes}", encoding="utf-8"
    )


def _time_v(stderr: str) -> tuple[float, int]:
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    secs = 0.0
    if elapsed:
        h, m, s = elapsed.groups()
        secs = int(h or 0) * 3600 + int(m) * 60 + float(s)
    return secs, int(rss.group(1)) if rss else 0


def _stages(summary: dict[str, Any]) -> str:
    parts = []
    for stage in ("selection", "teams"):
        st = summary.get(stage) or {}
        objs = ", ".join(
            f"{o['name']} {o.get('value')}/{o.get('bound')}" for o in st.get("objectives", [])
        )
        stop = f" stopped_by {st['stopped_by']}" if st.get("stopped_by") else ""
        parts.append(f"{stage} {st.get('status')} {st.get('time_s')} s{stop}: {objs}")
    return "<br>".join(parts)


def probe_one(matcher: str, cohort: Path, out: Path, limit: float | None) -> dict[str, Any]:
    cmd = [matcher, "run", str(cohort), "--out", str(out), "--no-explain", "--lang", "en"]
    if limit is not None:
        cmd += ["--time-limit", str(limit)]
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    elapsed, rss = _time_v(proc.stderr)
    row: dict[str, Any] = {
        "cohort": cohort.name, "limit": limit, "cmd": " ".join(cmd), "exit": proc.returncode,
        "elapsed": elapsed, "rss_mib": rss / 1024, "stages": "", "check": "",
        "stderr": "\n".join(
            ln for ln in proc.stderr.splitlines() if not ln.startswith("\t")
        )[-600:],
    }  # fmt: skip
    if proc.returncode == 0:
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        row["stages"] = _stages(summary)
        chk = subprocess.run(
            [matcher, "check", str(cohort), "--result", str(out), "--lang", "en"],
            capture_output=True, text=True,
        )  # fmt: skip
        row["check"] = f"exit {chk.returncode}"
        if chk.returncode != 0:
            row["check"] += ": " + (chk.stdout + chk.stderr)[-400:].replace("\n", " ")
    return row


def start_report(cohort: Path, selection: Path) -> str:
    """What the team engine's start (flows, ``repair_pairs``, ``repair_isolation``) leaves
    broken on ``cohort`` for the commissions selected in ``selection``/selection.csv: when
    anything is, the engine has no fallback and CP-SAT must find a first assignment alone."""
    import numpy as np

    from matcher.loading.instance import load_instance
    from matcher.teams import team_data
    from models.teams.data import joined_groups
    from models.teams.flows import start_assignment

    instance = load_instance(cohort)
    with (selection / "selection.csv").open(encoding="utf-8-sig") as f:
        ids = [r["id"] for r in csv.DictReader(f) if r["selected"] == "yes"]
    data = team_data(instance, ids)
    began = time.perf_counter()
    start = start_assignment(data)
    lines = [f"start_assignment: {time.perf_counter() - began:.2f} s"]
    if start is None:
        return lines[0] + "\nno start (sizes, conflicts and pins admit none)"
    team_of, k = start.team_of, data.num_teams
    pinned = data.pinned_or_none()
    sizes = np.bincount(team_of, minlength=k)
    grouped = {i for g in joined_groups(data.num_students, data.together) for i in g}
    in_apart = {i for pair in data.apart for i in pair}
    lines.append(f"apart pairs broken: {sum(team_of[a] == team_of[b] for a, b in data.apart)}")
    for group in joined_groups(data.num_students, data.together):
        if len({int(team_of[i]) for i in group}) > 1:
            held = [int(pinned[i]) for i in group if pinned[i] >= 0]
            where = ""
            if held:
                members = np.nonzero(team_of == held[0])[0]
                free = sum(1 for i in members if i not in grouped and pinned[i] < 0)
                where = (
                    f", pinned to {ids[held[0]]} ({sizes[held[0]]}/{data.size_max[held[0]]},"
                    f" {free} free students there)"
                )
            names = "-".join(instance.students[i].id for i in group)
            lines.append(f"together group split: {names}{where}")
    for iso in data.isolation_groups:
        counts = np.bincount(team_of[list(iso.member_idcs)], minlength=k)
        lone = np.nonzero(counts == 1)[0]
        kinds: dict[str, int] = {}
        for t in lone:
            m = next(i for i in iso.member_idcs if team_of[i] == t)
            kind = (
                "pinned"
                if pinned[m] >= 0
                else "grouped"
                if m in grouped
                else ("apart" if m in in_apart else "free")
            )
            kinds[kind] = kinds.get(kind, 0) + 1
        lines.append(f"no_isolation {iso.label}: {len(lone)} teams with one member {kinds}")
    return "\n".join(lines)


def render(jsonl: Path) -> str:
    """The markdown table of every run recorded in ``jsonl`` (last run of each kind wins)."""
    runs: dict[tuple[str, Any], dict[str, Any]] = {}
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        runs[(row["cohort"], row["limit"])] = row
    out = [
        "| cohort | --time-limit | exit | wall s | overshoot | peak RSS MiB "
        "| stages (status, time, value/bound) | check |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (cohort, limit), row in runs.items():
        lim = 60.0 if limit is None else float(limit)
        over = row["elapsed"] / lim - 1
        flag = f"**+{over:.0%}**" if over > 0.05 else f"{over:+.0%}"
        shown = "default (60)" if limit is None else f"{lim:g}"
        stages = row["stages"] or row["stderr"].split("\n")[0].replace("|", "/")
        out.append(
            f"| {cohort} | {shown} | {row['exit']} | {row['elapsed']:.1f} | {flag} "
            f"| {row['rss_mib']:.0f} | {stages} | {row['check'] or '-'} |"
        )
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("--students", type=int, required=True)
    w.add_argument("--variant", choices=VARIANTS, default="iso1")
    w.add_argument("--seed", type=int, default=0)
    w.add_argument("--out", type=Path, required=True)
    pr = sub.add_parser("probe")
    pr.add_argument("--matcher", required=True)
    pr.add_argument("--work", type=Path, required=True)
    pr.add_argument("--sizes", default="1000,2000,10000")
    pr.add_argument("--variants", default=",".join(VARIANTS))
    pr.add_argument("--limits", default="3,10,60")
    pr.add_argument("--seed", type=int, default=0)
    pr.add_argument("--jsonl", type=Path, required=True)
    st = sub.add_parser("start")
    st.add_argument("cohort", type=Path)
    st.add_argument("selection", type=Path, help="a `matcher select` output folder")
    rd = sub.add_parser("render")
    rd.add_argument("--jsonl", type=Path, required=True)
    args = ap.parse_args()
    if args.cmd == "start":
        print(start_report(args.cohort, args.selection))
        return
    if args.cmd == "render":
        print(render(args.jsonl), end="")
        return
    if args.cmd == "write":
        write_cohort(args.out, args.students, args.variant, args.seed)
        return
    for size in [int(x) for x in args.sizes.split(",")]:
        for variant in args.variants.split(","):
            cohort = args.work / f"n{size}-{variant}-s{args.seed}"
            if not cohort.exists():
                write_cohort(cohort, size, variant, args.seed)
            for lim in args.limits.split(","):
                limit = None if lim == "default" else float(lim)
                out = args.work / "out" / f"{cohort.name}-L{lim}"
                t0 = time.time()
                row = probe_one(args.matcher, cohort, out, limit)
                row["probe_s"] = round(time.time() - t0, 1)
                with args.jsonl.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
                print(row["cohort"], lim, row["exit"], row["elapsed"], round(row["rss_mib"]),
                      row["check"][:80], flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
