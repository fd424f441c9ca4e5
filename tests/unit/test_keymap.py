"""`[keys]` is checked when the config loads: unknown binding ids and one key given two meanings
stop reader with the usual one-line config error, naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import ConfigError, load_settings
from reader.keymap import DEFAULT_KEYS, clashes
from tests.conftest import run_reader


def config(tmp_path: Path, keys: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[keys]\n{keys}\n", encoding="utf-8")
    return path


def test_a_key_taken_from_another_binding_is_refused(tmp_path: Path) -> None:
    path = config(tmp_path, 'search = "q"')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert str(path) in message and "'q'" in message
    assert "quit" in message and "search" in message
    assert "\n" not in message


def test_an_unknown_binding_id_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"keys\.serch: unknown binding id.*'search'"):
        load_settings(config(tmp_path, 'serch = "ctrl+k"'))


def test_a_key_given_as_a_character_is_named_as_textual_names_it(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, 'quote = ">"\nsearch = "/, ctrl+k"'))
    assert settings.keys == {"quote": "greater_than_sign", "search": "slash,ctrl+k"}


def test_moving_a_key_away_first_frees_it(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, 'quit = "ctrl+q"\nsearch = "q"'))
    assert settings.keys == {"quit": "ctrl+q", "search": "q"}


def test_keys_that_never_meet_may_be_shared() -> None:
    # the list and the article both move with j/k; marks take n from notes while shown
    assert clashes({}) == []
    assert DEFAULT_KEYS["list_down"] == DEFAULT_KEYS["article_down"]


def test_list_and_app_keys_clash(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'b' would be both bookmark and list_down"):
        load_settings(config(tmp_path, 'list_down = "b"'))


def test_cli_stops_with_status_2_on_a_key_conflict(tmp_path: Path) -> None:
    path = config(tmp_path, 'search = "q"')
    result = run_reader("--config", str(path), "list")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "'q'" in result.stderr


def test_the_example_configs_key_lines_load_when_uncommented(tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parents[2] / "config.example.toml").read_text("utf-8")
    section = example.split("[keys]\n", 1)[1].split("\n[", 1)[0]
    lines = [line.lstrip("# ").split("  #")[0] for line in section.splitlines() if "=" in line]
    settings = load_settings(config(tmp_path, "\n".join(lines)))
    assert set(settings.keys) <= set(DEFAULT_KEYS) and len(settings.keys) == len(lines)


def test_the_readme_keys_table_names_every_binding_id() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    table = readme.split("## Keys", 1)[1].split("\n## ", 1)[0]
    first_column = " ".join(
        line.split("|")[1] for line in table.splitlines() if line.startswith("| ")
    )
    named = set(first_column.replace(",", " ").replace("/", " ").split())
    assert set(DEFAULT_KEYS) - named == set()
