"""What the resolver compares: each record's matching keys, computed once, column by column.

Every column holds one entry per record, in the records' order, so that a pair of index arrays
(left, right) selects both sides of many pairs at once. Empty strings and empty sets mean
unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import numpy.typing as npt
import pandas as pd

from schemas.records import NormRecord
from tasks.normalise.translit import latin_key
from tasks.resolve.given_names import GivenNames, load_given_names
from tasks.resolve.keys import (
    company_key,
    email_handle,
    email_local,
    fold,
    mailbox,
    name_key,
    shared_mailbox,
)

Strings = npt.NDArray[np.object_]
Ints = npt.NDArray[np.int32]
Ints64 = npt.NDArray[np.int64]
_SEPARATORS = re.compile(r"[._\-]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_NONE: frozenset[str] = frozenset()
DEVANAGARI, TAMIL = 1, 2  # Features.script
_SCRIPTS = {"Devanagari": DEVANAGARI, "Tamil": TAMIL}


def letter_mask(letters: Iterable[str]) -> int:
    """The letters a-z among ``letters`` as bits 0-25 (matching keys hold no others): the
    form of :meth:`Features.letter_bits`; an initial's own letter is ``letter_mask("e")``."""
    bits = 0
    for letter in letters:
        if len(letter) == 1 and "a" <= letter <= "z":
            bits |= 1 << (ord(letter) - 97)
    return bits


