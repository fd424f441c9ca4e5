"""The query language: the parser (unit and property tests over random queries) and what each
term selects in a real store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.models import ArticleDraft
from reader.query import FIELDS, PHRASE, STATES, TEXT, Query, QueryError, Term, parse
from reader.storage import ArticleFilter, Store
from reader.storage import query as storage_query


# -- the parser ----------------------------------------------------------------------------------
def test_terms_of_every_kind() -> None:
    query = parse('council "Ana Ruiz" tag:news -source:"Daily Blog" unread since:2024-03-01')
    assert query.terms == (
        Term(TEXT, "council"),
        Term(PHRASE, "Ana Ruiz"),
        Term("tag", "news"),
        Term("source", "Daily Blog", negated=True),
        Term("unread"),
        Term("since", "2024-03-01"),
    )
    assert parse("-read -bookmarked noted before:2024-01-01 entity:Lisbon").terms == (
        Term("read", negated=True),
        Term("bookmarked", negated=True),
        Term("noted"),
        Term("before", "2024-01-01"),
        Term("entity", "Lisbon"),
    )
    assert parse("   ") == Query(())


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("tag:alpha colour:red", "colour:red"),
        ("since:2024-13-01", "since:2024-13-01"),
        ("before:yesterday", "before:yesterday"),
        ("unread tag:", "tag:"),
        ('good ab"cd', 'ab"cd'),
        ('"a phrase"stuck', '"a phrase"stuck'),
        ("word --double", "--double"),
        ("word -", "-"),
        ("&&", "&&"),
        ('""', '""'),
    ],
)
def test_a_bad_query_is_one_line_naming_the_bad_term(text: str, named: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    message = str(caught.value)
    assert "\n" not in message
    assert repr(named) in message


def test_an_open_quote_at_the_end_closes_there_for_search_as_you_type() -> None:
    assert parse('"ana ru').terms == (Term(PHRASE, "ana ru"),)
    assert parse('tag:"long re').terms == (Term("tag", "long re"),)


def test_states_and_fields_ignore_case_but_values_keep_it() -> None:
    assert parse("UNREAD Tag:News").terms == (Term("unread"), Term("tag", "News"))


# Random queries built from the grammar: every one prints and parses back to itself.
_safe_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters='"'
    ),
    min_size=1,
    max_size=12,
)
_words = st.from_regex(r"[A-Za-z0-9À-ÖØ-öø-ÿ]{1,8}", fullmatch=True)  # word characters only
_day = (
    st.dates()
    .map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
    .filter(lambda s: len(s) == 10)
)


def _word_term() -> st.SearchStrategy[Term]:
    return _words.filter(lambda w: w.lower() not in STATES).map(lambda w: Term(TEXT, w))


def _field_value() -> st.SearchStrategy[str]:
    spaced = st.lists(_words, min_size=1, max_size=3).map(" ".join)
    return st.one_of(spaced, _safe_text.filter(lambda v: v.split() == [v]))


_term = st.one_of(
    _word_term(),
    st.lists(_words, min_size=1, max_size=3).map(lambda ws: Term(PHRASE, " ".join(ws))),
    st.sampled_from(STATES).map(Term),
    st.builds(Term, st.sampled_from(["tag", "source", "entity"]), _field_value()),
    st.builds(Term, st.sampled_from(["since", "before"]), _day),
)
_negated_term = st.tuples(_term, st.booleans()).map(
    lambda pair: Term(pair[0].kind, pair[0].value, pair[1])
)
_queries = st.lists(_negated_term, max_size=6).map(lambda terms: Query(tuple(terms)))


@given(_queries)
def test_every_query_prints_as_text_that_parses_back_to_it(query: Query) -> None:
    assert parse(str(query)) == query


@given(st.text(max_size=40))
def test_any_text_parses_or_fails_on_one_line_and_parsing_is_stable(text: str) -> None:
    try:
        query = parse(text)
    except QueryError as error:
        message = str(error)
        assert message and "\n" not in message
        assert message.startswith("bad term ")
        return
    assert parse(str(query)) == query  # the printed form is canonical
    assert all(t.kind in (TEXT, PHRASE, *FIELDS, *STATES) for t in query.terms)


# -- in a store ------------------------------------------------------------------------------
@pytest.fixture
def stocked(data_dir: Path) -> Iterator[Store]:
    """Two tagged feeds and a local source, with read, bookmarked and noted articles."""
    with Store.open(data_dir) as store:
        news = store.sources.add("feed", "http://example.org/news", "Daily News", ["news"])
        blog = store.sources.add("feed", "http://example.org/blog", "Daily Blog", ["blog"])
        store.articles.upsert_many(
            news.id,
            [
                ArticleDraft(
                    "Harbour bridge approved",
                    "Mayor Ana Ruiz opened it.",
                    guid="n1",
                    published="2024-03-02",
                ),
                ArticleDraft(
                    "Council budget",
                    "The council met on Tuesday.",
                    guid="n2",
                    published="2024-02-10",
                ),
            ],
        )
        store.articles.upsert_many(
            blog.id,
            [
                ArticleDraft(
                    "Ruiz Ana and the harbour",
                    "Words in another order.",
                    guid="b1",
                    published="2024-03-05",
                ),
                ArticleDraft("Festival", "Music all week.", guid="b2", published="2024-01-15"),
            ],
        )
        ids = {row.title: row.id for row in store.articles.rows()}
        store.articles.set_read([ids["Council budget"]], True)
        store.bookmarks.toggle(ids["Festival"])
        store.notes.add(ids["Council budget"], "budget note")
        yield store


def titles(store: Store, text: str) -> list[str]:
    return sorted(row.title for row in store.articles.rows(ArticleFilter(query=parse(text))))


def test_each_term_selects_what_it_says(stocked: Store) -> None:
    assert titles(stocked, "harbour") == ["Harbour bridge approved", "Ruiz Ana and the harbour"]
    assert titles(stocked, '"Ana Ruiz"') == ["Harbour bridge approved"]
    assert titles(stocked, "tag:news") == ["Council budget", "Harbour bridge approved"]
    assert titles(stocked, 'source:"daily blog"') == ["Festival", "Ruiz Ana and the harbour"]
    blog = next(s for s in stocked.sources.all() if s.title == "Daily Blog")
    assert titles(stocked, f"source:{blog.id}") == titles(stocked, "source:http://example.org/blog")
    assert titles(stocked, "read") == ["Council budget"]
    assert len(titles(stocked, "unread")) == 3
    assert titles(stocked, "bookmarked") == ["Festival"]
    assert titles(stocked, "noted") == ["Council budget"]
    assert titles(stocked, "since:2024-03-02") == [
        "Harbour bridge approved",
        "Ruiz Ana and the harbour",
    ]
    assert titles(stocked, "before:2024-02-10") == ["Festival"]
    assert titles(stocked, "harbour -tag:blog") == ["Harbour bridge approved"]
    assert titles(stocked, '-"Ana Ruiz" unread -bookmarked') == ["Ruiz Ana and the harbour"]


def test_entity_terms_wait_for_the_entity_index(stocked: Store) -> None:
    with pytest.raises(QueryError, match="entity: needs the entity index"):
        titles(stocked, "entity:Lisbon")
    storage_query.set_entity_matcher(lambda name: ("a.title LIKE ?", [f"%{name}%"]))
    try:
        assert titles(stocked, "entity:Festival") == ["Festival"]
    finally:
        storage_query.set_entity_matcher(None)


def test_search_ranks_full_text_and_filters_by_the_other_terms(stocked: Store) -> None:
    found = [row.title for row in stocked.articles.search("harbour tag:news")]
    assert found == ["Harbour bridge approved"]
    assert [row.title for row in stocked.articles.search("harb")] != []  # prefix as you type
    assert [row.title for row in stocked.articles.search("bookmarked")] == ["Festival"]


_no_entities = st.lists(_negated_term.filter(lambda t: t.kind != "entity"), max_size=5).map(
    lambda terms: Query(tuple(terms))
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_no_entities, term=_negated_term.filter(lambda t: t.kind != "entity"))
def test_any_query_runs_and_a_term_and_its_negation_split_the_articles(
    stocked: Store, query: Query, term: Term
) -> None:
    try:
        stocked.articles.count(ArticleFilter(query=query))
    except sqlite3.Error as error:  # pragma: no cover - the property under test
        pytest.fail(f"{query}: {error}")
    opposite = Term(term.kind, term.value, not term.negated)
    with_term = stocked.articles.count(ArticleFilter(query=Query((*query.terms, term))))
    without = stocked.articles.count(ArticleFilter(query=Query((*query.terms, opposite))))
    assert with_term + without == stocked.articles.count(ArticleFilter(query=query))
