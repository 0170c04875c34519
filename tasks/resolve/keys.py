"""Matching keys: one spelling for the many ways a name, company or email is written.

:func:`fold` takes the Latin key of :func:`tasks.normalise.translit.latin_key` (lower-case ASCII)
and removes the differences that transliteration schemes and English spelling habits make to
one name: Aleksandr, Alexander and Alexandr; Yuliya, Julia and Iuliia; Evgeniy and Yevgeny;
Smirnoff and Smirnov; Preeti and Priti; Karthik and Kartik. Two names with one folded key are
spelled alike for blocking and comparison; how alike otherwise is rapidfuzz's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tasks.normalise.translit import latin_key

# Applied in order, each to the output of the one before; each only to a key that holds its
# letters (the third item), which most keys lack: the test costs far less than the pattern.
_FOLDS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), replacement, needle)
    for pattern, replacement, needle in (
        (r"[^a-z]", "", ""),
        (r"x", "ks", "x"),
        (r"jn", "gy", "jn"),  # ज्ञ: Gyan, written jnana by ISO 15919
        (r"(?:shch|sch)", "sh", "ch"),
        (r"tch", "ch", "tch"),
        (r"ph", "f", "ph"),
        (r"w", "v", "w"),
        (r"ey(?=e)", "e", "eye"),  # Andreyevich/Andreevich
        (r"ee", "i", "ee"),  # Deepa/दीपा, Geetha/கீதா, Seema/सीमा; Андреевич as Andreyevich
        (r"oo", "u", "oo"),  # Pooja/पूजा, Sood/सूद, Boopathy/பூபதி
        (r"(?<=[aeiou])y(?=[aeiou])", "i", "y"),  # Maya/Maia
        (r"^ye", "e", "ye"),  # Yevgeny/Evgeny, Yelena/Elena
        (r"yo", "e", "yo"),  # Fyodor/Fedor
        (r"[yj]", "i", ""),  # Yulia/Julia/Iulia
        (r"kh", "h", "kh"),
        (r"ck", "k", "ck"),
        (r"c(?=[aou]|$)", "k", "c"),
        (r"(?<=[bdgkpt])h", "", "h"),  # Indian aspirates written both ways: Siddharth/Sidarth
        (r"(.)\1+", r"\1", ""),
        (r"ff$", "v", "ff"),
        (r"f$", "v", "f"),  # Smirnoff, Smirnof -> smirnov
        (r"i+(?=[aeiou])", "i", "i"),
        (r"(?:ii|iy|ei|ey|yi)$", "i", ""),  # Evgenii/Evgeniy/Evgeny -> evgeni
        (r"(.)\1+", r"\1", ""),
    )
)

_COMPANY_FORMS = frozenset(
    {"ooo", "zao", "oao", "pao", "ao", "ip", "nko", "llc", "ltd", "limited", "inc", "corp",
     "incorporated", "corporation", "co", "company", "plc", "gmbh", "ag", "sa", "sarl", "srl",
     "bv", "nv", "pvt", "private", "pte", "llp", "lp"}
)  # fmt: skip


_DIGITS = re.compile(r"\d")
_REPEATS = re.compile(r"(.)\1+")
_NOT_HANDLE = re.compile(r"[^a-z0-9]")


def fold(text: str | None) -> str:
    """The folded matching key of a name in any script; ``""`` when nothing is left."""
    return _fold(text) if text else ""


@lru_cache(maxsize=1 << 17)
def _fold(text: str) -> str:
    key = latin_key(text)
    for pattern, replacement, needle in _FOLDS:
        if needle in key:
            key = pattern.sub(replacement, key)
    return key


def name_key(text: str | None) -> str:
    """:func:`fold` of a name, or of an initial its first Latin letter: Ч. and C. (Chernov,
    Charles) are ``c``, ச. (Saravanan) is ``s``, where folding would spell them ``ch``, ``k``
    and ``sa``."""
    return _name_key(text) if text else ""


@lru_cache(maxsize=1 << 17)
def _name_key(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) == 1:
        return latin_key(letters[0])[:1]
    return fold(text)


_TAMIL_SOUNDS = (("ksh", "s"), ("sh", "s"), ("ch", "s"), ("zh", "l"))
_TAMIL_PLAIN = str.maketrans("gdbc", "ktps")
_NO_VOWELS = str.maketrans("", "", "aeiou")
_VOWEL_CLASS = {"a": "a", "e": "i", "i": "i", "o": "u", "u": "u"}


def tamil_sounds(key: str) -> str:
    """A folded name with the sounds Tamil writes with one letter made one: k and g, t and d,
    p and b, c, ch, sh, ksh and s, zh and l (குணவேல் and Gunavel, லட்சுமி and Lakshmi)."""
    for written, kept in _TAMIL_SOUNDS:
        if written in key:
            key = key.replace(written, kept)
    return key.translate(_TAMIL_PLAIN)


def tamil_key(key: str) -> str:
    """What a folded name keeps across the ways a Tamil name is written in Latin letters: the
    first letter and consonants of :func:`tamil_sounds`, and the kind of vowel it ends with.
    Tamil adds vowels inside clusters (கிருஷ்ணன், Krishnan; தேவேந்திரன், Devendran); the last
    vowel tells Jayanthi from Jayanth and Deepika from Dipak. A name of two consonants keeps
    all its letters (தீபா and Deepa, கீதா and Geetha, not Kate); "" for one of under three.
    Too coarse for Latin names among themselves: only pairs with a name in Tamil meet on it."""
    sounds = tamil_sounds(key)
    skeleton = _REPEATS.sub(r"\1", sounds[:1] + sounds[1:].translate(_NO_VOWELS))
    if len(skeleton) >= 3:
        return skeleton + _VOWEL_CLASS.get(key[-1:], "")
    return "~" + sounds if len(key) >= 3 else ""


def tamil_initial(key: str) -> str:
    """The first letter of :func:`tamil_sounds`: த. and D., ச. and S. or C."""
    for written, kept in _TAMIL_SOUNDS:
        if key.startswith(written):
            return kept
    return key[:1].translate(_TAMIL_PLAIN)


def hindi_key(key: str) -> str:
    """A folded name without the vowel a inside it: Hindi does not say the inherent vowel that
    a letter-by-letter key of Devanagari keeps (जामनगरकर, jamanagarakar; Jamnagarkar), and
    Latin spellings add one where Hindi has none (अग्रवाल, Agarwal). The first and last letters
    stay, so a spoken final ā does too (अंकिता is Ankita, not Ankit). "" when under three
    letters are left. Only pairs with a name in Devanagari meet on it."""
    if len(key) < 3:
        return ""
    inside = key[1:-1].replace("a", "")
    dropped = _REPEATS.sub(r"\1", key[0] + inside + key[-1])
    return dropped if len(dropped) >= 3 else ""


def company_key(name: str | None) -> str:
    """A company's name without legal forms, quotes or punctuation, folded word by word."""
    if not name:
        return ""
    words = re.split(r"[^\w]+", latin_key(name))
    kept = [fold(w) for w in words if w and w not in _COMPANY_FORMS]
    return " ".join(w for w in kept if w)


