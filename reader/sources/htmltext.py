"""Feed HTML to readable plain text, as a terminal shows it.

Paragraphs, headings, lists and quotes are kept; links are numbered and listed under the text (as
newsboat does); images are listed by alt text and URL; scripts, styles and tracking pixels go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
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


# Deeper than this, tags are dropped and their text kept. Real pages nest a few dozen levels;
# a hostile one nests 200,000, and lexbor's tree building is quadratic in the depth (90 s).
MAX_DEPTH = 256
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "param"}  # fmt: skip
# Closed by their next sibling, so a run of them does not nest.
_SELF_ENDING = {"p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody",
                "tfoot", "colgroup", "rb", "rt", "rp"}  # fmt: skip


def cap_depth(html: str, limit: int = MAX_DEPTH) -> str:
    """`html` with every tag below `limit` levels of nesting removed (their text stays). One
    linear pass over the tags, before any parser sees the document."""
    if html.count("<") <= limit:
        return html
    depth, last, pieces = 0, 0, []
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if name in _VOID or name in _SELF_ENDING or self_closing:
            keep = depth < limit
        elif closing:
            depth = max(0, depth - 1)
            keep = depth < limit
        else:
            keep = depth < limit
            depth += 1
        if not keep:
            pieces.append(html[last : match.start()])
            last = match.end()
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


# The walk keeps its own stack (no recursion: nesting cannot raise RecursionError). A step is
# text to append to an output, a node whose children to visit, or a function to run once
# everything before it is done (numbering a link after its text, closing a quote).
_Step = tuple[Any, ...]


def _walk(root: LexborNode, out: _Output) -> None:
    stack: list[_Step] = [("children", root, out, 0, False, 0)]
    while stack:
        step = stack.pop()
        kind = step[0]
        if kind == "text":
            step[1].parts.append(step[2])
        elif kind == "call":
            step[1]()
        else:
            _, node, target, depth, in_pre, level = step
            steps: list[_Step] = []
            for child in node.iter(include_text=True):
                steps.extend(_visit(child, target, depth, in_pre, level + 1))
            stack.extend(reversed(steps))


def _visit(child: LexborNode, out: _Output, depth: int, in_pre: bool, level: int) -> list[_Step]:
    tag = child.tag or ""
    if tag == "-text":
        text = child.text_content or ""
        return [("text", out, text if in_pre else _spaced(text))]
    if tag in _DROPPED or tag.startswith("-"):
        return []
    if level > MAX_DEPTH:  # cap_depth already flattened the source; this guards any tree
        return [("text", out, _spaced(child.text_content or ""))]
    if tag == "br":
        return [("text", out, "\n")]
    if tag == "img":
        return [("call", lambda: _image(child, out))] if not _is_tracking_pixel(child) else []
    inside: _Step = ("children", child, out, depth, in_pre, level)
    if tag in _HEADINGS:
        return [("text", out, "\n\n"), inside, ("text", out, "\n\n")]
    if tag in {"ul", "ol"}:
        return _list_steps(child, out, depth, in_pre, level, ordered=tag == "ol")
    if tag == "blockquote":
        inner = _Output(links=out.links, images=out.images)
        return [("children", child, inner, depth, in_pre, level), ("call", lambda: _quote(inner, out))]
    if tag == "a":
        return [inside, ("call", lambda: _link(child, out))]
    if tag in {"td", "th"}:
        return [inside, ("text", out, "  ")]
    if tag in _BLOCKS or tag == "li":
        block = ("children", child, out, depth, in_pre or tag == "pre", level)
        return [("text", out, "\n\n"), block, ("text", out, "\n\n")]
    return [inside]


def _list_steps(
    node: LexborNode, out: _Output, depth: int, in_pre: bool, level: int, ordered: bool
) -> list[_Step]:
    steps: list[_Step] = [("text", out, "\n\n")]
    number = 0
    for item in node.iter():
        if item.tag != "li":
            continue
        number += 1
        bullet = f"{number}." if ordered else "•"
        steps.append(("text", out, "\n" + "  " * depth + bullet + " "))
        steps.append(("children", item, out, depth + 1, in_pre, level + 1))
    steps.append(("text", out, "\n\n"))
    return steps


def _image(node: LexborNode, out: _Output) -> None:
    src = node.attributes.get("src") or ""
    alt = " ".join((node.attributes.get("alt") or "").split())
    if src:
        out.images.append((alt, src))
        out.parts.append(f"[image {len(out.images)}: {alt or 'no description'}]")


def _link(node: LexborNode, out: _Output) -> None:
    href = str(node.attributes.get("href") or "").strip()
    if href and not href.startswith(("#", "javascript:", "mailto:")):
        out.parts.append(f"[{_link_number(out, href)}]")


def _quote(inner: _Output, out: _Output) -> None:
    quoted = tidy_paragraphs(_join(inner.parts))
    out.block_break()
    out.parts.append("\n".join(f"> {line}" if line else ">" for line in quoted.split("\n")))
    out.block_break()


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
    tree = LexborHTMLParser(cap_depth(html))
    root = tree.body or tree.root
    if root is None:
        return ""
    out = _Output()
    _walk(root, out)
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
