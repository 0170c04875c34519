"""Given names that are one name: nicknames, diminutives and spelling variants.

``data/reference/resolve/given_names.csv`` lists one row per (spelling, canonical name) pair:
Sasha -> Aleksandr and Sasha -> Aleksandra, Bob -> Robert, Alexander -> Aleksandr, Mohd ->
Muhammad; its README says where each row comes from. Spellings and canonicals are compared
through :func:`tasks.resolve.keys.fold`, so Саша, Sasha and Sacha are one key.

Equivalence is not transitive: a name stands for the *set* of canonical names it may be short
for, and two names are equivalent when their sets meet. Sasha stands for {aleksandr,
aleksandra}, Aleksandr for {aleksandr} alone, so Aleksandr ~ Sasha ~ Aleksandra while
Aleksandr !~ Aleksandra.
"""

from __future__ import annotations

import csv
import functools
import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz.distance import OSA

from tasks.resolve.keys import fold

logger = logging.getLogger(__name__)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "resolve"
GIVEN_NAMES = REFERENCE / "given_names.csv"
COLUMNS = ("name", "canonical", "gender", "kind", "origin")
KINDS = frozenset({"diminutive", "nickname", "variant"})
GENDERS = frozenset({"m", "f", "u"})

_EMPTY: frozenset[str] = frozenset()
#: The Latin letters a name may start with when its first Cyrillic letter is one of these,
#: by the schemes in use: ICAO 9303 (Iuliia, Khariton, Zhanna), BGN/PCGN (Yuliya, Yelena) and
#: the customary English spellings (Julia, Jakov, Jeanna).
_CYRILLIC_INITIALS = {
    "е": frozenset("ey"),
    "ё": frozenset("eiyj"),
    "ю": frozenset("iyj"),
    "я": frozenset("iyj"),
    "й": frozenset("iyj"),
    "х": frozenset("kh"),
    "ж": frozenset("zj"),
}
_MEMO_LIMIT = 1 << 16  # names remembered as written; the memo starts over when full


