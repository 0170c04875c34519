"""How a greeting reaches a contact: a postal card for the top tier when the address is known,
else email, else SMS to a mobile, else nothing (suppressed ``no_channel``).

The top tier is an explicit ``tier`` from a source, when it names one of
``channels.postal_tiers`` (top, vip, gold, ...), or else the rule: the top
``channels.postal_top_share`` of the customers with deals, by the sum of their deals' amounts.
Amounts in different currencies are not added or compared: each currency's customers are
ranked among themselves. Welcomes and service recoveries answer something that just happened,
so they never go by post, where a card would have to leave before the day it answers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TOP_TIER = "top"


@dataclass(frozen=True, slots=True)
class Channel:
    kind: str | None  # postal, email, sms; None when there is none
    email: str | None = None
    phone: str | None = None
    address: str | None = None


def top_by_amount(deals: Mapping[str, Iterable[Any]], share: float) -> set[str]:
    """The contact ids in the top ``share`` of each currency's customers by their deals' total
    amount, the count rounded half up (5% of 10 customers is one, of 9 none). A deal without an
    amount counts for nothing."""
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for contact_id, records in deals.items():
        for deal in records:
            if deal.amount is not None:
                totals[deal.currency or ""][contact_id] += float(deal.amount)
    top: set[str] = set()
    for by_contact in totals.values():
        count = math.floor(share * len(by_contact) + 0.5)  # rounded half up
        ranked = sorted(by_contact.items(), key=lambda item: (-item[1], item[0]))
        top.update(contact_id for contact_id, _ in ranked[:count])
    return top


def postal_tier(contact: Mapping[str, Any], top: set[str], tiers: Sequence[str]) -> bool:
    """Whether the contact gets postal cards: its own tier when a source gives one, else the
    amount rule."""
    own = (contact.get("tier") or "").strip().casefold()
    if own:
        return own in {t.casefold() for t in tiers}
    return contact["contact_id"] in top


def channel(contact: Mapping[str, Any], postal: bool) -> Channel:
    """The channel of one contact's greetings (for a welcome or a service recovery, call it
    with ``postal=False``)."""
    if postal and contact.get("address"):
        return Channel("postal", address=contact["address"])
    if contact.get("emails"):
        return Channel("email", email=contact["emails"][0])
    if contact.get("mobile"):
        return Channel("sms", phone=contact["mobile"])
    return Channel(None)