@dataclass(frozen=True, slots=True)
class Features:
    given: Strings  # folded given name; one letter when only an initial is known
    family: Strings
    middle: Strings  # patronymic or middle name
    given_canon: Strings  # frozenset of canonical given names (nicknames, diminutives)
    family_canon: Strings  # the same of the family name, for a given name written second
    given_letters: Strings  # frozenset of initials of other forms (T. for Patricia, Y. for Юлия)
    family_letters: Strings  # the same of the family name
    name_parts_latin: Strings  # given names, then family names: Latin keys, not folded
    name_known: npt.NDArray[np.bool_]  # given names, then family names: in the names table
    middle_latin: Strings  # patronymics' Latin keys, not folded
    gender: Strings  # male, female or ""
    script: npt.NDArray[np.int8]  # the record's name in DEVANAGARI or TAMIL letters, else 0
    emails: Strings  # frozenset of normalised emails
    locals: Strings  # frozenset of email local parts, folded
    handles: Strings  # frozenset of email local parts as picked, digits kept
    shared_boxes: Strings  # frozenset of its emails that several people read (info@, family@)
    first_email: Strings  # the record's one email, or the least of several; "" for none
    first_local: Strings  # its local part
    phones: Strings  # frozenset of E.164 numbers
    phone_tails: Strings  # frozenset of each number's last nine digits
    birthday: Ints  # month * 100 + day, -1 when unknown
    birth_year: Ints  # -1 when unknown
    company: Strings
    city: Strings
    postcode: Strings
    _known: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict, repr=False)
    _cache: dict[str, Ints64] = field(default_factory=dict, repr=False)
    _columns: dict[str, Strings] = field(default_factory=dict, repr=False)
    _vocabulary: dict[str, int] = field(default_factory=dict, repr=False)
    _factors: dict[str, tuple[Ints64, list[str]]] = field(default_factory=dict, repr=False)
    _members: dict[str, tuple[Ints64, Ints64, Ints64]] = field(default_factory=dict, repr=False)
    _member_values: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _letters: dict[tuple[object, ...], int] = field(default_factory=dict, repr=False)

    @property
    def name_parts(self) -> Strings:
        """Given names, then family names: one column that a pair's sides index crosswise when
        one record writes the family name first (see :func:`tasks.resolve.comparisons.sides`)."""
        if "name_parts" not in self._columns:
            self._columns["name_parts"] = np.concatenate([self.given, self.family])
        return self._columns["name_parts"]

    @property
    def name_parts_canon(self) -> Strings:
        """The canonical forms of :attr:`name_parts`: a "family name" may be a given name
        written second (Песачин Алексей)."""
        if "name_parts_canon" not in self._columns:
            self._columns["name_parts_canon"] = np.concatenate(
                [self.given_canon, self.family_canon]
            )
        return self._columns["name_parts_canon"]

    @property
    def name_parts_letters(self) -> Strings:
        """The other initials of :attr:`name_parts`."""
        if "name_parts_letters" not in self._columns:
            self._columns["name_parts_letters"] = np.concatenate(
                [self.given_letters, self.family_letters]
            )
        return self._columns["name_parts_letters"]

    def known(self, column: str) -> npt.NDArray[np.bool_]:
        """Which records have a value in ``column`` (computed once per column)."""
        if column not in self._known:
            values = getattr(self, column)
            if values.dtype != object:
                self._known[column] = np.asarray(values >= 0)
            else:
                self._known[column] = np.fromiter(map(bool, values), bool, len(values))
        return self._known[column]

    def codes(self, column: str) -> Ints64:
        """Each record's value of ``column`` as an integer, -1 when unknown, numbered per
        column; a set by its one member's number (see :meth:`members`), or -2 when it has
        several."""
        key = f"codes:{column}"
        if key not in self._cache:
            values = getattr(self, column)
            if len(values) and isinstance(values[0], frozenset):
                records, numbers, _ = self.members(column)
                counts = np.bincount(records, minlength=len(values))
                out = np.where(counts == 0, -1, -2).astype(np.int64)
                single = counts[records] == 1
                out[records[single]] = numbers[single]
                self._cache[key] = out
            else:
                self._cache[key] = self._factor(column)[0]
        return self._cache[key]

    def meet(self, column: str, left: Ints64, right: Ints64) -> npt.NDArray[np.bool_]:
        """Whether the sets of a set ``column`` at ``left`` and ``right`` meet, pair by pair:
        compared as numbers where each has one member (:meth:`codes`), else as sets."""
        codes = self.codes(column)
        a, b = codes[left], codes[right]
        out = np.asarray((a == b) & (a >= 0))
        several = np.flatnonzero(((a == -2) | (b == -2)) & (a != -1) & (b != -1))
        if len(several):
            values = getattr(self, column)
            sets_l, sets_r = values[left[several]], values[right[several]]
            out[several] = np.fromiter(
                (not x.isdisjoint(y) for x, y in zip(sets_l, sets_r, strict=True)),
                bool,
                len(several),
            )
        return out

    def members(self, column: str) -> tuple[Ints64, Ints64, Ints64]:
        """Every member of a set column: (its record, its number, its length)."""
        if column not in self._members:
            sets = getattr(self, column)
            counts = np.fromiter(map(len, sets), np.int64, len(sets))
            values = object_array(list(chain.from_iterable(sets)))
            numbers, uniques = pd.factorize(values)
            self._member_values[column] = list(uniques)
            self._members[column] = (
                np.repeat(np.arange(len(sets), dtype=np.int64), counts),
                numbers.astype(np.int64),
                np.fromiter(map(len, values), np.int64, len(values)),
            )
        return self._members[column]

    def member_values(self, column: str) -> list[str]:
        """The distinct members of a set column, in the numbering of :meth:`members`."""
        if column not in self._member_values:
            self.members(column)
        return self._member_values[column]

    def _factor(self, column: str) -> tuple[Ints64, list[str]]:
        """(each value's number in the column's own numbering, -1 for "", the values)."""
        if column not in self._factors:
            codes, uniques = pd.factorize(getattr(self, column))
            codes = codes.astype(np.int64)
            values = list(uniques)
            if "" in values:
                codes[codes == values.index("")] = -1
            self._factors[column] = (codes, values)
        return self._factors[column]

    def number(self, value: str) -> int:
        """An integer for ``value`` in a numbering of its own, for keys made up on the way
        (blocking's); not the numbering of :meth:`codes`."""
        return self._vocabulary.setdefault(value, len(self._vocabulary))

    def lengths(self, column: str) -> Ints64:
        key = f"lengths:{column}"
        if key not in self._cache:
            values = getattr(self, column)
            self._cache[key] = np.fromiter(map(len, values), np.int64, len(values))
        return self._cache[key]

    def initials(self, column: str) -> Ints64:
        """The code point of each value's first letter; -1 when empty. A name's is the first
        letter of its unfolded Latin key (Catherine's C, which folding spells k)."""
        key = f"initials:{column}"
        if key not in self._cache:
            values = self._latin(column)
            self._cache[key] = np.fromiter(
                (ord(v[0]) if v else -1 for v in values), np.int64, len(values)
            )
        return self._cache[key]

    def _latin(self, column: str) -> Strings:
        """A name column as written in Latin letters, before folding; other columns as held."""
        size = len(self)
        if column == "given":
            return self.name_parts_latin[:size]
        if column == "family":
            return self.name_parts_latin[size:]
        if column in ("name_parts", "middle"):
            return getattr(self, f"{column}_latin")
        return getattr(self, column)

    def letter_bits(self, column: str, indexes: Ints64) -> Ints64:
        """The letters each value at ``indexes`` may be abbreviated to, one bit per letter a-z:
        its Latin initial, its folded one, those of its canonical forms
        (E. for Лена, whose canon is Elena) and of their other forms (T. for Patricia, Tricia;
        J. and Y. for Julia, Юлия). 0 for an empty value."""
        values = getattr(self, column)
        canons = getattr(self, f"{column}_canon", None)
        others = getattr(self, f"{column}_letters", None)
        initials = self.initials(column)
        out = np.zeros(len(indexes), dtype=np.int64)
        for n, index in enumerate(indexes.tolist()):
            value = values[index]
            if not value:
                continue
            canon = canons[index] if canons is not None else _NONE
            other = others[index] if others is not None else _NONE
            key = (value, int(initials[index]), canon, other)
            bits = self._letters.get(key)
            if bits is None:
                bits = letter_mask({value[:1], chr(key[1])} | {c[:1] for c in canon} | other)
                self._letters[key] = bits
            out[n] = bits
        return out

    def derived(self, name: str, column: str, make: Callable[[str], str]) -> Ints64:
        """Numbers of ``make(value)`` for each value of a string ``column``, in the column's
        numbering, extended by the values it does not hold (-3 when ``make`` gives nothing)."""
        key = f"{name}:{column}"
        if key not in self._cache:
            codes, values = self._factor(column)
            index = {value: n for n, value in enumerate(values)}
            numbers = []
            for value in values:
                result = make(value) if value else ""
                numbers.append(index.setdefault(result, len(index)) if result else -3)
            made = np.array(numbers or [-3], dtype=np.int64)
            self._cache[key] = np.where(codes >= 0, made[np.maximum(codes, 0)], -3)
        return self._cache[key]

    def __len__(self) -> int:
        return len(self.given)


