"""Blocking: which pairs are compared at all, so that pairs grow about linearly with records.

Each blocking key, declared as data, gives every record zero or more key values; two records
sharing a value of one key become a candidate pair. A block larger than ``max_block`` (the
shared mailbox of an office, "Ivanov" with initial "A") is not compared all against all:
its records are sorted by their other traits and each is compared with its ``WINDOW - 1``
nearest neighbours (the sorted-neighbourhood method), which keeps the count linear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from tasks.resolve.features import DEVANAGARI, TAMIL, Features, Ints64, written_in
from tasks.resolve.keys import hindi_key, tamil_initial, tamil_key

Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
Keys = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]  # (record, key value) pairs
WINDOW = 8  # in an oversized block, each record meets the WINDOW - 1 records on either side
KeyFunction = Callable[[Features], Keys]
PairFilter = Callable[
    [Features, npt.NDArray[np.int64], npt.NDArray[np.int64]], npt.NDArray[np.bool_]
]
_SHIFT = np.int64(1 << 32)


def _consonants(name: str) -> str:
    """A name's first letter and its consonants: a key that survives most vowel typos."""
    return name[:1] + "".join(ch for ch in name[1:] if ch not in "aeiou")


def _members(f: Features, column: str, shortest: int = 1) -> Keys:
    """(record, value number) for each member of a set column, of at least ``shortest``."""
    records, numbers, lengths = f.members(column)
    keep = lengths >= shortest
    return records[keep], numbers[keep]


def _email(f: Features) -> Keys:
    return _members(f, "emails")


def _phone(f: Features) -> Keys:
    return _members(f, "phones")


def _email_ends(f: Features, name: str, part: Callable[[str, str], str]) -> Keys:
    """(record, number of ``part(local, domain)``) for each email whose local part has eight
    characters or more; ``part`` made once per distinct email."""
    records, numbers, _ = f.members("emails")
    made = np.array(
        [
            f.number(f"{name}:{part(local, domain)}") if len(local) >= 8 else -1
            for local, _, domain in (e.partition("@") for e in f.member_values("emails"))
        ]
        or [-1],
        dtype=np.int64,
    )
    keys = made[numbers] if len(numbers) else numbers
    keep = keys >= 0
    return records[keep], keys[keep]


def _email_start(f: Features) -> Keys:
    """The start of an email's local part at its domain: meets a typo near the end."""
    return _email_ends(f, "start", lambda local, domain: f"{local[:7]}…@{domain}")


def _email_end(f: Features) -> Keys:
    """The end of an email's local part at its domain: meets a typo near the start."""
    return _email_ends(f, "end", lambda local, domain: f"…{local[-5:]}@{domain}")


def _email_local(f: Features) -> Keys:
    return _members(f, "locals", shortest=5)


def _crosswise(f: Features, whole: Ints64, first: Ints64) -> Keys:
    """The family name's ``whole`` key with the given name's ``first``, and the given name's
    with the family name's, in one key space (both columns one value per name part, -1 for
    none): a name written family first meets itself."""
    size = len(f)
    given, family = whole[:size], whole[size:]
    one = np.flatnonzero((family >= 0) & (first[:size] >= 0))
    two = np.flatnonzero((given >= 0) & (first[size:] >= 0))
    keys_one = family[one] * _SHIFT + first[:size][one]
    keys_two = given[two] * _SHIFT + first[size:][two]
    return np.concatenate([one, two]), np.concatenate([keys_one, keys_two])


def _family_and_initial(f: Features) -> Keys:
    """The family name with the given name's initial (or none), and a whole given name with
    the family name's initial."""
    size = len(f)
    whole = f.codes("name_parts").copy()
    family = whole[size:]
    whole[:size][(f.lengths("name_parts")[:size] <= 1) | (family < 0)] = -1
    return _crosswise(f, whole, f.initials("name_parts") + 1)


def _head(value: str) -> str:
    """The first three letters of a family name, or all of a shorter one (Li, Wu)."""
    return value[:3]


def _canonical_given_and_family(f: Features) -> Keys:
    records, canon = _members(f, "given_canon")
    family = f.derived("head", "family", _head)[records]
    keep = family >= 0
    return records[keep], canon[keep] * _SHIFT + family[keep]


