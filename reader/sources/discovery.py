"""Finding a site's feeds from its HTML: `<link rel="alternate">` tags, as browsers do."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

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

    tree = LexborHTMLParser(html)
    links: list[FeedLink] = []
    seen: set[str] = set()
    for node in tree.css("link[rel][href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = urljoin(base_url, (node.attributes.get("href") or "").strip())
        if url in seen:
            continue
        seen.add(url)
        links.append(FeedLink(url, (node.attributes.get("title") or "").strip(), kind))
    return links
