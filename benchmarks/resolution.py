"""Benchmark: Rapport's resolver against Splink 5 on the same labelled, messy records.

Run from the repository root::

    .venv/bin/python -m benchmarks.resolution [--sizes 10000 100000] [--seed 1]
        [--only rapport|splink] [--json PATH]

For each size: :func:`benchmarks.messy.generate` makes the labelled rows; Rapport's normaliser
turns them into ``NormRecord``s (not timed; cached under ``benchmarks/.cache/``); the same
records go to Rapport as a pickle and to Splink as Parquet; each resolver runs in a child
process of its own (``run_rapport.py``, ``run_splink.py`` under ``benchmarks/.venv-splink``),
which times only the resolution. Prints pairwise precision, recall and F1, the households,
namesakes and same-name people merged, wall time and peak memory, side by side with the ratio
Rapport/Splink.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.messy import GENERATOR_VERSION, TODAY, Row, generate
from schemas.records import NormRecord, RawRecord
from tasks.normalise.record import normalise_record
from tasks.normalise.translit import latin_key

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "benchmarks" / ".cache"


def cache_stem(size: int, seed: int) -> Path:
    """Where the set of ``size`` records and ``seed`` is kept: keyed by the generator's version
    and by the normaliser's code, which makes the records both tools are given."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "tasks" / "normalise").glob("*.py")):
        digest.update(path.read_bytes())
    return CACHE / f"messy_{size}_{seed}_v{GENERATOR_VERSION}_{digest.hexdigest()[:8]}"


SPLINK_PYTHON = REPO / "benchmarks" / ".venv-splink" / "bin" / "python"
THRESHOLD = 0.9  # Rapport's default match_threshold, used for Splink's clustering too
MULTI_VALUED = frozenset({"email", "phone", "mobile"})
TOOLS = ("rapport", "splink")


@dataclass(frozen=True, slots=True)
class Truth:
    """Per normalised record, in order: the true person, household, namesake group (same name,
    same city) and same-name group (same name, any city)."""

    person: list[int]
    household: list[int | None]
    namesake: list[int | None]
    same_name: list[int | None]


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    predicted_pairs: int
    true_pairs: int
    households_merged: int
    namesakes_merged: int
    same_name_merged: int


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise_scores(
    predicted: Sequence[Hashable], truth: Sequence[Hashable]
) -> tuple[float, float, float, int, int, int]:
    """Pairwise (precision, recall, F1, predicted pairs, true pairs, true positives) of a
    clustering against the truth, from the contingency table of (predicted, true) labels,
    without listing pairs. Takes two equally long label sequences; precision is 1.0 when
    nothing is paired, recall 1.0 when nothing should be. Rejects unequal lengths
    (ValueError)."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth differ in length")
    together = sum(_pairs(n) for n in Counter(zip(predicted, truth, strict=True)).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted).values())
    true_pairs = sum(_pairs(n) for n in Counter(truth).values())
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, predicted_pairs, true_pairs, together


def groups_merged(
    predicted: Sequence[Hashable], person: Sequence[int], group: Sequence[int | None]
) -> int:
    """How many (predicted cluster, group) pairs hold two or more different people of one
    labelled group (a household, or namesakes): each is one wrong merge of distinct people."""
    people: dict[tuple[Hashable, int], set[int]] = defaultdict(set)
    for cluster, pid, label in zip(predicted, person, group, strict=True):
        if label is not None:
            people[cluster, label].add(pid)
    return sum(1 for members in people.values() if len(members) > 1)


def score(predicted: Sequence[Hashable], truth: Truth) -> Scores:
    """Every figure of one tool's clustering."""
    precision, recall, f1, predicted_pairs, true_pairs, _ = pairwise_scores(predicted, truth.person)
    return Scores(
        precision,
        recall,
        f1,
        predicted_pairs,
        true_pairs,
        groups_merged(predicted, truth.person, truth.household),
        groups_merged(predicted, truth.person, truth.namesake),
        groups_merged(predicted, truth.person, truth.same_name),
    )