def _name_consonants(f: Features) -> Keys:
    """The family name's consonants with the first two of the given name's."""
    family = f.derived("consonants", "family", _consonants)
    given = f.derived("consonants_2", "given", lambda name: _consonants(name)[:2])
    records = np.flatnonzero((family >= 0) & (given >= 0))
    return records, family[records] * _SHIFT + given[records]


def _in_blocks_of(f: Features, keys: Keys, script: int) -> Keys:
    """The ``keys`` of blocks that hold a record written in ``script``: others pair none."""
    records, values = keys
    useful = np.isin(values, values[f.script[records] == script])
    return records[useful], values[useful]


def _tamil_names(f: Features) -> Keys:
    """:func:`~tasks.resolve.keys.tamil_key` of the family name with the given name's first
    sound, and crosswise: குணவேல் தேவேந்திரன் meets Gunavel Devendran and G. Devendran."""
    whole = f.derived("tamil_key", "name_parts", tamil_key)
    first = f.derived("tamil_initial", "name_parts", tamil_initial)
    return _in_blocks_of(f, _crosswise(f, whole, first), TAMIL)


def _hindi_names(f: Features) -> Keys:
    """:func:`~tasks.resolve.keys.hindi_key` of the family name with the given name's
    initial, and crosswise: अमित जामनगरकर meets Amit Jamnagarkar."""
    whole = f.derived("hindi_key", "name_parts", hindi_key)
    return _in_blocks_of(f, _crosswise(f, whole, f.initials("name_parts")), DEVANAGARI)


def _in_tamil(f: Features, left: Ints64, right: Ints64) -> npt.NDArray[np.bool_]:
    return written_in(f, TAMIL, left, right)


def _in_devanagari(f: Features, left: Ints64, right: Ints64) -> npt.NDArray[np.bool_]:
    return written_in(f, DEVANAGARI, left, right)


def _birthday_and_initial(f: Features) -> Keys:
    """The birthday with the given name's initial: meets typos, diminutives the names table
    does not know, and a name written family first with its twin."""
    first = f.initials("given") + 1
    records = np.flatnonzero((f.birthday >= 0) & (first > 0))
    return records, first[records] * 2048 + f.birthday[records].astype(np.int64)


def _birthday_and_family(f: Features) -> Keys:
    family = f.derived("head", "family", _head)
    records = np.flatnonzero((family >= 0) & (f.birthday >= 0))
    return records, family[records] * 2048 + f.birthday[records].astype(np.int64)


def _company_and_family(f: Features) -> Keys:
    company, family = f.codes("company"), f.codes("family")
    records = np.flatnonzero((company >= 0) & (family >= 0))
    return records, company[records] * _SHIFT + family[records]


