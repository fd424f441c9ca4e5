"""Typed settings read from TOML.

Every key is declared once, in the dataclasses below; an unknown key or a value of the wrong type
stops with a message naming the file, the key and what was expected.
"""

from __future__ import annotations

import difflib
import string
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader import keymap, locations, query


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the key or line."""


@dataclass(slots=True)
class FeedConfig:
    url: str
    title: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FetchConfig:
    concurrency: int = 8
    per_host: int = 2
    timeout: float = 20.0
    max_size: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = ""
    reload_minutes: int = 0  # refresh every feed this often while the app is open; 0 = never


@dataclass(slots=True)
class StorageConfig:
    data_dir: str = ""
    keep_days: int = 0  # 0 keeps every article; bookmarked and noted ones are always kept


@dataclass(slots=True)
class AnalysisConfig:
    backend: str = "spacy"
    enabled: bool = True
    background: bool = True  # analyse and index new articles in worker processes

    @property
    def active(self) -> bool:
        """Whether anything is analysed: turned on, with a real backend."""
        return self.enabled and self.backend != "none"


@dataclass(slots=True)
class UIConfig:
    theme: str = "textual-dark"
    browser: str = ""  # a command; "{url}" is replaced by the link, else it is appended
    player: str = ""  # a command for enclosures (podcasts), like browser; "" uses browser's way
    unread_only: bool = False


@dataclass(slots=True)
class ExportConfig:
    notes_dir: str = ""
    file_name: str = "{date}-{slug}.md"


@dataclass(slots=True)
class SyncConfig:
    service: str = ""  # "" (off), "greader" or "miniflux"
    url: str = ""
    user: str = ""
    password: str = ""
    password_command: str = ""  # a command whose output is the password
    token: str = ""  # Miniflux API token (instead of user and password)

    @property
    def enabled(self) -> bool:
        return bool(self.service)


SYNC_SERVICES = ("greader", "miniflux")


@dataclass(slots=True)
class SavedQueryConfig:
    """A query shown as a source in the app's sources pane."""

    name: str
    query: str


@dataclass(slots=True)
class IgnoreConfig:
    """Articles this query matches are hidden everywhere, and kept."""

    query: str


