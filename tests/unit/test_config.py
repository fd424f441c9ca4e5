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