def _one_without_name(
    f: Features, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Pairs where a record has no given name: its email is all there is to go on."""
    lengths = f.lengths("given")
    return np.asarray((lengths[left] <= 1) | (lengths[right] <= 1))


def _names_may_agree(
    f: Features, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Pairs whose names leave room for one person: the same given name (or one the names
    table makes one: Irina and Ira) or family name, a given name missing or only an initial, a
    family name missing, or family names (or the names crosswise) that start alike. Irina
    Petrova and Inna Sidorova, born on one day, are not compared for it."""
    size = len(f)
    codes, lengths, first = f.codes("name_parts"), f.lengths("name_parts"), f.initials("name_parts")
    given_l, given_r, family_l, family_r = left, right, left + size, right + size
    out = (codes[given_l] == codes[given_r]) | (codes[family_l] == codes[family_r])
    out |= f.meet("given_canon", left, right)
    for side in (given_l, given_r):
        out |= lengths[side] <= 1
    for side in (family_l, family_r):
        out |= lengths[side] == 0
    out |= first[family_l] == first[family_r]
    out |= (first[given_l] == first[family_r]) | (first[family_l] == first[given_r])
    return np.asarray(out)


@dataclass(frozen=True, slots=True)
class BlockingKey:
    name: str
    keys: KeyFunction
    only: PairFilter | None = None  # keeps some of the pairs the key makes


BLOCKING_KEYS: tuple[BlockingKey, ...] = (
    BlockingKey("email", _email),
    BlockingKey("phone", _phone),
    BlockingKey("email_local_part", _email_local),
    BlockingKey("email_start", _email_start, _one_without_name),
    BlockingKey("email_end", _email_end, _one_without_name),
    BlockingKey("family_and_initial", _family_and_initial),
    BlockingKey("canonical_given_and_family", _canonical_given_and_family),
    BlockingKey("name_consonants", _name_consonants),
    BlockingKey("tamil_names", _tamil_names, _in_tamil),
    BlockingKey("hindi_names", _hindi_names, _in_devanagari),
    BlockingKey("birthday_and_initial", _birthday_and_initial, _names_may_agree),
    BlockingKey("birthday_and_family", _birthday_and_family),
    BlockingKey("company_and_family", _company_and_family),
)


def distinct(codes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The sorted distinct values of ``codes`` (numpy's own unique hashes, slowly, here)."""
    ordered = np.sort(codes)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


@cache
def all_pairs(size: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every pair (i, j), i < j, of ``size`` items; worked out once per size."""
    left, right = np.triu_indices(size, k=1)
    left, right = left.astype(np.int64), right.astype(np.int64)
    left.flags.writeable = right.flags.writeable = False  # shared by every caller
    return left, right


def _window_pairs(size: int, window: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    offsets = np.arange(1, window, dtype=np.int64)
    left = np.repeat(np.arange(size, dtype=np.int64), len(offsets))
    right = left + np.tile(offsets, size)
    keep = right < size
    return left[keep], right[keep]


def _order(f: Features, members: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Members sorted by name, then birthday, so the neighbours in a big block are alike."""
    keys = [(f.given[i], f.family[i], int(f.birthday[i]), i) for i in members]
    return np.array([k[3] for k in sorted(keys)], dtype=np.int64)


def _block_pairs(f: Features, records: npt.NDArray[np.int64], keys: npt.NDArray[np.int64],
                 max_block: int) -> Pairs:  # fmt: skip
    """Pairs of records that share a key: all of them in a block of up to ``max_block``
    records, neighbours in a bigger one."""
    order = np.lexsort((records, keys))
    keys, records = keys[order], records[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (records[1:] != records[:-1])
    keys, records = keys[fresh], records[fresh]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else starts_empty()
    sizes = np.diff(np.r_[starts, len(keys)])
    lefts, rights = [], []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_block)]):
        first = starts[sizes == size]
        members = records[first[:, None] + np.arange(size)]
        a, b = all_pairs(int(size))
        lefts.append(members[:, a].ravel())
        rights.append(members[:, b].ravel())
    for start, size in zip(starts[sizes > max_block], sizes[sizes > max_block], strict=True):
        members = _order(f, records[start : start + size])
        a, b = _window_pairs(len(members), WINDOW)
        lefts.append(members[a])
        rights.append(members[b])
    if not lefts:
        return starts_empty(), starts_empty()
    left, right = np.concatenate(lefts), np.concatenate(rights)
    return np.minimum(left, right), np.maximum(left, right)


def starts_empty() -> npt.NDArray[np.int64]:
    return np.zeros(0, dtype=np.int64)


def candidate_pairs(
    f: Features, max_block: int = 32, keys: tuple[BlockingKey, ...] = BLOCKING_KEYS
) -> tuple[Pairs, dict[str, int]]:
    """Distinct pairs (left < right) sharing a blocking key; and the pairs each key produced."""
    codes: list[npt.NDArray[np.int64]] = []
    produced: dict[str, int] = {}
    size = len(f)
    for key in keys:
        records, values = key.keys(f)
        low, high = _block_pairs(f, records, values, max_block)
        if key.only is not None:
            keep = key.only(f, low, high)
            low, high = low[keep], high[keep]
        codes.append(low * size + high)
        produced[key.name] = len(low)
    if not codes:
        empty = starts_empty()
        return (empty, empty.copy()), produced
    unique = distinct(np.concatenate(codes))
    return (unique // size, unique % size), produced
