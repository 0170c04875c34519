"""The config file, parsed once at the edge into a frozen, typed model.

Only ``sources`` is required and unknown keys are errors (``../shared/CONTRACT.md``). Paths are
resolved against the config file's folder. Every mistake becomes one :class:`ConfigError` line
naming the file and the setting.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path
from typing import Annotated, Any, Literal

import phonenumbers
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from schemas.records import FIELDS
from tasks.errors import ConfigError

SourceKind = Literal["csv", "xlsx", "mbox", "maildir", "eml", "imap", "vcard"]
SOURCE_NAME = re.compile(r"^[a-z0-9_]+$")
REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)


def _check_region(value: str | None) -> str | None:
    if value is None:
        return None
    upper = value.upper()
    if upper not in REGIONS:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 region phonenumbers knows")
    return upper


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceConfig(_Model):
    name: str
    kind: SourceKind
    role: Literal["contacts", "deals", "optouts", "disputes"] = "contacts"
    path: Path | None = None
    default_region: str | None = None
    date_order: Literal["DMY", "MDY", "YMD"] | None = None
    priority: int = 0
    columns: dict[str, str | list[str]] | None = None
    # IMAP
    host: str | None = None
    port: int | None = None
    security: Literal["tls", "starttls"] = "tls"
    username: str | None = None
    password_env: str | None = None
    folders: tuple[str, ...] = ("INBOX",)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not SOURCE_NAME.match(value):
            raise ValueError(f"{value!r} must match [a-z0-9_]+")
        return value

    @field_validator("default_region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        return _check_region(value)

    @field_validator("columns")
    @classmethod
    def _columns(
        cls, value: dict[str, str | list[str]] | None
    ) -> dict[str, str | list[str]] | None:
        if value is None:
            return None
        unknown = sorted(set(value) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} (known: {', '.join(FIELDS)})")
        return value

    @model_validator(mode="after")
    def _kind_needs(self) -> SourceConfig:
        if self.kind == "imap":
            for key in ("host", "username", "password_env"):
                if getattr(self, key) is None:
                    raise ValueError(f"an imap source needs {key!r}")
            if self.path is not None:
                raise ValueError("an imap source takes no 'path'")
        elif self.path is None:
            raise ValueError(f"a {self.kind} source needs 'path'")
        return self

    def column_map(self) -> dict[str, list[str]]:
        """``columns`` with every value as a list of column names."""
        return {k: [v] if isinstance(v, str) else list(v) for k, v in (self.columns or {}).items()}


class ResolutionConfig(_Model):
    match_threshold: Annotated[float, Field(ge=0, le=1)] = 0.9
    matches_floor: Annotated[float, Field(ge=0, le=1)] = 0.05
    overrides: Path | None = None
    max_block: Annotated[int, Field(ge=2)] = 32  # bigger blocks: sorted neighbourhood
    random_pairs: Annotated[int, Field(ge=1000)] = 300_000  # for u


class OccasionsConfig(_Model):
    send_hour: Annotated[int, Field(ge=0, le=23)] = 9
    postal_lead_days: Annotated[int, Field(ge=0)] = 7
    feb29: Literal["feb28", "mar01"] = "feb28"
    name_days: bool = True
    holidays: dict[str, list[str]] = Field(default_factory=dict)
    service_recovery_days: Annotated[int, Field(ge=0)] = 3
    language: str | None = None


class ModerationConfig(_Model):
    min_days_between: Annotated[int, Field(ge=0)] = 14
    max_per_year: Annotated[int, Field(ge=0)] = 6


class ChannelsConfig(_Model):
    postal_top_share: Annotated[float, Field(ge=0, le=1)] = 0.05
    sms_to_fixed_line_or_mobile: bool = True
    # a source's `tier` naming one of these (any case) gets postal cards
    postal_tiers: tuple[str, ...] = ("top", "vip", "key", "gold", "platinum", "premium", "a")


class SafetyConfig(_Model):
    optouts_max_shrink: Annotated[float, Field(ge=0, le=1)] = 0.2


class ExecutionConfig(_Model):
    dask_address: str | None = None  # the heavy stages on this Dask cluster, via prefect-dask
    chunk_records: Annotated[int, Field(ge=1)] = 5000  # records per normalising or features task
    chunk_pairs: Annotated[int, Field(ge=1)] = 100_000  # candidate pairs per comparison task


class PrivacyConfig(_Model):
    forget_salt_env: str = "RAPPORT_FORGET_SALT"


class Config(_Model):
    config_path: Path
    output_dir: Path = Path("out")
    state_dir: Path = Path("state")
    default_region: str = "RU"
    timezone: str = "Europe/Moscow"
    horizon_days: Annotated[int, Field(ge=1)] = 365
    self_addresses: tuple[str, ...] = ()
    sources: tuple[SourceConfig, ...]
    resolution: ResolutionConfig = ResolutionConfig()
    occasions: OccasionsConfig = OccasionsConfig()
    moderation: ModerationConfig = ModerationConfig()
    channels: ChannelsConfig = ChannelsConfig()
    safety: SafetyConfig = SafetyConfig()
    execution: ExecutionConfig = ExecutionConfig()
    privacy: PrivacyConfig = PrivacyConfig()

    @field_validator("default_region")
    @classmethod
    def _region(cls, value: str) -> str:
        checked = _check_region(value)
        assert checked is not None
        return checked

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone") from None
        return value

    @field_validator("sources")
    @classmethod
    def _sources(cls, value: tuple[SourceConfig, ...]) -> tuple[SourceConfig, ...]:
        if not value:
            raise ValueError("at least one source is needed")
        seen: set[str] = set()
        for source in value:
            if source.name in seen:
                raise ValueError(f"duplicate source name {source.name!r}")
            seen.add(source.name)
        return value

    def source(self, name: str) -> SourceConfig:
        return next(s for s in self.sources if s.name == name)


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


def _describe(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown setting"
    if kind == "missing":
        return "required setting is missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _resolve(base: Path, path: Path | None) -> Path | None:
    if path is None:
        return None
    path = path.expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def load_config(path: Path) -> Config:
    """Read, validate and resolve a config file; raise :class:`ConfigError` naming the setting."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot read the config file ({exc.__class__.__name__})"
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a YAML mapping with a 'sources' list")
    if "config_path" in data:
        raise ConfigError(f"{path}: config_path: unknown setting")
    try:
        config = Config.model_validate({**data, "config_path": path.resolve()})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{path}: {_location(first['loc'])}: {_describe(dict(first))}") from None
    if config.occasions.language is not None:
        from tasks.occasions.salutation import load_templates

        languages = sorted({language for language, _ in load_templates().table})
        if config.occasions.language not in languages:
            raise ConfigError(
                f"{path}: occasions.language: {config.occasions.language!r} is not one of "
                f"{', '.join(languages)}"
            )
    if config.occasions.holidays:
        from tasks.occasions.holidays import load_catalogue

        try:
            load_catalogue().validate(config.occasions.holidays, dt.date.today().year)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    return _resolved(config)


def _resolved(config: Config) -> Config:
    base = config.config_path.parent
    sources = []
    for index, source in enumerate(config.sources):
        resolved = _resolve(base, source.path)
        if resolved is not None and not resolved.exists():
            raise ConfigError(
                f"{config.config_path}: sources[{index}].path: {source.path} does not exist"
            )
        sources.append(source.model_copy(update={"path": resolved}))
    overrides = _resolve(base, config.resolution.overrides)
    if overrides is not None and not overrides.is_file():
        raise ConfigError(
            f"{config.config_path}: resolution.overrides: {config.resolution.overrides} "
            "does not exist"
        )
    output_dir = _resolve(base, config.output_dir)
    state_dir = _resolve(base, config.state_dir)
    assert output_dir is not None and state_dir is not None
    return config.model_copy(
        update={
            "sources": tuple(sources),
            "output_dir": output_dir,
            "state_dir": state_dir,
            "resolution": config.resolution.model_copy(update={"overrides": overrides}),
        }
    )
