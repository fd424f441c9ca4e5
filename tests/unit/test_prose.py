"""Article bodies as a person reads them: glued sentences apart, bylines and promotion out."""

from __future__ import annotations

from reader.sources.extract import extract_article
from reader.sources.feedparse import parse_feed
from reader.sources.prose import readable_body

STORY = "Officials said the bridge would reopen in May after repairs to its northern span."


def test_sentences_glued_by_markup_are_set_apart() -> None:
    assert readable_body("He left on Wednesday.The police came.") == (
        "He left on Wednesday. The police came."
    )
    # initials and abbreviations stay whole
    assert readable_body("J.K. Rowling and U.S. officials met.") == (
        "J.K. Rowling and U.S. officials met."
    )


def test_leading_bylines_and_trailing_promotion_are_left_out() -> None:
    body = "\n\n".join(
        [
            "HARBOUR TIMES STAFF",
            "NOVEMBER 18, 2019 20:00",
            STORY,
            "Listen to the evening show live at 18:00 weekdays - or listen back here.",
            "Follow us on Twitter for more.",
            "The post Bridge to reopen appeared first on Harbour Times.",
        ]
    )
    assert readable_body(body) == STORY


def test_story_paragraphs_that_start_like_promotion_are_kept() -> None:
    body = "\n\n".join(
        [
            STORY,
            "Video games were banned from the terminal in 2019.",
            "Listen to the voters, the mayor said on Tuesday.",
            "Copyright lawyers for the builder declined to comment.",
        ]
    )
    assert readable_body(body) == body


def test_a_body_that_is_only_boilerplate_is_kept_whole() -> None:
    assert readable_body("Read more:") == "Read more:"


def test_feed_entries_and_pages_go_through_it() -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><guid>1</guid><title>Bridge</title><description><![CDATA["
        f"<p>BY A STAFF REPORTER</p><p><span>{STORY}</span><span>The work cost less.</span></p>"
        "<p>Sign up for our free newsletter.</p>]]></description></item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(rss, {}, "https://x.example/feed").entries
    assert entry.text == f"{STORY} The work cost less."
    filler = " ".join([STORY] * 4)
    page = (
        "<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>"
        f"<p>{filler}</p><p>Subscribe to our newsletter for updates.</p></article></body></html>"
    )
    extracted = extract_article(page, "https://x.example/a")
    assert extracted is not None
    assert "newsletter" not in extracted.text and STORY in extracted.text