class GivenNames:
    """A lookup from any spelling of a given name to the canonical names it stands for.

    Holds one dict of folded spelling -> frozenset of folded canonicals, one of folded
    canonical -> gender, and a bounded memo of names as written (folding costs more than the
    lookup, and a run meets the same given names again and again).
    """

    __slots__ = ("_forms", "_genders", "_initials", "_memo", "_shortened", "_written")

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Index ``rows`` of (spelling, canonical, gender m|f|u).

        A canonical stands for itself. A key that is a canonical and also folds like another
        name's spelling (Юля folds like Юлия) stands for all of them: nothing is dropped. Rows
        whose spelling or canonical folds to "" are skipped.
        """
        forms: dict[str, set[str]] = defaultdict(set)
        genders: dict[str, set[str]] = defaultdict(set)
        initials: dict[str, set[str]] = defaultdict(set)
        written: dict[str, set[str]] = defaultdict(set)
        for name, canonical, gender in rows:
            key, canon = fold(name), fold(canonical)
            if not key or not canon:
                continue
            written[canon] |= {name[:1].lower(), canonical[:1].lower()}
            if (letter := name[:1].lower()) in _CYRILLIC_INITIALS:
                initials[canon] |= _CYRILLIC_INITIALS[letter]
            initials[canon].add(key[:1])
            forms[key].add(canon)
            forms[canon].add(canon)
            genders[canon].add(gender)
        self._forms = {key: frozenset(canons) for key, canons in forms.items()}
        self._genders = {
            canon: next(iter(found)) if len(found) == 1 else "u" for canon, found in genders.items()
        }
        self._initials = {canon: frozenset(found) for canon, found in initials.items()}
        self._written = {canon: frozenset(found) for canon, found in written.items()}
        self._memo: dict[str, frozenset[str]] = {}
        self._shortened: dict[str, frozenset[str]] | None = None  # built on first use

    def __len__(self) -> int:
        """How many folded spellings the table knows."""
        return len(self._forms)

    def canonicals(self, name: str | None) -> frozenset[str]:
        """The folded canonical names ``name`` stands for.

        A spelling in the table gives its canonicals, a canonical gives itself, and any other
        name gives its own folded key; "" or None, or a name with no letters, gives an empty set.
        """
        if not name:
            return _EMPTY
        found = self._memo.get(name)
        if found is None:
            key = fold(name)
            found = self._forms.get(key) or (frozenset((key,)) if key else _EMPTY)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[name] = found
        return found

    def initials(self, name: str | None) -> frozenset[str]:
        """The Latin letters ``name`` may be abbreviated to as another form of a name it stands
        for: a diminutive or nickname (T. for Patricia, who may be Tricia; V. for Иван, Ваня),
        or another transliteration of a Cyrillic name (J. or Y. for Юлия, written Iuliia; E. or
        Y. for Елена). Empty for a name the table does not know."""
        return self._of_canonicals(name, self._initials)

    def written_initials(self, name: str | None) -> frozenset[str]:
        """The first letters, lower-case and in any script, of every spelling the table gives
        of the names ``name`` stands for: и and в for Ivan (Иван, Ваня), я and y for Yana (Яна).
        Empty for a name the table does not know."""
        return self._of_canonicals(name, self._written)

    def _of_canonicals(self, name: str | None, table: dict[str, frozenset[str]]) -> frozenset[str]:
        """All that ``table`` holds for the canonical names ``name`` stands for."""
        found: set[str] = set()
        for canon in self.canonicals(name):
            found |= table.get(canon, _EMPTY)
        return frozenset(found)

    def misspelt(self, name: str | None) -> frozenset[str]:
        """The canonical names of the one spelling in the table that ``name`` is a typing
        slip of: a name the table does not hold, of four letters or more, one letter added,
        dropped, changed or two neighbours swapped away from spellings that all stand for the
        same names, whose first and last letters it keeps (Mddie and Maddie for Madison; Ktya
        and Katya for Ekaterina). Empty when there is none, or when the slip could be of
        different names (Mddie is no Eddie: the first letter is kept), and at the last letter,
        where names change with gender (Dario is no Daria, Renat no Rena).
        """
        key = fold(name) if name else ""
        if len(key) < 4 or key in self._forms:
            return _EMPTY
        if self._shortened is None:
            shortened: dict[str, set[str]] = defaultdict(set)
            for form in self._forms:
                for cut in _cuts(form):
                    shortened[cut].add(form)
            self._shortened = {cut: frozenset(forms) for cut, forms in shortened.items()}
        found: set[str] = set(self._shortened.get(key, _EMPTY))  # a letter dropped
        for cut in _cuts(key):
            if cut in self._forms:  # a letter added
                found.add(cut)
            found.update(
                f
                for f in self._shortened.get(cut, _EMPTY)
                if OSA.distance(key, f, score_cutoff=1) <= 1
            )  # a letter changed, or two neighbours swapped
        meanings = {self._forms[form] for form in found if form[-1] == key[-1]}
        return next(iter(meanings)) if len(meanings) == 1 else _EMPTY

    def known(self, name: str | None) -> bool:
        """Whether the table holds ``name`` (as a spelling or a canonical name)."""
        return bool(name) and fold(name) in self._forms

    def equivalent(self, a: str | None, b: str | None) -> bool:
        """True when ``a`` and ``b`` may be one given name: their canonical sets meet."""
        return not self.canonicals(a).isdisjoint(self.canonicals(b))

    def gender(self, name: str | None) -> str | None:
        """``"m"`` or ``"f"`` when every canonical ``name`` stands for has that gender, else None.

        None for unknown names, for unisex forms (Sasha, Alex) and for canonicals of gender u.
        """
        found = {self._genders.get(canon, "u") for canon in self.canonicals(name)}
        if len(found) != 1:
            return None
        (only,) = found
        return only if only in ("m", "f") else None


def _cuts(key: str) -> set[str]:
    """``key`` with one letter dropped, never the first."""
    return {key[:at] + key[at + 1 :] for at in range(1, len(key))}


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a given-names CSV, each a dict of ``name,canonical,gender,kind,origin``.

    Raises OSError when the file cannot be read, and ValueError naming the file and line when
    the header differs or a row has an unknown gender or kind: the table is project data, so a
    bad row is a bug to fix rather than a record to quarantine.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: the header must be {','.join(COLUMNS)}")
        rows = []
        for row in reader:
            if row["gender"] not in GENDERS or row["kind"] not in KINDS:
                raise ValueError(f"{path} line {reader.line_num}: unknown gender or kind")
            rows.append(row)
    return rows


def _load(path: Path) -> GivenNames:
    rows = read_rows(path)
    names = GivenNames((r["name"], r["canonical"], r["gender"]) for r in rows)
    logger.debug("given names: %d rows, %d spellings from %s", len(rows), len(names), path.name)
    return names


@functools.lru_cache(maxsize=1)
def _load_default() -> GivenNames:
    return _load(GIVEN_NAMES)


def load_given_names(path: Path | None = None) -> GivenNames:
    """The given-name table at ``path``; by default the project's own, read once and cached.

    Raises OSError when the file cannot be read and ValueError when it is malformed.
    """
    return _load_default() if path is None else _load(path)
