"""Countries as ISO 3166-1 alpha-2 codes, canonical IANA time zones, and the zone of an address.

Reference data comes from installed packages and two files of ours, each read once and never
changed (``functools.cache`` on the private loaders):

- the IANA tz database as the ``tzdata`` package ships it (a pinned dependency), else the
  system's ``/usr/share/zoneinfo``: ``zone.tab`` lists the zones of each country and
  ``tzdata.zi`` the links from legacy names (``L Asia/Kolkata Asia/Calcutta``). Without either,
  the declared ``FALLBACK_LINKS`` and ``FALLBACK_COUNTRY_ZONES`` stand in;
- country names: the English names of the tz database's ``iso3166.tab`` and
  ``data/reference/normalise/country_names.csv`` (alpha-3 codes, USA, UK, Россия, РФ, भारत, ...);
- ``data/reference/normalise/place_timezones.csv``: the zone of regions and cities of countries
  with several zones (RU, US, CA, AU, ...).
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import logging
import re
import unicodedata
import zoneinfo
from pathlib import Path

import phonenumbers

logger = logging.getLogger(__name__)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "normalise"
PLACE_TIMEZONES = REFERENCE / "place_timezones.csv"
COUNTRY_NAMES = REFERENCE / "country_names.csv"
SYSTEM_ZONEINFO = Path("/usr/share/zoneinfo")

#: The zone most of a country keeps when zone.tab lists a few small others beside it.
MAIN_ZONES: dict[str, str] = {
    "DE": "Europe/Berlin", "ES": "Europe/Madrid", "PT": "Europe/Lisbon", "UA": "Europe/Kyiv",
    "CN": "Asia/Shanghai", "NZ": "Pacific/Auckland", "EC": "America/Guayaquil",
    "MY": "Asia/Kuala_Lumpur", "CY": "Asia/Nicosia", "UZ": "Asia/Tashkent",
}  # fmt: skip

#: Used only when no zone.tab can be read: single-zone countries we meet most.
FALLBACK_COUNTRY_ZONES: dict[str, tuple[str, ...]] = {
    code: (zone,)
    for code, zone in {
        "IN": "Asia/Kolkata", "GB": "Europe/London", "FR": "Europe/Paris", "IT": "Europe/Rome",
        "NL": "Europe/Amsterdam", "BE": "Europe/Brussels", "CH": "Europe/Zurich",
        "AT": "Europe/Vienna", "PL": "Europe/Warsaw", "CZ": "Europe/Prague", "BY": "Europe/Minsk",
        "TR": "Europe/Istanbul", "AE": "Asia/Dubai", "SG": "Asia/Singapore", "JP": "Asia/Tokyo",
        "KR": "Asia/Seoul", "IL": "Asia/Jerusalem", "IE": "Europe/Dublin", "FI": "Europe/Helsinki",
        "SE": "Europe/Stockholm", "NO": "Europe/Oslo", "DK": "Europe/Copenhagen",
        "GR": "Europe/Athens", "LK": "Asia/Colombo", "NP": "Asia/Kathmandu", "BD": "Asia/Dhaka",
        "PK": "Asia/Karachi", "GE": "Asia/Tbilisi", "AM": "Asia/Yerevan", "AZ": "Asia/Baku",
    }.items()
}  # fmt: skip

#: Used only when no tzdata.zi can be read: the legacy names we meet most.
FALLBACK_LINKS: dict[str, str] = {
    "Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Rangoon": "Asia/Yangon", "Asia/Dacca": "Asia/Dhaka",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar", "Europe/Zaporozhye": "Europe/Kyiv",
    "Europe/Uzhgorod": "Europe/Kyiv", "W-SU": "Europe/Moscow", "GB": "Europe/London",
    "US/Eastern": "America/New_York", "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver", "US/Pacific": "America/Los_Angeles",
    "US/Arizona": "America/Phoenix", "US/Alaska": "America/Anchorage",
    "US/Hawaii": "Pacific/Honolulu", "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "UTC": "Etc/UTC",
}  # fmt: skip

_PLACE_NOISE = frozenset(
    {
        "г", "гор", "город", "city", "of", "область", "обл", "край", "республика", "респ",
        "автономный", "округ", "ао", "oblast", "region", "krai", "kray", "republic", "province",
        "state",
    }
)  # fmt: skip
_PUNCTUATION = re.compile(r"[^\w]+")


def _tz_file(name: str) -> str | None:
    try:
        return importlib.resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        pass
    try:
        return (SYSTEM_ZONEINFO / name).read_text("utf-8")
    except OSError:
        return None


@functools.cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    text = _tz_file("zone.tab")
    if text is None:
        logger.warning("no zone.tab found; using the declared fallback table of countries")
        return FALLBACK_COUNTRY_ZONES
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            columns = line.split("\t")
            zones.setdefault(columns[0], []).append(columns[2])
    return {code: tuple(names) for code, names in zones.items()}


@functools.cache
def _links() -> dict[str, str]:
    text = _tz_file("tzdata.zi")
    if text is None:
        logger.warning("no tzdata.zi found; using the declared fallback table of legacy zones")
        return FALLBACK_LINKS
    return {
        parts[2]: parts[1]
        for parts in (line.split() for line in text.splitlines() if line.startswith("L "))
    }


@functools.cache
def _listed_zones() -> frozenset[str]:
    return frozenset(zone for zones in _country_zones().values() for zone in zones)


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def canonical_timezone(name: str) -> str | None:
    """The canonical IANA name of a time zone, or None when ``name`` is not a zone.

    Takes any spelling of an IANA name (case-insensitive). A legacy link becomes the zone it
    points to (Asia/Calcutta -> Asia/Kolkata, Europe/Kiev -> Europe/Kyiv, US/Eastern ->
    America/New_York, UTC -> Etc/UTC), but a zone that zone.tab lists for its own country stays
    (Europe/Oslo is not folded into Europe/Berlin).
    """
    zone = _zones_by_folded_name().get(name.strip().casefold())
    if zone is None:
        return None
    listed, links = _listed_zones(), _links()
    for _ in range(4):  # a link may point to another link
        if zone in listed or zone not in links:
            break
        zone = links[zone]
    return zone


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е").replace(".", "")
    return " ".join(text.split()).removeprefix("the ")


def _reference_rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text("utf-8")
    except OSError:
        logger.warning("reference file %s is missing", path.name)
        return []
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@functools.cache
def _country_names() -> dict[str, str]:
    names = {code.casefold(): code for code in phonenumbers.SUPPORTED_REGIONS}
    for line in (_tz_file("iso3166.tab") or "").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            names[code.casefold()] = code
            names[_fold(name)] = code
    names.update((_fold(row["name"]), row["code"]) for row in _reference_rows(COUNTRY_NAMES))
    return names


def normalise_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written as a code (RU, USA, GBR) or a name in
    English, Russian, Hindi or Tamil (Russia, Россия, РФ, भारत, Great Britain); None when the
    country is not known, which the caller quarantines (rule ``country_is_known``).
    """
    return _country_names().get(_fold(text))


