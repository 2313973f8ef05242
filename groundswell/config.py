"""Configuration: one TOML file, validated at load, secrets named by environment variable.

The path comes from ``--config``, else ``GROUNDSWELL_CONFIG``, else ``./groundswell.toml``.
Every error names the file, the key and what is wrong (:class:`ConfigError`; the CLI exits 2).
"""

from __future__ import annotations

import difflib
import os
import tomllib
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError

__all__ = [
    "DEFAULT_THEMES",
    "WEB_ADDRESS",
    "Config",
    "SourceConfig",
    "config_path",
    "header_text",
    "load_config",
    "secret",
    "starter_config",
]

DEFAULT_THEMES: tuple[str, ...] = (
    "workforce", "funding", "unpaid_carers", "safeguarding", "culture", "hospital_discharge",
    "home_care", "care_homes", "learning_disability_autism", "mental_health", "dementia",
    "personalisation", "community_models", "regulation", "benefits", "reform",
)  # fmt: skip


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)  # TOML has types: "yes" is not a bool


class Organisation(_Section):
    name: str = "Our organisation"
    watch: list[str] = Field(default_factory=list, description="own names, services, area")
    values: list[str] = Field(default_factory=list, description="what the organisation stands for")
    show_handles: bool = Field(False, description="name personal handles in quotes")


class Topics(_Section):
    keywords: list[str] = Field(default_factory=lambda: ["social care", "unpaid carers"])
    hashtags: list[str] = Field(default_factory=lambda: ["socialcare", "carers"])


class Taxonomy(_Section):
    themes: list[str] = Field(default_factory=lambda: list(DEFAULT_THEMES), min_length=1)


class StoreSettings(_Section):
    url: str | None = None
    retention_days: int = Field(90, ge=1)


class HttpSettings(_Section):
    user_agent: str = "Groundswell/0.1 (care signal monitor)"
    contact: str = "set http.contact in groundswell.toml"
    timeout: float = Field(20.0, gt=0)
    max_body_bytes: int = Field(10_000_000, gt=0)
    max_retry_seconds: float = Field(120.0, ge=0)
    concurrency: int = Field(24, ge=1, le=64)  # sources at once; bench_collect.py measures it
    per_host: int = Field(4, ge=1, le=16)  # requests in flight to any one host

    @field_validator("user_agent", "contact")
    @classmethod
    def _header_text(cls, value: str) -> str:
        return header_text(value)


def header_text(value: str) -> str:
    """A value sent in an HTTP header: printable ASCII on one line (headers carry nothing else)."""
    bad = next((ch for ch in value if not " " <= ch <= "~"), None)
    if bad is not None:
        raise ValueError(f"{value[:60]!r} has {bad!r}: it is sent in an HTTP header, which takes only "
                         "printable ASCII on one line (write é as e, for example)")  # fmt: skip
    return value


class Schedule(_Section):
    timezone: str = "Europe/London"
    digest_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    digest_time: str = Field("07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    misfire_grace_hours: float = Field(12.0, gt=0)
    retention_time: str = Field("03:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class Digest(_Section):
    recipients: list[str] = Field(default_factory=list)
    outbox: str = "outbox"
    sender: str = "groundswell@localhost"
    pseudonym_salt_env: str = "GROUNDSWELL_SALT"

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            if "@" not in address or " " in address.strip():
                raise ValueError(f"{address!r} is not an email address")
        return value


class Smtp(_Section):
    host: str
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username_env: str | None = None
    password_env: str | None = None
    timeout: float = 30.0
    retries: int = Field(3, ge=0, le=10)


class SourceConfig(BaseModel):
    """One ``[[sources]]`` table. Collector-specific keys are checked by the collector."""

    model_config = ConfigDict(extra="allow", strict=True)

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    type: str
    enabled: bool = True
    interval_minutes: int = Field(60, ge=1)

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Config(_Section):
    organisation: Organisation = Field(default_factory=Organisation)
    topics: Topics = Field(default_factory=Topics)
    taxonomy: Taxonomy = Field(default_factory=Taxonomy)
    store: StoreSettings = Field(default_factory=StoreSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    schedule: Schedule = Field(default_factory=Schedule)
    digest: Digest = Field(default_factory=Digest)
    smtp: Smtp | None = None
    sources: list[SourceConfig] = Field(default_factory=list)
    path: Path | None = Field(None, exclude=True)

    @model_validator(mode="after")
    def _unique_source_names(self) -> Config:
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"two sources are named {source.name!r}; names must be unique")
            seen.add(source.name)
        return self

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def database_url(self) -> str:
        url = os.environ.get("GROUNDSWELL_DATABASE_URL") or self.store.url
        if not url:
            return f"sqlite:///{self.base_dir / 'groundswell.db'}"
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            relative = url.removeprefix("sqlite:///")
            if relative and relative != ":memory:":
                return f"sqlite:///{self.base_dir / relative}"
        return url

    @property
    def outbox_dir(self) -> Path:
        return self.base_dir / self.digest.outbox

    @property
    def pseudonym_salt(self) -> str:
        return os.environ.get(self.digest.pseudonym_salt_env) or f"groundswell:{self.organisation.name}"

    @property
    def model_dir(self) -> Path:
        env = os.environ.get("GROUNDSWELL_MODEL_DIR")
        return Path(env) if env else self.base_dir / ".groundswell" / "models"

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"{self.path}: no source named {name!r} (configured: {known})")


def secret(config: Config, env_name: str | None, key: str) -> str | None:
    """The value of the environment variable that ``key`` names, or a ConfigError."""
    if not env_name:
        return None
    value = os.environ.get(env_name)
    if value is None:
        raise ConfigError(f"{config.path}: {key} names environment variable {env_name}, which is not set")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):  # the value itself is never shown
        raise ConfigError(f"{config.path}: {key} names environment variable {env_name}, whose value holds a "
                          "line break or other control character (a file saved with Windows line endings?)")
    return value


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("GROUNDSWELL_CONFIG") or "groundswell.toml")