#: Columns of two entries per record: every record's given name, then every record's family name.
_TWICE = frozenset({"name_parts_latin", "name_known"})
_COLUMNS = tuple(name for name in Features.__dataclass_fields__ if not name.startswith("_"))


def take(f: Features, rows: Ints64) -> Features:
    """The features of the records at ``rows``, in that order (for comparing a block of pairs
    elsewhere: what is worked out from the columns is worked out again there)."""
    size = len(f)
    return Features(
        **{
            name: getattr(f, name)[np.concatenate([rows, rows + size]) if name in _TWICE else rows]
            for name in _COLUMNS
        }
    )


def joined(parts: Sequence[Features]) -> Features:
    """The features of several runs of records, one after the other (built by chunks)."""

    def column(name: str) -> npt.NDArray[np.generic]:
        if name in _TWICE:
            halves = [getattr(p, name)[: len(p)] for p in parts]
            halves += [getattr(p, name)[len(p) :] for p in parts]
            return np.concatenate(halves)
        return np.concatenate([getattr(p, name) for p in parts])

    return Features(**{name: column(name) for name in _COLUMNS})  # type: ignore[arg-type]


def written_in(f: Features, script: int, left: Ints64, right: Ints64) -> npt.NDArray[np.bool_]:
    """Pairs with a record whose name is written in ``script`` (indexes into a column of one
    value per record, or of two: given names, then family names)."""
    size = len(f)
    return np.asarray((f.script[left % size] == script) | (f.script[right % size] == script))


def object_array(values: Sequence[object]) -> Strings:
    """``values`` as a numpy array of Python objects, one per value (strings, sets)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@dataclass(frozen=True, slots=True)
class _Part:
    """What the resolver needs of one written name part (computed once per spelling)."""

    key: str  # name_key: folded, or an initial's letter
    latin: str  # the Latin key as written, not folded
    canon: frozenset[str]
    known: bool
    letters: frozenset[str]  # initials of its other forms: diminutives, transliterations


def _texts(record: NormRecord, names: GivenNames) -> tuple[str, str]:
    """The given and family name as written; from the full name's first and last words when
    neither part has letters of its own; else from an email spelt given.family or
    family_given, digits after it aside (kimberly.garcia85@), when one of the two is a given
    name the names table knows and the mailbox is not a shared one. A record of one name whose
    own address spells it after a given name the table knows is named by both
    (:func:`_given_before`). An initial, or a short form of several names in either field, that
    the record's own address spells out is that name (:func:`_spelt_out`, :func:`_spelt_in`)."""
    given, family = record.given_name or "", record.family_name or ""
    if not name_key(given) and not name_key(family) and record.full_name:
        words = [w for w in record.full_name.split() if name_key(w)]
        if words:
            given, family = words[0], words[-1] if len(words) > 1 else ""
    if len(name_key(given)) == 1 and record.emails:
        given = _spelt_out(given, name_key(family), record.emails, names) or given
    elif record.emails and len(names.canonicals(given)) > 1:
        given = _spelt_in(given, family, record.emails, names) or given
    if record.emails and len(names.canonicals(family)) > 1:  # written first (Tregrove Kathy)
        family = _spelt_in(family, given, record.emails, names) or family
    if len(name_key(given)) > 1 and not name_key(family) and record.emails:
        before = _given_before(given, record.emails, names)
        if before:  # Mani at selvi.mani@ is Selvi Mani
            return before, given
    if not name_key(given) and not name_key(family):
        for email in record.emails:
            words = [w for w in _address_words(email) if len(w) > 1]
            if len(words) == 2 and all(w.isalpha() for w in words):
                if names.known(words[0]):
                    return words[0], words[1]
                if names.known(words[1]):
                    return words[1], words[0]
    return given, family


