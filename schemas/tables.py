"""One pyarrow schema per output file: the contract (``../shared/CONTRACT.md``) in code.

Writers cast to these schemas; the contract tests read every written file back and compare.
Columns may be added here, never renamed, dropped or retyped.
"""

from __future__ import annotations

import pyarrow as pa

_UTC_US = pa.timestamp("us", tz="UTC")

CONTACTS = pa.schema(
    [
        ("contact_id", pa.string()),
        ("given_name", pa.string()),
        ("middle_name", pa.string()),
        ("family_name", pa.string()),
        ("full_name", pa.string()),
        ("nickname", pa.string()),
        ("honorific", pa.string()),
        ("emails", pa.list_(pa.string())),
        ("phones", pa.list_(pa.string())),
        ("mobile", pa.string()),
        ("birthday_month", pa.int8()),
        ("birthday_day", pa.int8()),
        ("birth_year", pa.int16()),
        ("anniversary", pa.date32()),
        ("gender", pa.string()),
        ("language", pa.string()),
        ("company", pa.string()),
        ("company_founded", pa.date32()),
        ("address", pa.string()),
        ("city", pa.string()),
        ("postcode", pa.string()),
        ("region", pa.string()),
        ("country", pa.string()),
        ("timezone", pa.string()),
        ("tier", pa.string()),
        ("first_deal_date", pa.date32()),
        ("first_seen", pa.date32()),
        ("first_message_at", _UTC_US),
        ("last_message_at", _UTC_US),
        ("opted_out", pa.bool_()),
    ]
)

CONTACT_SOURCES = pa.schema(
    [
        ("source", pa.string()),
        ("record_key", pa.string()),
        ("record_hash", pa.string()),
        ("contact_id", pa.string()),
    ]
)

QUARANTINE = pa.schema(
    [
        ("source", pa.string()),
        ("record_key", pa.string()),
        ("field", pa.string()),
        ("rule", pa.string()),
        ("reason", pa.string()),
        ("raw", pa.string()),
    ]
)

SUPPRESSIONS = pa.schema(
    [
        ("kind", pa.string()),
        ("value", pa.string()),
        ("value_hash", pa.string()),
        ("reason", pa.string()),
        ("source", pa.string()),
        ("record_key", pa.string()),
        ("since", pa.date32()),
    ]
)

#: matches.parquet's fixed columns; per-comparison ``<name>_level`` / ``<name>_weight`` follow.
MATCHES = pa.schema(
    [
        ("left_source", pa.string()),
        ("left_record_key", pa.string()),
        ("right_source", pa.string()),
        ("right_record_key", pa.string()),
        ("match_probability", pa.float64()),
        ("match_weight", pa.float64()),
        ("decision", pa.string()),
        ("same_contact", pa.bool_()),
        ("decision_reason", pa.string()),
        ("names_swapped", pa.bool_()),
    ]
)


def matches_schema(comparisons: list[str]) -> pa.Schema:
    """matches.parquet's schema: the fixed columns, then a level and a weight per comparison."""
    extra = []
    for name in comparisons:
        extra += [pa.field(f"{name}_level", pa.string()), pa.field(f"{name}_weight", pa.float64())]
    return pa.schema(list(MATCHES) + extra)


IDENTITY_EVENTS = pa.schema(
    [
        ("run_id", pa.string()),
        ("event", pa.string()),
        ("contact_id", pa.string()),
        ("other_contact_ids", pa.list_(pa.string())),
        ("records", pa.int32()),
    ]
)

#: occasions/ rows; ``year`` and ``month`` of occasion_date are the hive partition keys.
OCCASIONS = pa.schema(
    [
        ("occasion_id", pa.string()),
        ("greeting_id", pa.string()),
        ("contact_id", pa.string()),
        ("occasion_type", pa.string()),
        ("occasion_name", pa.string()),
        ("occasion_date", pa.date32()),
        ("years", pa.int16()),
        ("language", pa.string()),
        ("salutation", pa.string()),
        ("channel", pa.string()),
        ("email", pa.string()),
        ("phone", pa.string()),
        ("address", pa.string()),
        ("send_at", _UTC_US),
        ("suppressed", pa.bool_()),
        ("suppression_reason", pa.string()),
    ]
)
OCCASION_PARTITIONS = pa.schema([("year", pa.int16()), ("month", pa.int8())])

#: file name -> schema, for the writers and the contract tests.
PARQUET_FILES: dict[str, pa.Schema] = {
    "contacts.parquet": CONTACTS,
    "contact_sources.parquet": CONTACT_SOURCES,
    "quarantine.parquet": QUARANTINE,
    "suppressions.parquet": SUPPRESSIONS,
    "matches.parquet": MATCHES,
    "identity_events.parquet": IDENTITY_EVENTS,
}

MANIFEST_SCHEMA_VERSION = 1