def key_path(loc: tuple[Any, ...]) -> str:
    """A pydantic location as the key a person would write: ``sources[0].servers[1]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


# A web address a collector fetches: the scheme, a host, and no spaces anywhere.
WEB_ADDRESS = r"^https?://[^\s/?#]+([/?#]\S*)?$"

# What a pattern means, said in words (pydantic only quotes the regular expression).
_PATTERN_WORDS = {
    r"^https?://": "must start with http:// or https://",
    WEB_ADDRESS: "must be a web address: http:// or https://, then a host name, and no spaces",
    r"^([01]\d|2[0-3]):[0-5]\d$": "must be a 24-hour time such as 07:00",
    r"^[A-Za-z0-9_.-]+$": "may use only letters, digits, '_', '.' and '-' (no spaces)",
}


def _shown(value: Any) -> str:
    """A value from the file, quoted (control characters escaped) and cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the table at ``loc`` (without its last part) accepts, for 'did you mean'."""
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        inner = _model_in(field.annotation) if field else None
        if inner is None:
            return []
        model = inner
    return [name for name in model.model_fields if name != "path"]


def describe_error(err: Any, known: list[str]) -> str:
    """One pydantic error in words a person can act on, keeping pydantic's own phrase."""
    kind, message, value = err["type"], err["msg"], err.get("input")
    loc = tuple(err["loc"])
    if loc == ("sources",) and isinstance(value, dict):
        return f"{message}: write each source as its own [[sources]] table, with two pairs of brackets"
    if len(loc) == 1 and kind in ("model_type", "dict_type"):
        return f"{message}: write it as a [{loc[0]}] table, with one pair of brackets"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(known)})" if known else ""
        return f"unknown key ({message}){hint}"
    if kind == "missing":
        return f"{message}: this key must be set"
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str((err.get("ctx") or {}).get("pattern")))
        return f"{words}, got {_shown(value)} ({message})" if words else f"{message}, got {_shown(value)}"
    if isinstance(value, str | int | float | bool) or value is None:
        return f"{message}, got {_shown(value)}"
    return message


def load_config(path: str | os.PathLike[str] | None = None, *, check_sources: bool = True) -> Config:
    """Read and validate the config; each problem names the file, the key and what is wrong."""
    file = config_path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))  # Notepad may begin it with a BOM
    except FileNotFoundError as exc:
        raise ConfigError(f"{file}: no such config file (run `groundswell init` to write one)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read: {exc}") from exc
    return config_from_dict(data, file, check_sources=check_sources)


def config_from_dict(data: dict[str, Any], file: Path | None = None, *, check_sources: bool = True) -> Config:
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = [f"{file}: {key_path(err['loc'])}: {describe_error(err, _keys_at(Config, err['loc']))}"
                    for err in exc.errors()]  # fmt: skip
        raise ConfigError("\n".join(problems)) from exc
    config.path = file.resolve() if file else None
    if check_sources:
        from .collectors import validate_source  # late import: collectors depend on config

        problems = []
        for index, source in enumerate(config.sources):
            for key, message in validate_source(source):
                problems.append(f"{file}: sources[{index}].{key}: {message}")
        if problems:
            raise ConfigError("\n".join(problems))
    return config


def starter_config() -> str:
    """The commented starter config that `groundswell init` writes."""
    return resources.files("groundswell").joinpath("data/starter.toml").read_text(encoding="utf-8")