def raw_record(row: Row) -> RawRecord:
    """A generated row as a reader would give it: multi-valued cells split on ``:::``."""
    fields = {
        name: [v.strip() for v in value.split(":::")] if name in MULTI_VALUED else [value]
        for name, value in row.fields.items()
    }
    return RawRecord(row.source, row.record_key, fields, dict(row.fields))


def normalise(rows: Sequence[Row]) -> tuple[list[NormRecord], Truth]:
    """Rapport's normaliser over every row; rows it cannot use are left out of both tools'
    input and of the truth."""
    records: list[NormRecord] = []
    truth = Truth([], [], [], [])
    for row in rows:
        record, _ = normalise_record(
            raw_record(row), role="contacts", region=row.region, date_order=None, priority=0,
            today=TODAY,
        )  # fmt: skip
        if record is None:
            continue
        records.append(record)
        truth.person.append(row.person_id)
        truth.household.append(row.household_id)
        truth.namesake.append(row.namesake_group)
        truth.same_name.append(row.name_group)
    return records, truth


def _key(text: str | None) -> str | None:
    return (latin_key(text) or None) if text else None


def splink_table(records: Sequence[NormRecord]) -> pa.Table:
    """One row per record, with ``unique_id`` its position: Latin keys of the names, city and
    company; the primary email and phone (E.164); ``dob`` as an ISO date when the year is known."""
    columns: dict[str, list[Any]] = defaultdict(list)
    for index, r in enumerate(records):
        full = r.birth_year and r.birthday_month and r.birthday_day
        columns["unique_id"].append(index)
        columns["first_name"].append(_key(r.given_name))
        columns["surname"].append(_key(r.family_name))
        columns["middle_name"].append(_key(r.middle_name))
        columns["email"].append(r.emails[0] if r.emails else None)
        columns["phone"].append(r.phones[0].e164 if r.phones else None)
        columns["dob"].append(
            f"{r.birth_year:04d}-{r.birthday_month:02d}-{r.birthday_day:02d}" if full else None
        )
        columns["city"].append(_key(r.city))
        columns["postcode"].append(r.postcode)
        columns["company"].append(_key(r.company))
    types = {"unique_id": pa.int64()}
    return pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in columns.items()})


@dataclass(frozen=True, slots=True)
class Inputs:
    records: Path  # pickle of list[NormRecord], for Rapport
    table: Path  # Parquet, for Splink
    truth: Truth
    rows: int  # generated rows, before the normaliser


def prepare(size: int, seed: int) -> Inputs:
    """Generate and normalise ``size`` rows (or take them from the cache) and write both
    tools' inputs."""
    CACHE.mkdir(parents=True, exist_ok=True)
    stem = cache_stem(size, seed)
    records_path, truth_path = stem.with_suffix(".records.pkl"), stem.with_suffix(".truth.pkl")
    table_path = stem.with_suffix(".splink.parquet")
    if not (records_path.exists() and truth_path.exists() and table_path.exists()):
        records, truth = normalise(generate(size, seed))
        with records_path.open("wb") as handle:
            pickle.dump(records, handle, protocol=pickle.HIGHEST_PROTOCOL)
        with truth_path.open("wb") as handle:  # plain lists: loadable from any entry point
            pickle.dump(asdict(truth), handle, protocol=pickle.HIGHEST_PROTOCOL)
        pq.write_table(splink_table(records), table_path)
    with truth_path.open("rb") as handle:
        truth = Truth(**pickle.load(handle))
    return Inputs(records_path, table_path, truth, size)


def labelled_set(size: int, seed: int) -> tuple[list[NormRecord], Truth]:
    """The normalised records of a set and its truth, made first when not cached yet."""
    inputs = prepare(size, seed)
    with inputs.records.open("rb") as handle:
        records: list[NormRecord] = pickle.load(handle)
    return records, inputs.truth


