"""Never too much: one greeting a day, at most one within ``min_days_between`` days and
``max_per_year`` a calendar year, chosen by the declared priority.

Decided per contact over a whole calendar year, so a row's decision does not depend on the
window that computed it. Occasions on one day are one greeting: the one of highest priority
leads it, the others are suppressed ``combined`` and share its ``greeting_id``. Greetings then
take their places in priority order (then by date, then by occasion id): one that falls within
``min_days_between`` days of a greeting already placed, or past ``max_per_year``, is suppressed
``frequency_cap``.

The years meet at New Year: a greeting is also held back when it falls within
``min_days_between`` days after one the previous year sent (Christmas, then the New Year a
week later), and a greeting held back so leaves its place to the others. The previous year's
greetings are those it sends by itself, without looking back further, so that each year's
decisions depend on that year and the one before only, never on the window. The occasions
combined into a greeting held back are held back for the same reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tasks.occasions.kinds import PRIORITY


@dataclass(frozen=True, slots=True)
class Decision:
    """What moderation made of one occasion: its day's lead, or why it is held back."""

    lead: int  # index of the occasion that leads this one's day (itself when it leads)
    reason: str | None  # None: sent; combined; frequency_cap


def rank(kind: str) -> int:
    """The declared priority of an occasion kind; kinds not declared come last."""
    return PRIORITY.index(kind) if kind in PRIORITY else len(PRIORITY)


def moderate(
    occasions: Sequence[tuple[str, dt.date, str]],
    min_days_between: int,
    max_per_year: int,
    before: Sequence[dt.date] = (),
) -> list[Decision]:
    """Decide each of one contact's occasions of one year, given as (kind, date, occasion_id),
    in the same order. ``before``: the days the previous year sends greetings on."""
    days: dict[dt.date, list[int]] = {}
    for index, (_, day, _) in enumerate(occasions):
        days.setdefault(day, []).append(index)
    leads = {
        day: min(indexes, key=lambda i: (rank(occasions[i][0]), occasions[i][2]))
        for day, indexes in days.items()
    }
    placed: list[dt.date] = []
    capped: set[dt.date] = set()
    for day, _lead in sorted(
        leads.items(), key=lambda e: (rank(occasions[e[1]][0]), e[0], occasions[e[1]][2])
    ):
        near = any(abs((day - other).days) < min_days_between for other in placed)
        after = any(0 < (day - other).days < min_days_between for other in before)
        if near or after or len(placed) >= max_per_year:
            capped.add(day)
        else:
            placed.append(day)
    decisions = []
    for index, (_, day, _) in enumerate(occasions):
        lead = leads[day]
        if day in capped:
            decisions.append(Decision(lead, "frequency_cap"))
        else:
            decisions.append(Decision(lead, "combined" if index != lead else None))
    return decisions


def sent_days(
    occasions: Sequence[tuple[str, dt.date, str]], decisions: Sequence[Decision]
) -> list[dt.date]:
    """The days of the greetings that are sent."""
    return [o[1] for o, d in zip(occasions, decisions, strict=True) if d.reason is None]
