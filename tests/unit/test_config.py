from pathlib import Path

import pytest

from reader.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_default_config_gives_defaults() -> None:
    settings = load_settings()
    assert settings == Settings()
    assert settings.fetch.concurrency == 8


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path / "nope.toml")


def test_env_variable_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "[fetch]\nconcurrency = 3\n")
    monkeypatch.setenv("READER_CONFIG", str(path))
    assert load_settings().fetch.concurrency == 3


def test_example_config_is_valid_and_documents_every_section() -> None:
    settings = load_settings(ROOT / "config.example.toml")
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    for section in (
        "[[feeds]]",
        "[fetch]",
        "[storage]",
        "[analysis]",
        "[keys]",
        "[ui]",
        "[export]",
    ):
        assert section in text
    assert settings.feeds, "the example shows at least one feed"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\nconcurency = 3\n", "unknown key 'fetch.concurency'"),
        ("[fetch]\nconcurrency = 'many'\n", "fetch.concurrency: expected an integer"),
        ("[fetch]\ntimeout = true\n", "fetch.timeout: expected a number"),
        ("[[feeds]]\ntitle = 'x'\n", "missing required key 'feeds[0].url'"),
        ("[[feeds]]\nurl = 'http://a'\ntags = 'x'\n", "feeds[0].tags: expected a list"),
        ("[keys]\nquit = 3\n", "keys.quit: expected a string"),
        ("fetch = [\n", "invalid TOML"),
        ("[analysis]\nbackend = 'gpt'\n", "analysis.backend: expected one of"),
    ],
)
def test_bad_config_names_file_key_and_expectation(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_data_dir_from_config(tmp_path: Path) -> None:
    path = write(tmp_path, f"[storage]\ndata_dir = '{tmp_path / 'd'}'\n")
    assert load_settings(path).data_dir() == tmp_path / "d"
    assert load_settings(path).data_dir(tmp_path / "x") == tmp_path / "x"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\nreload_minutes = 'soon'\n", "fetch.reload_minutes: expected an integer"),
        ("[fetch]\nreload_minutes = -5\n", "fetch.reload_minutes: expected a number of 0 or more"),
        ("[ui]\nplayer = 3\n", "ui.player: expected a string"),
        ("[[queries]]\nname = 'x'\nquery = 'tag:a colour:red'\n", "queries[0].query: bad term 'colour:red'"),
        ("[[queries]]\nname = 'x'\n", "missing required key 'queries[0].query'"),
        ("[[queries]]\nname = ''\nquery = 'unread'\n", "queries[0].name: expected a name"),
        (
            "[[queries]]\nname = 'a'\nquery = 'unread'\n[[queries]]\nname = 'a'\nquery = 'read'\n",
            "queries[1].name: 'a' is given twice",
        ),
        ("[[ignore]]\nquery = 'since:soon'\n", "ignore[0].query: bad term 'since:soon'"),
        ("[[ignore]]\nquery = ' '\n", "ignore[0].query: expected a query"),
        ("[keys]\npreset = 'vim'\n", "keys.preset: expected one of newsboat"),
        ("[keys]\npreset = 'newsboat'\nquit = 'n'\n", "keys: 'n' would be both"),
    ],
)
def test_parity_keys_are_checked_like_every_other(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_reload_queries_ignore_and_player_load(tmp_path: Path) -> None:
    settings = load_settings(
        write(
            tmp_path,
            "[fetch]\nreload_minutes = 30\n[ui]\nplayer = 'mpv {url}'\n"
            "[[queries]]\nname = 'Unread news'\nquery = 'tag:news unread'\n"
            "[[ignore]]\nquery = 'tag:beta'\n",
        )
    )
    assert settings.fetch.reload_minutes == 30
    assert settings.ui.player == "mpv {url}"
    assert [(q.name, q.query) for q in settings.queries] == [("Unread news", "tag:news unread")]
    assert [str(rule) for rule in settings.ignore_rules()] == ["tag:beta"]


def test_the_newsboat_preset_maps_keys_and_keeps_notes_reachable(tmp_path: Path) -> None:
    keys = load_settings(write(tmp_path, "[keys]\npreset = 'newsboat'\nbookmark = 'ctrl+d'\n")).keys
    assert keys["next_unread"] == "n" and keys["previous_unread"] == "p"
    assert keys["toggle_read"] == "N"
    assert keys["notes"] and keys["notes"] != "n"  # notes moved, not lost
    assert keys["bookmark"] == "ctrl+d"  # the file's own entries win over the preset
    assert "preset" not in keys
