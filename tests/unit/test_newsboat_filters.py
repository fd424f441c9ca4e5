"""newsboat's filter expressions in reader's query language, exactly or not at all."""

from __future__ import annotations

import pytest

from reader.query import parse
from reader.sources.newsboat import read_urls
from reader.sources.newsboat_filters import Untranslatable, query_line, read_config, translate


@pytest.mark.parametrize(
    ("expression", "query"),
    [
        ('unread = "yes"', "unread"),
        ('unread != "yes"', "read"),
        ('unread = "no" and tags # "tech"', "read tag:tech"),
        ('tags !# "long reads"', '-tag:"long reads"'),
        ('( feedtitle = "Daily News" ) and unread = "yes"', 'source:"Daily News" unread'),
        ('feedurl != "https://a.example/rss"', "-source:https://a.example/rss"),
    ],
)
def test_what_translates(expression: str, query: str) -> None:
    assert translate(expression) == query
    parse(query)


@pytest.mark.parametrize(
    ("expression", "why"),
    [
        ('unread = "yes" or tags # "x"', "'or'"),
        ('title =~ "brexit"', "regular expressions"),
        ("age < 3", "no such condition"),
        ('author = "Ann"', "no such condition"),
        ('tags # "x" and', "cannot read"),
    ],
)
def test_what_does_not_translate_says_why(expression: str, why: str) -> None:
    with pytest.raises(Untranslatable, match=why):
        translate(expression)


def test_query_lines_and_ignore_article_lines() -> None:
    listing = read_urls('"query:Tech unread:unread = \\"yes\\" and tags # \\"tech\\""\n')
    assert [query_line(entry) for _, entry in listing.queries] == [
        ("Tech unread", 'unread = "yes" and tags # "tech"')
    ]
    found = read_config(
        "reload-threads 8\n"
        'ignore-article "*" "tags # \\"beta\\""\n'
        'ignore-article "https://a.example/rss" "unread = \\"no\\""\n'
        'ignore-article "*" "title =~ \\"sponsored\\""\n'
    )
    assert found.ignores == [(2, "tag:beta"), (3, "source:https://a.example/rss read")]
    assert [(n, why) for n, _, why in found.skipped] == [
        (4, "'title =~ \"sponsored\"': reader has full-text words, not regular expressions")
    ]
