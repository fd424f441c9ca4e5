"""Main text of a web page (HTML files on disk and full-text fetch), through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.sources.htmltext import cap_depth
from reader.sources.prose import readable_body
from reader.sources.text import clean_line, clean_text, clean_url, tidy_paragraphs

# A character reference to a control character ("&#27;", "&#x1b;"): lxml refuses the whole
# page for one, so a hostile page would never extract. They mean nothing readable: drop them.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _drop_control_reference(match: re.Match[str]) -> str:
    code = int(match[1], 16) if match[1] else int(match[2])
    control = (code < 32 and code not in (9, 10, 13)) or code == 127  # &#150; is a dash in HTML
    return "" if control else match[0]


def _without_control_references(html: str) -> str:
    return _REFERENCE.sub(_drop_control_reference, html) if "&#" in html else html


@dataclass(slots=True)
class ExtractedPage:
    title: str
    text: str
    author: str | None
    date: str | None
    url: str | None
    site_name: str | None


def extract_article(html: str, url: str | None) -> ExtractedPage | None:
    """The article as a person reads it: no menus, share buttons or related-story lists."""
    import trafilatura

    html = cap_depth(clean_text(_without_control_references(html)))
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=True,
        # Only dates the page states about itself; no guessing from the URL or the copyright line.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    raw_text = data.get("text") or ""
    # trafilatura puts one paragraph per line; reader keeps a blank line between paragraphs.
    paragraphs = [" ".join(line.split()) for line in clean_text(raw_text).split("\n")]
    text = readable_body(tidy_paragraphs("\n\n".join(p for p in paragraphs if p)))
    return ExtractedPage(
        title=clean_line(data.get("title") or ""),
        text=text,
        author=clean_line(data.get("author") or "") or None,
        date=clean_line(data.get("date") or "") or None,
        url=clean_url(data.get("url") or "") or url,
        site_name=clean_line(data.get("sitename") or "") or None,
    )
