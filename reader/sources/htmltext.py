"""Feed HTML to readable plain text, as a terminal shows it.

Paragraphs, headings, lists and quotes are kept; links are numbered and listed under the text (as
newsboat does); images are listed by alt text and URL; scripts, styles and tracking pixels go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.sources.text import clean_text, tidy_paragraphs

_DROPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "address",
    "center",
    "details",
    "summary",
    "pre",
    "hr",
    "body",
    "html",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class _Output:
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)

    def block_break(self) -> None:
        self.parts.append("\n\n")

    def line_break(self) -> None:
        self.parts.append("\n")


def _is_tracking_pixel(node: LexborNode) -> bool:
    attrs = node.attributes
    for name in ("width", "height"):
        value = (attrs.get(name) or "").strip().rstrip("px")
        if value in {"0", "1"}:
            return True
    return False


def _link_number(out: _Output, href: str) -> int:
    if href in out.links:
        return out.links.index(href) + 1
    out.links.append(href)
    return len(out.links)


def _walk(node: LexborNode, out: _Output, depth: int, in_pre: bool) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag or ""
        if tag == "-text":
            text = child.text_content or ""
            out.parts.append(text if in_pre else _spaced(text))
            continue
        if tag in _DROPPED or tag.startswith("-"):
            continue
        if tag == "br":
            out.line_break()
        elif tag == "img":
            if not _is_tracking_pixel(child):
                src = child.attributes.get("src") or ""
                alt = " ".join((child.attributes.get("alt") or "").split())
                if src:
                    out.images.append((alt, src))
                    out.parts.append(f"[image {len(out.images)}: {alt or 'no description'}]")
        elif tag in _HEADINGS:
            out.block_break()
            _walk(child, out, depth, in_pre)
            out.block_break()
        elif tag in {"ul", "ol"}:
            out.block_break()
            number = 0
            for item in child.iter():
                if item.tag != "li":
                    continue
                number += 1
                bullet = f"{number}." if tag == "ol" else "•"
                out.parts.append("\n" + "  " * depth + bullet + " ")
                _walk(item, out, depth + 1, in_pre)
            out.block_break()
        elif tag == "blockquote":
            inner = _Output(links=out.links, images=out.images)
            _walk(child, inner, depth, in_pre)
            quoted = tidy_paragraphs(_join(inner.parts))
            out.block_break()
            out.parts.append("\n".join(f"> {line}" if line else ">" for line in quoted.split("\n")))
            out.block_break()
        elif tag == "a":
            _walk(child, out, depth, in_pre)
            href = str(child.attributes.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:", "mailto:")):
                out.parts.append(f"[{_link_number(out, href)}]")
        elif tag in {"td", "th"}:
            _walk(child, out, depth, in_pre)
            out.parts.append("  ")
        elif tag in _BLOCKS or tag == "li":
            out.block_break()
            _walk(child, out, depth, in_pre or tag == "pre")
            out.block_break()
        else:
            _walk(child, out, depth, in_pre)


def _spaced(text: str) -> str:
    """Inline text with its white space folded, keeping one space at an edge that had some."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return lead + core + tail


def _join(parts: list[str]) -> str:
    text = "".join(parts)
    lines = [
        " ".join(line.split()) if not line.startswith("  ") else line.rstrip()
        for line in text.split("\n")
    ]
    return "\n".join(lines)


def html_to_text(html: str, base_links: bool = True, base_url: str = "") -> str:
    """Readable text; links and images are listed under it when `base_links`, made absolute
    against `base_url`."""
    if not html.strip():
        return ""
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return ""
    out = _Output()
    _walk(root, out, 0, False)
    body = tidy_paragraphs(_join(out.parts))
    if base_url:
        out.links = [urljoin(base_url, link) for link in out.links]
        out.images = [(alt, urljoin(base_url, url)) for alt, url in out.images]
    if base_links and out.links:
        body += "\n\nLinks:\n" + "\n".join(f"[{n}]: {url}" for n, url in enumerate(out.links, 1))
    if base_links and out.images:
        body += "\n\nImages:\n" + "\n".join(
            f"[image {n}]: {url}" + (f" ({alt})" if alt else "")
            for n, (alt, url) in enumerate(out.images, 1)
        )
    return clean_text(body)


def looks_like_html(text: str) -> bool:
    """Feed summaries may be plain text or HTML; tags in them mean HTML."""
    probe = text[:4000].lower()
    return any(
        tag in probe
        for tag in (
            "<p",
            "<br",
            "<div",
            "<a ",
            "<img",
            "<ul",
            "<ol",
            "<em",
            "<strong",
            "<b>",
            "<i>",
            "<span",
            "<h1",
            "<h2",
            "<h3",
            "<blockquote",
            "<table",
            "<figure",
            "&lt;",
            "&amp;",
            "&#",
        )
    )