def _address_words(email: str) -> list[str]:
    """The parts between separators of a personal address's local part, digits after them
    aside (kimberly.garcia85@: kimberly, garcia); none from a shared mailbox (balaji.family@
    names no one)."""
    if shared_mailbox(email):
        return []
    return _SEPARATORS.split(email.partition("@")[0].rstrip("0123456789"))


def _given_before(alone: str, emails: Sequence[str], names: GivenNames) -> str:
    """The given name before a record's one name in its own addresses, given.family, when the
    names table knows it (Mani at tamilselvi.mani@ is Tamilselvi Mani): the one name is then
    the family name. Never the name after it (Priya at priya.rahul@ is no Rahul), nor a word
    the table does not know (the.mani@, prof.mani@). "" when none does, from a shared
    mailbox, or when two addresses spell two given names."""
    mine = fold(alone)
    found: set[str] = set()
    for email in emails:
        words = _address_words(email)
        if len(words) != 2 or not all(w.isalpha() for w in words):
            continue
        folded = [fold(w) for w in words]
        if folded[1] == mine != folded[0] and names.known(words[0]):
            found.add(words[0])
    return found.pop() if len(found) == 1 else ""


def _spelt_out(initial: str, family: str, emails: Sequence[str], names: GivenNames) -> str:
    """The given name an ``initial`` stands for, when the record's own addresses spell out one:
    an address that is a name the names table knows, digits aside, that may be written with
    that initial in any script (A. Bhattacharya at abhishek83@ is Abhishek; И. Смирнов at
    ivan85@ is Ivan; T. at tricia@ is Patricia's Tricia; Я. at irina85@ is no one), and not
    the family name. "" when none does, or when two addresses spell two names. Never from a
    shared mailbox; and an address holding the family name too says nothing of which name is
    which (M. Periyasamy at mani.periyasamy@: Periyasamy, son of Mani)."""
    letter = next((ch for ch in initial if ch.isalpha()), "").lower()
    found: set[str] = set()
    spelt = ""
    for email in emails:
        name = email_handle(email).rstrip("0123456789")
        if len(name) < 3 or not name.isalpha() or not names.known(name) or shared_mailbox(email):
            continue
        fits = name[0] == letter or letter in names.initials(name)
        if not ("a" <= letter <= "z"):
            fits = letter in names.written_initials(name)
        if fits and fold(name) != family:
            found.add(fold(name))
            spelt = name
    return spelt if len(found) == 1 else ""


def _spelt_in(short: str, other: str, emails: Sequence[str], names: GivenNames) -> str:
    """The one of the names a short form stands for that the record's own addresses spell out
    (Kathy at katherine_tregrove@ is Katherine, not Kathleen): a word of an address that the
    names table knows as one name only, among those the short form stands for; not the record's
    ``other`` name (Patrick is the family name of Pat Patrick at patrick.p@). An address that
    holds the short form itself says nothing (samuel.sam@, teresa.terry@: there it is the family
    name), nor does a shared mailbox. "" when no address, or two, spell one. A record at a
    partner's address takes the partner's name, as an initial does (:func:`_spelt_out`)."""
    meant, mine = names.canonicals(short), fold(short)
    found: set[str] = set()
    spelt = ""
    for email in emails:
        words = _address_words(email)
        if mine in {fold(w) for w in words}:
            continue
        for word in words:
            if len(word) < 3 or not word.isalpha() or names.equivalent(word, other):
                continue
            canon = names.canonicals(word)
            if len(canon) == 1 and canon <= meant and names.known(word):
                found |= canon
                spelt = word
    return spelt if len(found) == 1 else ""


