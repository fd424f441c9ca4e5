"""The whole article from its page, when the feed carried only a summary: fetched through the
same polite client, extracted with trafilatura, stored so it reads offline."""

from __future__ import annotations

import asyncio

from reader.config import FetchConfig
from reader.models import Article
from reader.sources.extract import extract_article
from reader.sources.http import Fetcher, FetchError
from reader.storage import Store

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class FullTextError(Exception):
    """The page could not be fetched or held no article text; the message says why."""


async def _fetch_page(url: str, settings: FetchConfig) -> tuple[str, str]:
    async with Fetcher(settings) as fetcher:
        response = await fetcher.get(url, accept=PAGE_ACCEPT)
    charset = "utf-8"
    content_type = response.headers.get("content-type", "")
    if "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip() or "utf-8"
    try:
        html = response.body.decode(charset, errors="replace")
    except LookupError:
        html = response.body.decode("utf-8", errors="replace")
    return html, response.url


def fetch_full_text(store: Store, article: Article, settings: FetchConfig) -> Article:
    """Replace the article's text with its page's main text; returns the stored article."""
    if not article.link:
        raise FullTextError(f"article {article.id} has no link to fetch")
    try:
        html, final_url = asyncio.run(_fetch_page(article.link, settings))
    except FetchError as error:
        raise FullTextError(f"{article.link}: {error}") from None
    page = extract_article(html, final_url)
    if page is None or len(page.text) < 40:
        raise FullTextError(f"{article.link}: no article text found on the page")
    if len(page.text) <= len(article.text):
        # the feed already had at least as much: keep it, it is the publisher's own text
        return article
    store.articles.replace_text(article.id, page.text, article.content)
    updated = store.articles.get(article.id)
    assert updated is not None
    return updated
