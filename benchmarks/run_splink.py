"""Child process: Splink 5 (DuckDB) deduplicating the benchmark's records.

Run by ``benchmarks/resolution.py`` with the Python of ``benchmarks/.venv-splink`` (which holds
only Splink and its dependencies, ``requirements-splink.txt``):
``python -m benchmarks.run_splink INPUT.parquet OUT.json --threshold 0.9 --seed 1`` from the
repository root.

The model is the one Splink's own deduplication examples build (``deduplicate_50k_synthetic``,
``febrl3``): name comparisons with term-frequency adjustments, the email and date-of-birth
comparisons of its library, exact matches elsewhere, several ``block_on`` rules; the match
probability of two random records estimated from deterministic rules, u from random sampling,
m by expectation maximisation on two blocking rules; then predict and connected components at
the threshold. Times (wall clock) the Linker's construction, training, prediction and
clustering, not the loading of the input. Writes JSON: ``clusters`` (the cluster of each record,
by ``unique_id`` = position), ``seconds``, ``rss_before_mib``, ``peak_rss_mib``, ``stats``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from benchmarks.memory import current_rss_mib, peak_rss_mib

BLOCKING_RULES = (
    block_on("first_name", "surname"),
    block_on("email"),
    block_on("phone"),
    block_on("surname", "dob"),
    block_on("first_name", "dob"),
    block_on("surname", "postcode"),
    block_on("substr(first_name,1,1)", "surname", "city"),
)


def settings() -> SettingsCreator:
    """The deduplication model, column by column."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.NameComparison("middle_name"),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode"),
            cl.JaroWinklerAtThresholds("company", [0.9, 0.7]),
        ],
        retain_intermediate_calculation_columns=False,
    )


def resolve(db_api: DuckDBAPI, table: Any, threshold: float, seed: int) -> Any:
    """Train, predict and cluster; give Splink's cluster table."""
    linker = Linker(db_api.register(table), settings(), log_level=logging.WARNING)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("email")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"), estimate_without_term_frequencies=True
    )
    training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), estimate_without_term_frequencies=True
    )
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    pairs = predictions.as_duckdbpyrelation().count("*").fetchall()[0][0]
    return clusters, int(pairs)


def run(path: Path, threshold: float, seed: int) -> dict[str, object]:
    """Load ``path``, resolve it once, and give the figures and each record's cluster."""
    db_api = DuckDBAPI()
    table = pq.read_table(path)
    before = current_rss_mib()
    start = time.perf_counter()
    clusters, pairs = resolve(db_api, table, threshold, seed)
    seconds = time.perf_counter() - start
    peak = peak_rss_mib()
    rows = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
    cluster_of = {int(uid): str(cid) for uid, cid in rows}
    return {
        "tool": "splink",
        "seconds": seconds,
        "rss_before_mib": before,
        "peak_rss_mib": peak,
        "stats": {"predicted_pairs_over_0.5": pairs},
        "clusters": [cluster_of.get(i) for i in range(table.num_rows)],
    }


def main(argv: list[str]) -> int:
    """``INPUT.parquet OUT.json [--threshold P] [--seed N]``: resolve and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.output.write_text(json.dumps(run(args.input, args.threshold, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