#: Gmail delivers to one mailbox whatever dots the local part has and whatever follows a plus,
#: and googlemail.com is gmail.com (Google's Gmail Help: "Dots don't matter in Gmail
#: addresses"; "Create task-specific email addresses").
_GMAIL = frozenset({"gmail.com", "googlemail.com"})


@lru_cache(maxsize=1 << 17)
def mailbox(email: str) -> str:
    """The mailbox a normalised email reaches: a Gmail address without its dots and +tag
    (ivan.s.petrov+shop@gmail.com is ivanspetrov@gmail.com); any other address as it is."""
    local, _, domain = email.rpartition("@")
    box = local.split("+", 1)[0].replace(".", "")
    return f"{box}@gmail.com" if domain in _GMAIL and box else email


@lru_cache(maxsize=1 << 17)
def email_local(email: str) -> str:
    """The local part of a normalised email without dots, separators, digits or a +tag."""
    return _DIGITS.sub("", email_handle(email))


@lru_cache(maxsize=1 << 17)
def email_handle(email: str) -> str:
    """The local part of a normalised email as a person picks it: without a +tag or
    separators, digits kept (ivan.s+news@x.ru and ivans@y.ru give ``ivans``)."""
    local = email.split("@", 1)[0].split("+", 1)[0]
    return _NOT_HANDLE.sub("", local.lower())


# RFC 2142, "Mailbox names for common services, roles and functions", and the role addresses
# businesses commonly add to them: mailboxes of a function, read by whoever holds it.
_ROLE_MAILBOXES = frozenset(
    {"info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster",
     "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp", "admin", "office",
     "contact", "hello", "team", "mail", "billing", "accounts", "help", "enquiries", "inquiries"}
)  # fmt: skip
# A family's mailbox, in the languages of the contacts: smirnov.family, famille.dupont, semya.
_FAMILY_MAILBOX = re.compile(r"famil|semya|semia|semja|parivar|kudumbam|kutumb")


# Any of those words anywhere in a local part: most addresses hold none, and need no more look.
_MAYBE_SHARED = re.compile("|".join([_FAMILY_MAILBOX.pattern, *sorted(_ROLE_MAILBOXES)]))


@lru_cache(maxsize=1 << 16)
def shared_mailbox(email: str) -> bool:
    """Whether ``email`` is a mailbox several people read: a role (info@, sales@; RFC 2142) or
    a family's (smirnov.family@, thefamily@). A message from one, with no name, does not say
    who wrote it."""
    local = email.split("@", 1)[0].split("+", 1)[0].lower()
    if not _MAYBE_SHARED.search(local):
        return False
    words = [w for w in re.split(r"[^a-z]+", local) if w]
    return bool(_FAMILY_MAILBOX.search(local)) or any(w in _ROLE_MAILBOXES for w in words)


def spells_name(handle: str, names: Iterable[str]) -> bool:
    """Whether ``handle`` is only the person's names and initials (ivan.smirnov, ismirnov),
    which says nothing that the names do not."""
    rest = handle
    for name in sorted((n for n in names if len(n) > 1), key=len, reverse=True):
        rest = rest.replace(name, "")
    return len(rest) <= 2 and not any(ch.isdigit() for ch in rest)
