"""Per-module report of a mutmut run on payung.domain, with the 95% floor (ADR 0032).

Run from the project root after `mutmut run` (as `make mutation` does):

    python scripts/mutation_report.py [--floor 95] [--diffs]

For each module of src/payung/domain it prints killed/total and the kill rate, then every survivor.
A survivor that changes nothing observable may be listed, with why, in
tests/unit/domain/mutation_accepted.toml (and in src/payung/domain/README.md): each entry names the
mutant and the text of the line it produces, so an entry that no longer matches its mutant (the
code moved, the numbering shifted) or whose mutant is now killed fails the report; the list can
only stay honest. The score a module must reach is (killed + accepted) / total.

Exit status: 0 when every module reaches the floor, 1 otherwise (or when the run is incomplete or
the accepted list is stale).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DOMAIN = Path("src/payung/domain")
MUTANTS = Path("mutants")
ACCEPTED = Path("tests/unit/domain/mutation_accepted.toml")

# mutmut 3's exit codes (mutmut/stats.py): a kill is a failing test run or a timeout.
KILLED = {1, 3, 36, 24, -24, 152, 255, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}


@dataclass
class Module:
    name: str
    total: int = 0
    killed: int = 0
    accepted: list[str] = field(default_factory=list)
    survivors: list[str] = field(default_factory=list)
    other: Counter[str] = field(default_factory=Counter)

    @property
    def score(self) -> float:
        return 100.0 * (self.killed + len(self.accepted)) / self.total

    @property
    def kill_rate(self) -> float:
        return 100.0 * self.killed / self.total


def diff_of(mutant: str, path: Path) -> str:
    # mutmut's own diff of a mutant against the function it came from.
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    return get_diff_for_mutant(mutant, path=path)


def added_lines(diff: str) -> list[str]:
    return [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def load_accepted(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text("utf-8")).get("accepted", [])
    accepted: dict[str, dict[str, str]] = {}
    for entry in entries:
        missing = {"mutant", "line", "why"} - entry.keys()
        if missing:
            raise SystemExit(f"{path}: entry {entry} lacks {sorted(missing)}")
        accepted[entry["mutant"]] = entry
    return accepted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--floor", type=float, default=95.0, help="minimum score per module, in %%")
    parser.add_argument("--accepted", type=Path, default=ACCEPTED)
    parser.add_argument("--diffs", action="store_true", help="print each survivor's diff")
    args = parser.parse_args()

    accepted = load_accepted(args.accepted)
    problems: list[str] = []
    seen: set[str] = set()
    modules: list[Module] = []
    for source in sorted(DOMAIN.glob("*.py")):
        meta = MUTANTS / (str(source) + ".meta")
        if not meta.exists():
            problems.append(f"{source}: no mutmut results (run `mutmut run` first)")
            continue
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        if not codes:
            continue  # nothing to mutate (constants only)
        module = Module(source.stem)
        for mutant, code in sorted(codes.items()):
            module.total += 1
            seen.add(mutant)
            if code in KILLED:
                module.killed += 1
                if mutant in accepted:
                    problems.append(f"{mutant} is killed now: remove it from {args.accepted}")
            elif code in SURVIVED and mutant in accepted:
                wanted = accepted[mutant]["line"].strip()
                if wanted in added_lines(diff_of(mutant, source)):
                    module.accepted.append(mutant)
                else:
                    problems.append(
                        f"{mutant}: accepted as producing {wanted!r}, but it no longer does "
                        f"(the code changed): look at it again and update {args.accepted}"
                    )
                    module.survivors.append(mutant)
            elif code is None:
                module.other["not checked"] += 1
            else:
                module.survivors.append(mutant)
                if code in NO_TESTS:
                    module.other["no tests"] += 1
                elif code not in SURVIVED:
                    module.other[f"exit {code}"] += 1
        if module.other["not checked"]:
            unchecked = module.other["not checked"]
            problems.append(f"{source}: {unchecked} mutants not checked (the run did not finish)")
        modules.append(module)
    for mutant in sorted(set(accepted) - seen):
        problems.append(f"{mutant} is listed in {args.accepted} but is no mutant any more")

    width = max((len(m.name) for m in modules), default=10)
    print(f"{'module':<{width}}  {'killed':>11}  {'kill %':>6}  accepted  {'score %':>7}")
    below: list[Module] = []
    for m in modules:
        flag = "" if m.score >= args.floor else f"  < {args.floor:g}%"
        print(
            f"{m.name:<{width}}  {m.killed:>5}/{m.total:<5}  {m.kill_rate:6.1f}  "
            f"{len(m.accepted):>8}  {m.score:7.1f}{flag}"
        )
        if m.score < args.floor:
            below.append(m)
    total = sum(m.total for m in modules)
    killed = sum(m.killed for m in modules)
    n_accepted = sum(len(m.accepted) for m in modules)
    if total:
        print(
            f"{'all':<{width}}  {killed:>5}/{total:<5}  {100 * killed / total:6.1f}  "
            f"{n_accepted:>8}  {100 * (killed + n_accepted) / total:7.1f}"
        )

    survivors = [(m, s) for m in modules for s in m.survivors]
    if survivors:
        print(f"\nSurvivors ({len(survivors)}; show one with `mutmut show <name>`):")
        for m, mutant in survivors:
            print(f"  {mutant}")
            if args.diffs:
                diff = diff_of(mutant, DOMAIN / f"{m.name}.py")
                for line in diff.splitlines()[2:]:
                    if line.startswith(("+", "-")):
                        print(f"      {line}")

    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if below:
        names = ", ".join(m.name for m in below)
        print(f"error: below the {args.floor:g}% floor: {names}", file=sys.stderr)
    return 1 if below or problems else 0


if __name__ == "__main__":
    sys.exit(main())