def _place_key(text: str) -> str:
    words = _PUNCTUATION.sub(" ", _fold(text)).split()
    return " ".join(word for word in words if word not in _PLACE_NOISE)


@functools.cache
def _place_zones() -> dict[tuple[str, str], str]:
    rows = _reference_rows(PLACE_TIMEZONES)
    return {(row["country"], _place_key(row["place"])): row["timezone"] for row in rows}


def timezone_for(country: str | None, region: str | None, city: str | None) -> str | None:
    """The one IANA zone an address implies, or None when it implies none or several.

    ``country`` is a code or a name (see :func:`normalise_country`); without a known country
    there is no zone. The city is looked up first, then the region (Novosibirsk ->
    Asia/Novosibirsk, CA in the US -> America/Los_Angeles), then the country's own zone when it
    has one (IN -> Asia/Kolkata) or one that most of it keeps (DE -> Europe/Berlin).
    """
    code = normalise_country(country) if country else None
    if code is None:
        return None
    table = _place_zones()
    for place in (city, region):
        zone = table.get((code, _place_key(place))) if place else None
        if zone is not None:
            return canonical_timezone(zone) or zone
    zones = _country_zones().get(code, ())
    if len(zones) == 1:
        return zones[0]
    return MAIN_ZONES.get(code)