@dataclass(slots=True)
class Settings:
    feeds: list[FeedConfig] = field(default_factory=list)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    analysis: AnalysisConfig = field(default_factory=AnalysisConfig)
    ui: UIConfig = field(default_factory=UIConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    keys: dict[str, str] = field(default_factory=dict)
    sync: SyncConfig = field(default_factory=SyncConfig)
    queries: list[SavedQueryConfig] = field(default_factory=list)
    ignore: list[IgnoreConfig] = field(default_factory=list)
    path: Path | None = None  # the file these came from, if any

    def ignore_rules(self) -> list[query.Query]:
        """The `[[ignore]]` queries, parsed (load_settings has checked that they parse)."""
        return [query.parse(rule.query) for rule in self.ignore]

    def data_dir(self, override: Path | None = None) -> Path:
        if override is not None:
            return override
        if self.storage.data_dir:
            return Path(self.storage.data_dir).expanduser()
        return locations.default_data_dir()


ANALYSIS_BACKENDS = ("spacy", "none")


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path` (or the usual places); defaults when no file exists there."""
    config_path = locations.config_file(path)
    explicit = path is not None
    if not config_path.exists():
        if explicit:
            raise ConfigError(f"{config_path}: no such config file")
        return Settings()
    try:
        raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{config_path}: invalid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_path}: cannot read: {error}") from None
    settings: Settings = _build(Settings, raw, config_path, "")
    settings.path = config_path
    if settings.analysis.backend not in ANALYSIS_BACKENDS:
        raise ConfigError(
            f"{config_path}: analysis.backend: expected one of {', '.join(ANALYSIS_BACKENDS)},"
            f" got {settings.analysis.backend!r}"
        )
    settings.keys = _checked_keys(settings.keys, config_path)
    _check_sync(settings.sync, config_path)
    _check_values(settings, config_path)
    _check_queries(settings, config_path)
    return settings


# Values the types allow but reader cannot work with: with timeout = 0 every feed fails.
POSITIVE: dict[str, typing.Callable[[Settings], float]] = {
    "fetch.timeout": lambda s: s.fetch.timeout,
    "fetch.concurrency": lambda s: s.fetch.concurrency,
    "fetch.per_host": lambda s: s.fetch.per_host,
    "fetch.max_size": lambda s: s.fetch.max_size,
}
EXPORT_NAME_FIELDS = ("date", "slug", "id", "source")


def _check_values(settings: Settings, file: Path) -> None:
    for key, value_of in POSITIVE.items():
        if not value_of(settings) > 0:
            raise ConfigError(f"{file}: {key}: expected more than 0, got {value_of(settings)}")
    for index, feed in enumerate(settings.feeds):
        problem = feed_url_problem(feed.url)
        if problem:
            raise ConfigError(f"{file}: feeds[{index}].url: {problem}, got {feed.url!r}")
    problem = file_name_problem(settings.export.file_name)
    if problem:
        raise ConfigError(f"{file}: export.file_name: {problem}")


def feed_url_problem(url: str) -> str | None:
    """Why `url` cannot be a feed (as `reader add` would refuse it), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        return f"not a valid address ({error})"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "expected an http or https address"
    return None


def file_name_problem(pattern: str) -> str | None:
    """Why `pattern` is not a file-name pattern of the documented fields, or None. Only plain
    `{field}` and `{field:spec}` are allowed: `{slug.__class__}` reads attributes."""
    allowed = ", ".join(f"{{{name}}}" for name in EXPORT_NAME_FIELDS)
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        return f"not a valid pattern ({error}); use {allowed}"
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in EXPORT_NAME_FIELDS or conversion or "{" in (spec or ""):
            return f"unknown field {name!r}; use {allowed}"
    return None


def _check_queries(settings: Settings, file: Path) -> None:
    """Saved queries and ignore rules must parse, so a typo stops at start, naming the rule."""
    rules = [(f"queries[{n}]", saved.query) for n, saved in enumerate(settings.queries)]
    rules += [(f"ignore[{n}]", rule.query) for n, rule in enumerate(settings.ignore)]
    for where, text in rules:
        error = query.check(text) if text.strip() else "expected a query, got ''"
        if error:
            raise ConfigError(f"{file}: {where}.query: {error}")
    names = [q.name for q in settings.queries]
    for n, name in enumerate(names):
        if not name.strip():
            raise ConfigError(f"{file}: queries[{n}].name: expected a name, got ''")
        if name in names[:n]:
            raise ConfigError(f"{file}: queries[{n}].name: {name!r} is given twice")


def _checked_keys(keys: dict[str, str], file: Path) -> dict[str, str]:
    """`[keys]` in Textual's key names, refusing unknown ids and one key meaning two things."""
    keys = dict(keys)
    preset = keys.pop("preset", "")
    if preset and preset not in keymap.PRESETS:
        raise ConfigError(
            f"{file}: keys.preset: expected one of {', '.join(keymap.PRESETS)}, got {preset!r}"
        )
    # the preset's keys first, so the file's own entries win over them
    keys = {**keymap.PRESETS.get(preset, {}), **keys}
    checked: dict[str, str] = {}
    for binding_id, value in keys.items():
        if binding_id not in keymap.DEFAULT_KEYS:
            close = difflib.get_close_matches(binding_id, keymap.DEFAULT_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (`?` in reader lists them)"
            raise ConfigError(f"{file}: keys.{binding_id}: unknown binding id{hint}")
        checked[binding_id] = keymap.normalise(value)
        if not checked[binding_id]:
            raise ConfigError(f"{file}: keys.{binding_id}: expected one or more keys, got ''")
    found = keymap.clashes(checked)
    if found:
        key, first, second = found[0]
        raise ConfigError(
            f"{file}: keys: '{key}' would be both {first} and {second}; give one of them"
            " another key"
        )
    return checked


def _check_sync(sync: SyncConfig, file: Path) -> None:
    if not sync.service:
        return
    if sync.service not in SYNC_SERVICES:
        raise ConfigError(
            f"{file}: sync.service: expected one of {', '.join(SYNC_SERVICES)},"
            f" got {sync.service!r}"
        )
    if not sync.url.startswith(("http://", "https://")):
        raise ConfigError(f"{file}: sync.url: expected an http(s) URL, got {sync.url!r}")
    has_password = bool(sync.password or sync.password_command)
    if sync.service == "greader" and not (sync.user and has_password):
        raise ConfigError(
            f"{file}: sync: the greader service needs sync.user and sync.password"
            " (or sync.password_command)"
        )
    if sync.service == "miniflux" and not (sync.token or (sync.user and has_password)):
        raise ConfigError(
            f"{file}: sync: the miniflux service needs sync.token, or sync.user and"
            " sync.password (or sync.password_command)"
        )


def _build(cls: type[Any], raw: Any, file: Path, prefix: str) -> Any:
    where = prefix.rstrip(".") or "top level"
    if not isinstance(raw, dict):
        raise ConfigError(f"{file}: {where}: expected a table, got {_kind(raw)}")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if f.name != "path"}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            allowed = ", ".join(sorted(known))
            raise ConfigError(f"{file}: unknown key '{prefix}{key}' (expected one of: {allowed})")
        values[key] = _convert(hints[key], value, file, f"{prefix}{key}")
    for name, spec in known.items():
        if name not in values and spec.default is MISSING and spec.default_factory is MISSING:
            raise ConfigError(f"{file}: {where}: missing required key '{prefix}{name}'")
    return cls(**values)


def _convert(hint: Any, value: Any, file: Path, key: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{file}: {key}: expected a list, got {_kind(value)}")
        return [_convert(item_hint, item, file, f"{key}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        if not isinstance(value, dict):
            raise ConfigError(f"{file}: {key}: expected a table, got {_kind(value)}")
        return {k: _convert(value_hint, v, file, f"{key}.{k}") for k, v in value.items()}
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value, file, key)
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        return _build(hint, value, file, f"{key}.")
    expected = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, bool):
        raise ConfigError(f"{file}: {key}: expected an integer, got {_kind(value)}")
    if not isinstance(value, hint):
        raise ConfigError(f"{file}: {key}: expected {expected.get(hint, hint)}, got {_kind(value)}")
    if hint in (int, float) and value < 0:
        raise ConfigError(f"{file}: {key}: expected a number of 0 or more, got {value}")
    return value


def _kind(value: Any) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
    }
    return f"{names.get(type(value), type(value).__name__)} ({value!r})"[:120]
