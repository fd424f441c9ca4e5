"""The query language, ignore rules, enclosures and newsboat imports from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from reader.models import ArticleDraft, Enclosure
from reader.storage import Store
from tests.conftest import run_reader


def stock(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        alpha = store.sources.add("feed", "http://example.org/a", "Alpha", ["alpha"])
        beta = store.sources.add("feed", "http://example.org/b", "Beta", ["beta"])
        store.articles.upsert_many(
            alpha.id,
            [
                ArticleDraft(
                    "Harbour opens", "Mayor Ana Ruiz spoke.", guid="a1", published="2024-03-01"
                ),
                ArticleDraft("Budget", "Numbers.", guid="a2", published="2024-02-01"),
            ],
        )
        store.articles.upsert_many(
            beta.id,
            [
                ArticleDraft(
                    "Episode",
                    "Talk.",
                    guid="b1",
                    enclosures=[Enclosure("https://example.org/e.mp3", "audio/mpeg", 42)],
                )
            ],
        )


def titles(result: object) -> list[str]:
    return sorted(row["title"] for row in json.loads(result.stdout))  # type: ignore[attr-defined]


def test_list_query_search_and_a_bad_term(data_dir: Path) -> None:
    stock(data_dir)
    assert titles(run_reader("list", "--query", "tag:alpha", "--json", data_dir=data_dir)) == [
        "Budget",
        "Harbour opens",
    ]
    assert titles(
        run_reader("list", "--query", '"Ana Ruiz" -since:2024-03-02', "--json", data_dir=data_dir)
    ) == ["Harbour opens"]
    assert titles(run_reader("search", "harbour", "tag:alpha", "--json", data_dir=data_dir)) == [
        "Harbour opens"
    ]
    bad = run_reader("list", "--query", "tag:alpha colour:red", data_dir=data_dir)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "'colour:red'" in bad.stderr
    assert run_reader("search", "since:soon", data_dir=data_dir).returncode == 2
    entity = run_reader("list", "--query", "entity:Lisbon", data_dir=data_dir)
    assert entity.returncode == 2 and "entity: needs the entity index" in entity.stderr


def test_ignore_rules_and_list_ignored(data_dir: Path, tmp_path: Path) -> None:
    stock(data_dir)
    config = tmp_path / "config.toml"
    config.write_text('[[ignore]]\nquery = "tag:beta"\n', encoding="utf-8")
    base = ["--config", str(config)]
    assert titles(run_reader(*base, "list", "--json", data_dir=data_dir)) == [
        "Budget",
        "Harbour opens",
    ]
    assert titles(run_reader(*base, "list", "--ignored", "--json", data_dir=data_dir)) == [
        "Episode"
    ]
    feeds = json.loads(run_reader(*base, "feeds", "--json", data_dir=data_dir).stdout)
    assert {f["title"]: f["articles"] for f in feeds} == {"Alpha": 2, "Beta": 0}
    assert titles(run_reader("list", "--json", data_dir=data_dir)) == [
        "Budget",
        "Episode",
        "Harbour opens",
    ]  # without the rule everything is there: nothing was deleted


def test_show_json_has_the_enclosures(data_dir: Path) -> None:
    stock(data_dir)
    (row,) = json.loads(
        run_reader("list", "--query", "Episode", "--json", data_dir=data_dir).stdout
    )
    shown = json.loads(run_reader("show", str(row["id"]), "--json", data_dir=data_dir).stdout)
    assert shown["enclosures"] == [
        {"url": "https://example.org/e.mp3", "type": "audio/mpeg", "length": 42}
    ]
    text = run_reader("show", str(row["id"]), data_dir=data_dir).stdout
    assert "Media:  https://example.org/e.mp3 (audio/mpeg, 42 bytes)" in text


def test_import_newsboat_saves_queries_and_prints_ignore_rules(
    data_dir: Path, tmp_path: Path
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        "https://a.example/feed tech\n"
        '"query:Tech unread:unread = \\"yes\\" and tags # \\"tech\\""\n'
        '"query:Regex:title =~ \\"^Breaking\\""\n',
        encoding="utf-8",
    )
    newsboat_config = tmp_path / "newsboat-config"
    newsboat_config.write_text(
        'ignore-article "*" "tags # \\"beta\\""\nignore-article "*" "age > 30"\n', encoding="utf-8"
    )
    result = run_reader(
        "import-newsboat", str(urls), "--newsboat-config", str(newsboat_config), data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    assert "Saved query 'Tech unread': unread tag:tech" in result.stdout
    assert ":3: skipped query" in result.stderr and "regular expressions" in result.stderr
    assert "urls:2: skipped" not in result.stderr  # the translated query is not reported skipped
    assert '[[ignore]]  # newsboat-config:1\nquery = "tag:beta"' in result.stdout
    assert "newsboat-config:2: skipped" in result.stderr
    with Store.open(data_dir) as store:
        from reader.saved import stored

        assert stored(store) == [("Tech unread", "unread tag:tech")]


def test_an_ignore_rule_the_database_cannot_answer_stops_with_the_file(
    data_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[ignore]]\nquery = "entity:Lisbon"\n', encoding="utf-8")
    result = run_reader("--config", str(config), "list", data_dir=data_dir)
    assert result.returncode == 2
    assert f"{config}: ignore: entity: needs the entity index" in result.stderr
