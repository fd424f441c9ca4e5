"""Finding a site's feeds from its HTML: `<link rel="alternate">` tags, as browsers do."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from reader.sources.text import clean_line, clean_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)


@dataclass(slots=True, frozen=True)
class FeedLink:
    url: str
    title: str
    type: str


def feed_links(html: str, base_url: str) -> list[FeedLink]:
    """Every alternate feed link in document order, made absolute; duplicates dropped."""
    from selectolax.lexbor import LexborHTMLParser

    from reader.sources.htmltext import cap_depth

    tree = LexborHTMLParser(cap_depth(html))
    links: list[FeedLink] = []
    seen: set[str] = set()
    for node in tree.css("link[rel][href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = clean_url(urljoin(base_url, clean_url(node.attributes.get("href") or "")))
        if url in seen:
            continue
        seen.add(url)
        links.append(FeedLink(url, clean_line(node.attributes.get("title") or ""), kind))
    return links
