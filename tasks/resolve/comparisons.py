"""The comparisons, declared as data: for each field, ordered levels from best to worst.

A pair takes the first level whose test holds; ``null`` (level 0) when either side lacks the
field, which counts for nothing. Each level has a prior m probability (how often true matches
land on it), which the learnt model starts from and which carries a small data set. A level
marked ``conflict`` is evidence of two people: a cluster never holds two records that reach it
(different birthdays, different given names behind one household phone, Smirnov and Smirnova).

Every test works on many pairs at once: ``left`` and ``right`` are index arrays into
:class:`~tasks.resolve.features.Features`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from tasks.resolve.features import (
    DEVANAGARI,
    TAMIL,
    Features,
    Strings,
    letter_mask,
    object_array,
    written_in,
)
from tasks.resolve.keys import hindi_key, spells_name, tamil_initial, tamil_key, tamil_sounds

Mask = npt.NDArray[np.bool_]
Index = npt.NDArray[np.int64]
Test = Callable[[Features, str, Index, Index, float], Mask]
Align = npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class Level:
    label: str
    test: str  # a key of TESTS
    m: float  # prior probability that a true match is on this level
    u: float  # prior probability that two different people are on this level
    threshold: float = 0.0
    conflict: bool = False


@dataclass(frozen=True, slots=True)
class Comparison:
    name: str
    column: str  # the Features column it reads; empty on either side -> null
    levels: tuple[Level, ...]  # the last level's test is "else"
    tf: bool = False  # term-frequency adjustment on the first level
    side: str | None = None  # "given" or "family": compared after aligning the name order

    @property
    def labels(self) -> tuple[str, ...]:
        return ("null", *(level.label for level in self.levels))


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "given_name",
        "name_parts",
        (
            Level("exact", "exact", 0.70, 0.01),
            Level("nickname", "canonical", 0.08, 0.002),
            Level("other_name", "known_different", 0.005, 0.6, conflict=True),
            Level("transliterated", "transliterated", 0.02, 0.002),
            Level("jaro_winkler_92", "jaro_winkler", 0.08, 0.005, 0.92),
            Level("one_typo", "one_edit", 0.02, 0.002),
            Level("initial", "initial", 0.08, 0.03),
            Level("jaro_winkler_80", "jaro_winkler", 0.02, 0.05, 0.80),
            Level("different", "else", 0.02, 0.903, conflict=True),
        ),
        tf=True,
        side="given",
    ),
    Comparison(
        "family_name",
        "name_parts",
        (
            Level("exact", "exact", 0.80, 0.005),
            Level("gender_form", "gender_form", 0.001, 0.002, conflict=True),
            Level("other_name", "known_different", 0.002, 0.01, conflict=True),
            Level("transliterated", "transliterated", 0.02, 0.001),
            Level("jaro_winkler_92", "jaro_winkler", 0.10, 0.005, 0.92),
            Level("one_typo", "one_edit", 0.02, 0.002),
            Level("initial", "initial", 0.02, 0.03),
            Level("jaro_winkler_80", "jaro_winkler", 0.04, 0.03, 0.80),
            Level("different_by_initials", "initials_only", 0.005, 0.05, conflict=True),
            Level("different", "else", 0.03, 0.878),
        ),
        tf=True,
        side="family",
    ),
    Comparison(
        "patronymic",
        "middle",
        (
            Level("exact", "exact", 0.85, 0.02),
            Level("jaro_winkler_90", "jaro_winkler", 0.08, 0.01, 0.90),
            Level("initial", "initial", 0.05, 0.05),
            Level("different", "else", 0.02, 0.92, conflict=True),
        ),
    ),
    Comparison(
        "gender",
        "gender",
        (
            Level("same", "exact", 0.98, 0.5),
            Level("different", "else", 0.02, 0.5, conflict=True),
        ),
    ),
    Comparison(
        "email",
        "emails",
        (
            Level("exact", "shared_personal", 0.75, 1e-06),
            Level("shared_mailbox", "shared", 0.01, 1e-05),
            Level("one_typo", "email_typo", 0.02, 1e-06),
            Level("local_part", "shared_handle", 0.05, 1e-05),
            Level("different", "else", 0.25, 0.999999),
        ),
    ),
    Comparison(
        "phone",
        "phones",
        (
            Level("exact", "shared", 0.80, 1e-05),
            Level("last_nine_digits", "shared_tail", 0.03, 1e-05),
            Level("different", "else", 0.17, 0.99998),
        ),
    ),
    Comparison(
        "birthday",
        "birthday",
        (
            Level("exact", "birthday_exact", 0.90, 0.003),
            Level("year_differs", "birthday_year_differs", 0.02, 0.0025),
            Level("day_month_swapped", "birthday_swapped", 0.03, 0.003),
            Level("one_digit", "birthday_one_digit", 0.03, 0.02),
            Level("different", "else", 0.02, 0.9715, conflict=True),
        ),
    ),
    Comparison(
        "company",
        "company",
        (
            Level("exact", "exact", 0.70, 0.01),
            Level("token_set_90", "token_set", 0.10, 0.01, 0.90),
            Level("different", "else", 0.20, 0.98),
        ),
        tf=True,
    ),
    Comparison(
        "city",
        "city",
        (
            Level("exact", "exact", 0.85, 0.1),
            Level("jaro_winkler_90", "jaro_winkler", 0.05, 0.01, 0.90),
            Level("different", "else", 0.10, 0.89),
        ),
        tf=True,
    ),
    Comparison(
        "postcode",
        "postcode",
        (
            Level("exact", "exact", 0.85, 0.005),
            Level("first_three", "prefix", 0.05, 0.05),
            Level("different", "else", 0.10, 0.945),
        ),
    ),
)


def _pairs(f: Features, column: str, left: Index, right: Index) -> tuple[Strings, Strings]:
    values = getattr(f, column)
    return values[left], values[right]


def _workers(count: int) -> int:
    """All cores for many pairs; one for a few, where starting threads costs more."""
    return -1 if count > 20_000 else 1


def _jaro_winkler(a: Strings, b: Strings) -> npt.NDArray[np.float64]:
    if len(a) == 0:
        return np.zeros(0)
    scorer = JaroWinkler.normalized_similarity
    return process.cpdist(a, b, scorer=scorer, workers=_workers(len(a)))


def _exact(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    codes = f.codes(column)
    return (codes[left] == codes[right]) & (f.lengths(column)[left] > 1)


def _jaro_winkler_test(f: Features, column: str, left: Index, right: Index, t: float) -> Mask:
    return _jaro_winkler(*_pairs(f, column, left, right)) >= t


def _one_edit(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    """Names of three letters or more, one insertion, deletion, change or swap apart."""
    lengths = f.lengths(column)
    out = np.zeros(len(left), dtype=bool)
    todo = np.flatnonzero((lengths[left] >= 3) & (lengths[right] >= 3))
    for source in (column, f"{column}_latin"):  # folded, and as written (Anna, Anhna)
        if len(todo) and hasattr(f, source):
            spelt = f.lengths(source)
            near = todo[np.abs(spelt[left[todo]] - spelt[right[todo]]) <= 1]
            out[near] |= _within_one(*_pairs(f, source, left[near], right[near]))
    return out


def _within_one(a: Strings, b: Strings) -> Mask:
    """Which pairs of strings are at most one insertion, deletion, change or swap apart."""
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    distance = process.cpdist(a, b, scorer=OSA.distance, score_cutoff=1, workers=_workers(len(a)))
    return np.asarray(distance <= 1)


def _initial(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    """One side a single letter that the other may be abbreviated to (its first letter,
    folded or not, or a canonical form's: E. for Лена)."""
    first_l, first_r = f.initials(column)[left], f.initials(column)[right]
    lengths = f.lengths(column)
    short_l, short_r = lengths[left] == 1, lengths[right] == 1
    out = (short_l | short_r) & (first_l == first_r) & (first_l >= 0)
    rest = np.flatnonzero((short_l ^ short_r) & ~out & (first_l >= 0) & (first_r >= 0))
    if len(rest):
        initial = np.where(short_l[rest], left[rest], right[rest])
        whole = np.where(short_l[rest], right[rest], left[rest])
        values = getattr(f, column)
        letter = np.fromiter((letter_mask(values[i]) for i in initial), np.int64, len(rest))
        out[rest] = (letter & f.letter_bits(column, whole)) != 0
    tamil = np.flatnonzero(~out & (short_l | short_r) & written_in(f, TAMIL, left, right))
    if len(tamil):  # த. is D. in Latin letters: Tamil writes t and d alike
        first = f.derived("tamil_initial", column, tamil_initial)
        a, b = first[left[tamil]], first[right[tamil]]
        out[tamil] = (a == b) & (a >= 0)
    return out


def _known_different(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    """Two different names that the names table knows (Яна and Инна, Aleksandr and
    Aleksandra): not a typo of one another, however alike they are spelt."""
    both = f.name_known[left] & f.name_known[right]
    return both & ~_shared(f, f"{column}_canon", left, right, 0.0)


def _transliterated(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    """A name written in Tamil letters and another spelling of it (in Latin letters, say) with
    one :func:`~tasks.resolve.keys.tamil_key`, alike by Jaro–Winkler (0.85) once the sounds
    Tamil writes alike are made one: குணவேல் and Gunavel, not கோபால் and Kapil. A name written in
    Devanagari and another spelling with one :func:`~tasks.resolve.keys.hindi_key`: जामनगरकर
    and Jamnagarkar. The script is the record's: its full name's."""
    out = np.zeros(len(left), dtype=bool)
    tamil = written_in(f, TAMIL, left, right)
    todo = np.flatnonzero(tamil)
    if len(todo):
        key = f.derived("tamil_key", column, tamil_key)
        a, b = left[todo], right[todo]
        todo = todo[(key[a] == key[b]) & (key[a] >= 0)]
        values = getattr(f, column)
        sounds = object_array([tamil_sounds(values[i]) for i in left[todo]])
        heard = object_array([tamil_sounds(values[i]) for i in right[todo]])
        out[todo] = _jaro_winkler(sounds, heard) >= 0.85
    todo = np.flatnonzero(~tamil & written_in(f, DEVANAGARI, left, right))
    if len(todo):
        key = f.derived("hindi_key", column, hindi_key)
        a, b = left[todo], right[todo]
        out[todo] = (key[a] == key[b]) & (key[a] >= 0)
    return out


def _canonical(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    return _shared(f, f"{column}_canon", left, right, 0.0)


def _likeness(f: Features, left: Index, right: Index) -> npt.NDArray[np.float64]:
    """How alike two name parts are, 0..1: Jaro–Winkler; 0.9 for an initial that fits, and at
    least that for two names the names table makes one (Тёма and Артём) or transliterated
    (துர்கா and Durga)."""
    column = "name_parts"
    score = np.zeros(len(left))
    whole = (f.lengths(column)[left] > 1) & (f.lengths(column)[right] > 1)
    todo = np.flatnonzero(whole)
    values = f.name_parts
    score[todo] = _jaro_winkler(values[left[todo]], values[right[todo]])
    score[_initial(f, column, left, right, 0.0)] = 0.9
    one = _shared(f, "name_parts_canon", left, right, 0.0) | _transliterated(
        f, column, left, right, 0.0
    )
    score[one] = np.maximum(score[one], 0.9)
    return score


def name_swap(f: Features, left: Index, right: Index) -> npt.NDArray[np.int8]:
    """How each pair's names line up: 0 as written; 1 or 2 when they fit better crosswise
    (Smirnov Ivan / Ivan Smirnov, Smirnov I. / Ivan Smirnov). Crosswise, one crossing holds
    the given names: the one with more names the names table knows, else the shorter one (an
    initial is a given name), else the one with the smaller values (the names themselves, not
    their numbers, which follow the records' order), so that the answer depends neither on
    which record is on the left nor on the order of the records
    (1: the left's given name with the right's family name; 2: the other crossing)."""
    size = len(f)
    first = f.initials("name_parts")
    # one record with two names and the other with at least one (Susila / M. Susila), whose
    # names start crosswise with the same letters
    some = (f.lengths("family")[left] > 0) | (f.lengths("family")[right] > 0)
    fits = _start_crosswise(first, left, right, size)
    tamil = np.flatnonzero(~fits & written_in(f, TAMIL, left, right))
    if len(tamil):  # ப. துர்கா and Durga Balaji: p and b, t and d alike
        sound = f.derived("tamil_initial", "name_parts", tamil_initial)
        fits[tamil] = _start_crosswise(sound, left[tamil], right[tamil], size)
    todo = np.flatnonzero(some & fits)
    out = np.zeros(len(left), dtype=np.int8)
    if len(todo) == 0:
        return out
    a, b = left[todo], right[todo]
    straight = _likeness(f, a, b) + _likeness(f, a + size, b + size)
    first_cross, second_cross = _likeness(f, a, b + size), _likeness(f, a + size, b)
    # crosswise, an initial must fit its counterpart: Baskar Rajamurugan and I. Bhaskar (his
    # daughter, named after him) share a name, but do not write one name in two orders
    lengths = f.lengths("name_parts")

    def misfit(x: Index, y: Index, likeness: npt.NDArray[np.float64]) -> Mask:
        both, short = (lengths[x] > 0) & (lengths[y] > 0), (lengths[x] == 1) | (lengths[y] == 1)
        return both & short & (likeness < 0.8)

    wrong = misfit(a, b + size, first_cross) | misfit(a + size, b, second_cross)
    crossed = (first_cross + second_cross > straight + 0.1) & ~wrong
    values = f.name_parts
    known = f.name_known.astype(np.int64)
    # the crossing with more names the names table knows as given names, else the shorter
    one: tuple[npt.NDArray[Any], ...] = (
        -(known[a] + known[b + size]),
        lengths[a] + lengths[b + size],
        *_ordered(values[a], values[b + size]),
    )
    two: tuple[npt.NDArray[Any], ...] = (
        -(known[a + size] + known[b]),
        lengths[a + size] + lengths[b],
        *_ordered(values[a + size], values[b]),
    )
    first = np.ones(len(a), dtype=bool)
    undecided = np.ones(len(a), dtype=bool)
    for x, y in zip(one, two, strict=True):
        first[undecided & (x > y)] = False
        undecided &= x == y
    out[todo] = np.where(crossed, np.where(first, 1, 2), 0)
    return out


def _start_crosswise(first: npt.NDArray[np.int64], left: Index, right: Index, size: int) -> Mask:
    """Whether each pair's names start alike crosswise: the left's given name as the right's
    family name, or the other way round (``first``: a letter code per name part, -1 none)."""
    one = (first[left] == first[right + size]) & (first[left] >= 0)
    return np.asarray(one | ((first[left + size] == first[right]) & (first[right] >= 0)))


def _ordered(x: Strings, y: Strings) -> tuple[Strings, Strings]:
    return np.minimum(x, y), np.maximum(x, y)


def sides(
    comparison: Comparison, f: Features, left: Index, right: Index, swapped: Align | None
) -> tuple[Index, Index]:
    """The indexes of a pair's two sides in ``comparison``'s column: given or family names
    are taken crosswise from a pair that writes them in different orders."""
    if comparison.side is None:
        return left, right
    size = len(f)
    how = np.zeros(len(left), dtype=np.int8) if swapped is None else swapped
    given = comparison.side == "given"
    left_family = np.where(how == 2, given, np.where(how == 1, not given, not given))
    right_family = np.where(how == 1, given, np.where(how == 2, not given, not given))
    return left + size * left_family, right + size * right_family


def feminine(family: str) -> str:
    """The feminine form of a folded Russian-style family name: smirnov -> smirnova."""
    if family.endswith(("ov", "ev", "in", "yn")):
        return family + "a"
    if family.endswith(("ski", "tski", "ki")):
        return family[:-1] + "aia"
    if family.endswith("oi"):
        return family[:-2] + "aia"
    return ""


def _gender_form(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    codes, female = f.codes(column), f.derived("feminine", column, feminine)
    return (female[left] == codes[right]) | (codes[left] == female[right])


def _shared(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    return f.meet(column, left, right)


def _shared_personal(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    """The two share an address that is one person's, not only a role's or a family's
    mailbox (info@, smirnov.family@), which all its readers share."""
    out = _shared(f, column, left, right, 0.0)
    hits = np.flatnonzero(out)
    values, shared = getattr(f, column), f.shared_boxes
    out[hits] = [
        bool(values[a] & values[b] - shared[a] - shared[b])
        for a, b in zip(left[hits].tolist(), right[hits].tolist(), strict=True)
    ]
    return out


def _shared_handle(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    """The two share an email's local part at other providers, one that is more than their
    names spelt out (vsmirnov1985 at two providers; not ivan.smirnov, which any Ivan Smirnov
    may pick)."""
    out = _shared(f, "handles", left, right, 0.0)
    for n in np.flatnonzero(out):
        a, b = int(left[n]), int(right[n])
        names = [f.name_parts[i] for i in (a, b, a + len(f), b + len(f))] + [
            f.name_parts_latin[i] for i in (a, b, a + len(f), b + len(f))
        ]
        out[n] = any(not spells_name(h, names) for h in f.handles[a] & f.handles[b])
    return out


def _digits(email: str) -> str:
    return "".join(ch for ch in email if ch.isdigit())


def _slip(x: str, y: str) -> bool:
    """Whether two addresses one edit apart can be one address mistyped: not when the edit is
    in the first letter, or changes the local part's last one, where a family's addresses
    differ by an initial (dsaharanpuria@ and ssaharanpuria@, valentinat@ and valentinag@), nor
    when it only adds or drops a separator (amyhughes@ and amy_hughes@ are both picked, and
    often by two people). Typists seldom get a word's first letter wrong (Pollock and Zamora,
    "Automatic spelling correction in scientific and scholarly text", CACM 27(4), 1984)."""
    ops = list(Levenshtein.editops(x, y))
    if not ops or ops[0].src_pos == 0 or ops[0].dest_pos == 0:
        return False
    last = x.index("@") - 1
    if any(op.tag == "replace" and op.src_pos == last for op in ops):
        return False
    changed = [x[op.src_pos] for op in ops if op.tag != "insert"]
    changed += [y[op.dest_pos] for op in ops if op.tag != "delete"]
    return not all(ch in "._-" for ch in changed)


def _typos(a: Strings, b: Strings) -> Mask:
    """Which pairs of addresses are one typo apart: local parts of six characters or more, one
    insertion, deletion, change or swap apart (:func:`_slip`), with the same digits: digits are
    picked, not mistyped (ivan.petrov12@ and ivan.petrov13@ are two mailboxes)."""
    size = len(a)
    local_a = np.fromiter((e.index("@") for e in a), np.int64, size)
    local_b = np.fromiter((e.index("@") for e in b), np.int64, size)
    whole_a = np.fromiter(map(len, a), np.int64, size)
    whole_b = np.fromiter(map(len, b), np.int64, size)
    todo = np.flatnonzero(_typo_lengths(local_a, local_b, whole_a, whole_b))
    out = np.zeros(size, dtype=bool)
    out[todo] = _near_typos(a[todo], b[todo])
    return out


def _typo_lengths(local_a: Index, local_b: Index, whole_a: Index, whole_b: Index) -> Mask:
    """Which pairs of addresses have the lengths of one typo: local parts of six characters or
    more, and whole addresses no more than a character apart."""
    return np.asarray((local_a >= 6) & (local_b >= 6) & (np.abs(whole_a - whole_b) <= 1))


def _near_typos(a: Strings, b: Strings) -> Mask:
    """:func:`_typos` of pairs whose lengths are known to fit already."""
    out = np.zeros(len(a), dtype=bool)
    near = np.flatnonzero(_within_one(a, b))
    out[near] = [
        _digits(x) == _digits(y) and _slip(x, y) for x, y in zip(a[near], b[near], strict=True)
    ]
    return out


def _email_typo(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    """Two addresses one typo apart (:func:`_typos`: galinayarushva@gmail.com and
    galinayarusheva@gmail.com), among every address of one record and every one of the other,
    shared mailboxes aside: a family's mailbox mistyped (novogolovin.family@,
    novogolvoin.family@) says no more than the mailbox itself."""
    out = np.zeros(len(left), dtype=bool)
    several, boxed = f.codes("emails"), f.known("shared_boxes")
    alone = (several >= 0) & ~boxed  # one address, one person's
    plain = np.flatnonzero(alone[left] & alone[right])
    # most records have one address: those pairs are narrowed by lengths worked out once
    locals_, whole = f.lengths("first_local"), f.lengths("first_email")
    a, b = left[plain], right[plain]
    plain = plain[_typo_lengths(locals_[a], locals_[b], whole[a], whole[b])]
    out[plain] = _near_typos(f.first_email[left[plain]], f.first_email[right[plain]])
    rest = np.flatnonzero(~(alone[left] & alone[right]) & (several[left] != -1))
    rest = rest[several[right[rest]] != -1]
    emails, boxes = f.emails, f.shared_boxes
    combos = [
        (n, x, y)
        for n in rest.tolist()
        for x in emails[left[n]] - boxes[left[n]]
        for y in emails[right[n]] - boxes[right[n]]
    ]
    if combos:
        pairs = np.array([n for n, _, _ in combos], dtype=np.int64)
        hits = _typos(
            object_array([x for _, x, _ in combos]), object_array([y for *_, y in combos])
        )
        out[pairs[hits]] = True
    return out


def _shared_tail(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    return _shared(f, "phone_tails", left, right, 0.0)


def _years_agree(f: Features, left: Index, right: Index) -> Mask:
    """The same birth year, or one or both unknown."""
    ya, yb = f.birth_year[left], f.birth_year[right]
    return np.asarray((ya == yb) | (ya < 0) | (yb < 0))


def _birthday_exact(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    return (f.birthday[left] == f.birthday[right]) & _years_agree(f, left, right)


def _birthday_year_differs(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    return f.birthday[left] == f.birthday[right]


def _birthday_swapped(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    """Day and month swapped (03.12 and 12.03), in the same year where both give one."""
    a, b = f.birthday[left], f.birthday[right]
    swapped = (a % 100) * 100 + a // 100
    return (swapped == b) & (a % 100 <= 12) & _years_agree(f, left, right)


def _birthday_one_digit(f: Features, _: str, left: Index, right: Index, __: float) -> Mask:
    """MMDD written with one digit changed (a typo), in the same year where both give one: 26.07
    and 28.07 are a typo, 26.07.1974 and 28.07.1977 two birthdays."""
    a, b = f.birthday[left].astype(np.int64), f.birthday[right].astype(np.int64)
    differ = sum(((a // 10**k) % 10 != (b // 10**k) % 10).astype(np.int64) for k in range(4))
    return np.asarray((differ == 1) & _years_agree(f, left, right))


def _token_set(f: Features, column: str, left: Index, right: Index, t: float) -> Mask:
    a, b = _pairs(f, column, left, right)
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    return process.cpdist(a, b, scorer=fuzz.token_set_ratio, workers=_workers(len(a))) >= t * 100


def _first_three(value: str) -> str:
    return value[:3] if len(value) >= 3 else ""


def _prefix(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    codes = f.derived("first_three", column, _first_three)
    return (codes[left] == codes[right]) & (codes[left] >= 0)


def _initials_only(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    """Neither record names more than the names compared and an initial: K. Valli and
    K. Ramkumar, a Tamil father's initial and two children's given names, are two people;
    so are I. Smirnov and I. Petrov."""
    size = len(f)
    lengths = f.lengths(column)

    def rest(side: Index) -> Index:
        return np.where(side < size, side + size, side - size)

    return (lengths[rest(left)] <= 1) & (lengths[rest(right)] <= 1)


def _else(f: Features, column: str, left: Index, right: Index, _: float) -> Mask:
    return np.ones(len(left), dtype=bool)


TESTS: dict[str, Test] = {
    "exact": _exact,
    "jaro_winkler": _jaro_winkler_test,
    "initial": _initial,
    "one_edit": _one_edit,
    "canonical": _canonical,
    "transliterated": _transliterated,
    "known_different": _known_different,
    "gender_form": _gender_form,
    "shared": _shared,
    "shared_personal": _shared_personal,
    "shared_handle": _shared_handle,
    "email_typo": _email_typo,
    "shared_tail": _shared_tail,
    "birthday_exact": _birthday_exact,
    "birthday_year_differs": _birthday_year_differs,
    "birthday_swapped": _birthday_swapped,
    "birthday_one_digit": _birthday_one_digit,
    "token_set": _token_set,
    "prefix": _prefix,
    "initials_only": _initials_only,
    "else": _else,
}


def levels(comparison: Comparison, f: Features, left: Index, right: Index) -> npt.NDArray[np.int8]:
    """Each pair's level index for ``comparison``: 0 null, then 1.. in declared order."""
    has = f.known(comparison.column)
    out = np.zeros(len(left), dtype=np.int8)
    todo = np.flatnonzero(has[left] & has[right])
    similarity: npt.NDArray[np.float64] | None = None  # Jaro–Winkler, once for all its levels
    for number, level in enumerate(comparison.levels, start=1):
        if len(todo) == 0:
            break
        if level.test == "jaro_winkler":
            if similarity is None:
                similarity = np.full(len(left), -1.0)
                similarity[todo] = _jaro_winkler(
                    *_pairs(f, comparison.column, left[todo], right[todo])
                )
            hit = similarity[todo] >= level.threshold
        else:
            hit = TESTS[level.test](f, comparison.column, left[todo], right[todo], level.threshold)
        out[todo[hit]] = number
        todo = todo[~hit]
    return out


def compare(
    f: Features,
    left: Index,
    right: Index,
    comparisons: tuple[Comparison, ...] = COMPARISONS,
    swapped: Align | None = None,
) -> npt.NDArray[np.int8]:
    """The levels of every pair: an array of shape (pairs, comparisons). ``swapped`` is
    :func:`name_swap` of the pairs, computed here when not given."""
    if swapped is None and any(c.side for c in comparisons):
        swapped = name_swap(f, left, right)
    out = np.zeros((len(left), len(comparisons)), dtype=np.int8)
    for column, comparison in enumerate(comparisons):
        out[:, column] = levels(comparison, f, *sides(comparison, f, left, right, swapped))
    return out


#: Levels that speak of the person rather than of the household: a personal address, a phone,
#: a birthday, a patronymic. The household's members share the rest (family name, address,
#: family mailbox). A shared phone counts as the person's, though a home phone may be the
#: household's: the records do not say which a number is.
_PERSONAL = {
    "email": ("exact", "one_typo", "local_part"),
    "phone": ("exact", "last_nine_digits"),
    "birthday": ("exact", "year_differs", "day_month_swapped", "one_digit"),
    "patronymic": ("exact", "jaro_winkler_90"),
}


#: The levels that reach one person: a shared personal address or phone number.
REACH = {"email": ("exact",), "phone": ("exact", "last_nine_digits")}


def on_levels(
    gamma: npt.NDArray[np.int8],
    which: dict[str, tuple[str, ...]],
    comparisons: tuple[Comparison, ...] = COMPARISONS,
) -> Mask:
    """Pairs on any of the levels ``which`` names (comparison name -> level labels)."""
    out = np.zeros(len(gamma), dtype=bool)
    for column, comparison in enumerate(comparisons):
        if comparison.name in which:
            levels = [comparison.labels.index(label) for label in which[comparison.name]]
            out |= np.isin(gamma[:, column], levels)
    return out


def personal(
    gamma: npt.NDArray[np.int8], comparisons: tuple[Comparison, ...] = COMPARISONS
) -> Mask:
    """Pairs that agree on something of the person's own (:data:`_PERSONAL`)."""
    return on_levels(gamma, _PERSONAL, comparisons)


def household_only(
    gamma: npt.NDArray[np.int8], comparisons: tuple[Comparison, ...] = COMPARISONS
) -> Mask:
    """Pairs whose only agreement is what a household shares: the family name and the
    household's postcode or family mailbox, with given names that cannot tell the members apart:
    an initial, while their own email or phone differ (S. Dartcombe and Sara Dartcombe at one
    address, each with an email and a phone of their own); none on one side (Muniyandi, alone,
    at muniyandi.family@, and Bhuvaneswari Muniyandi); or two neither one nor known apart
    (Chetan and Chanda Jha at jha.family@). Such a pair does not join on its own; it may join
    through a record with more to go on."""
    names = {c.name for c in comparisons}
    if not {"given_name", "family_name", "email", "phone", "postcode"} <= names:
        return np.zeros(len(gamma), dtype=bool)

    def at(name: str, *labels: str) -> Mask:
        return on_levels(gamma, {name: labels}, comparisons)

    shared = at("postcode", "exact") | at("email", "shared_mailbox")
    own = at("email", "different") | at("phone", "different")
    family = at("family_name", "exact")
    initial = at("given_name", "initial") & own
    # no given name on one side, or two that are neither one nor known apart (Chetan, Chanda)
    unnamed = at("given_name", "null", "jaro_winkler_80")
    return np.asarray(family & (initial | unnamed) & shared & ~personal(gamma, comparisons))


def address_overrules(
    f: Features,
    left: Index,
    right: Index,
    gamma: npt.NDArray[np.int8],
    comparisons: tuple[Comparison, ...] = COMPARISONS,
    swapped: Align | None = None,
) -> Mask:
    """Pairs whose different given names their shared address overrules: a personal address
    (not a family's or a role's mailbox) that starts with a letter both given names may be
    written with. One of the names is misspelt, or a pet name the names table lacks (Нцдя and
    Nadezhda at n.pisakina@). Not an address that starts with
    a letter of one name only, which the other record borrows (Kira Galalova writing from her
    sister Ekaterina's e.galalova@), nor one that starts with neither (the Smirnovs' smirnovy@),
    nor one that spells out one of two names the table knows, which the other borrows (Igor
    Smirnov writing from his brother's ivan.smirnov@), nor a shared phone, which may be a
    household's."""
    column = {c.name: n for n, c in enumerate(comparisons)}
    out = np.zeros(len(left), dtype=bool)
    if "given_name" not in column or "email" not in column:
        return out
    given = comparisons[column["given_name"]]
    conflicting = tuple(level.label for level in given.levels if level.conflict)
    todo = np.flatnonzero(
        on_levels(gamma, {"given_name": conflicting}, comparisons)
        & on_levels(gamma, {"email": ("exact",)}, comparisons)
    )
    if len(todo) == 0:
        return out
    one, other = sides(
        given, f, left[todo], right[todo], None if swapped is None else swapped[todo]
    )
    both = f.letter_bits(given.column, one) & f.letter_bits(given.column, other)
    emails, shared, size = f.emails, f.shared_boxes, len(f)
    families = (
        np.where(one < size, one + size, one - size),
        np.where(other < size, other + size, other - size),
    )
    known = gamma[todo, column["given_name"]] == given.labels.index("other_name")
    for n, a, b, bits, x, y, g, h, two in zip(
        todo.tolist(),
        left[todo].tolist(),
        right[todo].tolist(),
        both.tolist(),
        families[0].tolist(),
        families[1].tolist(),
        one.tolist(),
        other.tolist(),
        known.tolist(),
        strict=True,
    ):
        names = {f.name_parts[x], f.name_parts[y], f.name_parts_latin[x], f.name_parts_latin[y]}
        spelt = ({f.name_parts[g], f.name_parts_latin[g]}, {f.name_parts[h], f.name_parts_latin[h]})
        common = (emails[a] & emails[b]) - shared[a] - shared[b]
        for address in common:
            rest = _after(address, names)
            starts = [any(len(w) > 1 and rest.startswith(w) for w in ws) for ws in spelt]
            if two and starts[0] != starts[1]:
                continue  # the address is one of the two names', borrowed by the other
            if letter_mask(rest[:1]) & bits:
                out[n] = True
    return out


def _after(address: str, families: set[str]) -> str:
    """An address's local part after a family name it starts with, and separators."""
    local = address.partition("@")[0]
    for family in sorted((name for name in families if len(name) > 1), key=len, reverse=True):
        if local.startswith(family):
            return local[len(family) :].lstrip("._-")
    return local


def pair_conflicts(
    f: Features,
    left: Index,
    right: Index,
    gamma: npt.NDArray[np.int8],
    comparisons: tuple[Comparison, ...] = COMPARISONS,
    swapped: Align | None = None,
) -> npt.NDArray[np.int8]:
    """:func:`first_conflict` of compared pairs, with what their shared address overrules
    (:func:`address_overrules`)."""
    overruled = address_overrules(f, left, right, gamma, comparisons, swapped)
    return first_conflict(gamma, comparisons, overruled)


def conflict_levels(comparisons: tuple[Comparison, ...] = COMPARISONS) -> npt.NDArray[np.bool_]:
    """A (comparisons, max levels + 1) table: True where the level is evidence of two people."""
    width = max(len(c.levels) for c in comparisons) + 1
    table = np.zeros((len(comparisons), width), dtype=bool)
    for row, comparison in enumerate(comparisons):
        for number, level in enumerate(comparison.levels, start=1):
            table[row, number] = level.conflict
    return table


def first_conflict(
    gamma: npt.NDArray[np.int8],
    comparisons: tuple[Comparison, ...] = COMPARISONS,
    overruled: Mask | None = None,
) -> npt.NDArray[np.int8]:
    """For each pair, the index of its first conflicting comparison, or -1; a given-name
    conflict does not count in the ``overruled`` pairs (:func:`address_overrules`)."""
    table = conflict_levels(comparisons)
    hits = table[np.arange(len(comparisons))[None, :], gamma]
    names = [c.name for c in comparisons]
    if overruled is not None and "given_name" in names:
        hits[overruled, names.index("given_name")] = False
    return np.where(hits.any(axis=1), hits.argmax(axis=1), -1).astype(np.int8)