def run_child(tool: str, inputs: Inputs, seed: int) -> dict[str, Any]:
    """Run one tool's child process; give its JSON. Raises RuntimeError naming the tool and
    its log when the child fails."""
    stem = str(inputs.table).removesuffix(".splink.parquet")
    out, log = Path(f"{stem}.{tool}.json"), Path(f"{stem}.{tool}.log")
    if tool == "rapport":
        command = [sys.executable, "-m", "benchmarks.run_rapport", str(inputs.records), str(out)]
    else:
        if not SPLINK_PYTHON.exists():
            raise RuntimeError(f"no {SPLINK_PYTHON}: see benchmarks/README.md to install Splink")
        command = [str(SPLINK_PYTHON), "-m", "benchmarks.run_splink", str(inputs.table), str(out)]
        command += ["--threshold", str(THRESHOLD), "--seed", str(seed)]
    with log.open("w") as handle:
        done = subprocess.run(command, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} failed (exit {done.returncode}); see {log}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _cell(value: float | int | None, digits: int) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _ratio(left: float | int | None, right: float | int | None) -> str:
    if left is None or right is None or right == 0:
        return "-"
    return f"{left / right:.3f}"


def table(size: int, inputs: Inputs, results: dict[str, dict[str, Any]]) -> str:
    """The figures of one size, one line per metric, the tools side by side."""
    truth = inputs.truth
    people = len(set(truth.person))
    true_pairs = pairwise_scores(truth.person, truth.person)[4]
    head = (
        f"size {size}  records {len(truth.person)}  true pairs {true_pairs}  people {people}  "
        f"households {len({h for h in truth.household if h is not None})}  "
        f"namesake groups {len({n for n in truth.namesake if n is not None})}  "
        f"same-name groups {len({n for n in truth.same_name if n is not None})}"
    )
    lines = [head, f"{'metric':<20}{'rapport':>12}{'splink':>12}{'ratio':>10}"]
    for label, key, digits in (
        ("precision", "precision", 4), ("recall", "recall", 4), ("F1", "f1", 4),
        ("predicted pairs", "predicted_pairs", 0), ("households merged", "households_merged", 0),
        ("namesakes merged", "namesakes_merged", 0), ("same name merged", "same_name_merged", 0),
        ("wall s", "seconds", 2), ("linking s", "link_seconds", 2),
        ("peak RSS MiB", "peak_rss_mib", 1), ("RSS rise MiB", "rss_rise_mib", 1),
    ):  # fmt: skip
        values = [results.get(tool, {}).get(key) for tool in TOOLS]
        cells = "".join(f"{_cell(v, digits):>12}" for v in values)
        lines.append(f"{label:<20}{cells}{_ratio(values[0], values[1]):>10}")
    return "\n".join(lines)


def measure(size: int, seed: int, tools: Sequence[str]) -> tuple[Inputs, dict[str, dict[str, Any]]]:
    """Prepare one size and run each tool on it; give the inputs and each tool's figures."""
    inputs = prepare(size, seed)
    results: dict[str, dict[str, Any]] = {}
    for tool in tools:
        child = run_child(tool, inputs, seed)
        figures = asdict(score(child["clusters"], inputs.truth))
        figures.update(
            seconds=child["seconds"],
            link_seconds=child.get("link_seconds", child["seconds"]),
            peak_rss_mib=child["peak_rss_mib"],
            rss_before_mib=child["rss_before_mib"],
            rss_rise_mib=child["peak_rss_mib"] - child["rss_before_mib"],
            stats=child.get("stats", {}),
        )
        results[tool] = figures
    return inputs, results


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, run every size, print the tables; 0 when every child ran."""
    parser = argparse.ArgumentParser(description="Rapport vs Splink 5 on labelled messy data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=TOOLS)
    parser.add_argument("--json", type=Path, help="also save the figures to this JSON file")
    args = parser.parse_args(argv)
    tools = [args.only] if args.only else list(TOOLS)
    saved = []
    for size in args.sizes:
        try:
            inputs, results = measure(size, args.seed, tools)
        except RuntimeError as error:
            print(f"size {size}: {error}", file=sys.stderr)
            return 1
        print(table(size, inputs, results), end="\n\n", flush=True)
        saved.append({"size": size, "seed": args.seed, "records": len(inputs.truth.person),
                      "generator_version": GENERATOR_VERSION, "results": results})  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(saved, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