def _parts(texts: Sequence[str], names: GivenNames, given: bool = False) -> list[_Part]:
    """:class:`_Part` of each text, in order, computing each distinct spelling once; a
    ``given`` name also stands for the known name it is a typing slip of."""
    made: dict[str, _Part] = {}
    for text in set(texts):
        key = name_key(text)
        latin = latin_key(text).replace(" ", "") if key else ""
        canon = names.canonicals(text) if len(key) > 1 else frozenset()
        known = len(key) > 1 and names.known(text)
        if given and len(key) > 1 and not known:
            canon |= names.misspelt(text)
        letters = names.initials(text) if len(key) > 1 else frozenset()
        made[text] = _Part(key, latin or key, canon, known, letters)
    return [made[text] for text in texts]


def _addresses(record: NormRecord, named: bool) -> list[str]:
    """The mailboxes that may identify the record (:func:`~tasks.resolve.keys.mailbox`): all
    of a named one's; a nameless one's without the shared mailboxes (smirnov.family@, info@),
    which any of their readers sends from."""
    return [mailbox(e) for e in record.emails if named or not shared_mailbox(e)]


def _shared_boxes(emails: Sequence[str]) -> frozenset[str]:
    """The mailboxes of ``emails`` that several people read, judged as written
    (sales.team@gmail.com, which reaches salesteam@gmail.com)."""
    if not emails:
        return _NONE
    return frozenset(mailbox(e) for e in emails if shared_mailbox(e)) or _NONE


def _postcode(value: str | None) -> str:
    return _NOT_ALNUM.sub("", value.upper()) if value else ""


def build_features(records: Sequence[NormRecord], names: GivenNames | None = None) -> Features:
    """The matching keys of ``records``, in their order."""
    names = load_given_names() if names is None else names
    texts = [_texts(r, names) for r in records]
    given = _parts([g for g, _ in texts], names, given=True)
    family = _parts([f for _, f in texts], names)
    middle = _parts([r.middle_name or "" for r in records], names)
    nicknames = _parts([r.nickname or "" for r in records], names, given=True)
    addresses = [
        _addresses(r, named=bool(g.key or f.key))
        for r, g, f in zip(records, given, family, strict=True)
    ]
    numbers = [[p.e164 for p in r.phones] if r.phones else [] for r in records]
    return Features(
        given=object_array([p.key for p in given]),
        family=object_array([p.key for p in family]),
        middle=object_array([p.key for p in middle]),
        given_canon=object_array(
            [
                g.canon | n.canon if n.canon else g.canon
                for g, n in zip(given, nicknames, strict=True)
            ]
        ),
        family_canon=object_array([p.canon for p in family]),
        given_letters=object_array(
            [
                g.letters | n.letters if n.letters else g.letters
                for g, n in zip(given, nicknames, strict=True)
            ]
        ),
        family_letters=object_array([p.letters for p in family]),
        name_parts_latin=object_array([p.latin for p in given] + [p.latin for p in family]),
        name_known=np.array([p.known for p in given] + [p.known for p in family], dtype=bool),
        middle_latin=object_array([p.latin for p in middle]),
        gender=object_array([r.gender or "" for r in records]),
        script=np.array([_SCRIPTS.get(r.script or "", 0) for r in records], dtype=np.int8),
        emails=object_array([frozenset(a) for a in addresses]),
        locals=object_array(
            [frozenset(k for e in a if len(k := email_local(e)) >= 3) for a in addresses]
        ),
        handles=object_array(
            [frozenset(h for e in a if len(h := email_handle(e)) >= 4) for a in addresses]
        ),
        shared_boxes=object_array([_shared_boxes(r.emails) for r in records]),
        first_email=object_array(firsts := [min(a) if a else "" for a in addresses]),
        first_local=object_array([e.partition("@")[0] for e in firsts]),
        phones=object_array([frozenset(n) if n else _NONE for n in numbers]),
        phone_tails=object_array([frozenset(x[-9:] for x in n) if n else _NONE for n in numbers]),
        birthday=np.array(
            [
                r.birthday_month * 100 + r.birthday_day
                if r.birthday_month and r.birthday_day
                else -1
                for r in records
            ],
            dtype=np.int32,
        ),
        birth_year=np.array([r.birth_year or -1 for r in records], dtype=np.int32),
        company=object_array([company_key(r.company) for r in records]),
        city=object_array([fold(r.city) for r in records]),
        postcode=object_array([_postcode(r.postcode) for r in records]),
    )
