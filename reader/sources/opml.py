"""OPML subscription lists in and out. Reading goes through defusedxml first (no entity
expansion: a billion-laughs file is one error line), then listparser, which knows OPML's
variants; writing builds the tree with the standard library."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree

from reader.sources.text import clean_line, clean_url


class OPMLError(Exception):
    """Not an OPML file we can read; the message says why."""


@dataclass(slots=True)
class Subscription:
    url: str
    title: str = ""
    tags: list[str] = field(default_factory=list)


def read_opml(data: bytes, name: str = "OPML") -> list[Subscription]:
    import defusedxml.ElementTree as SafeTree
    import listparser
    from defusedxml import DefusedXmlException

    try:
        SafeTree.fromstring(data)
    except DefusedXmlException as error:
        raise OPMLError(
            f"{name}: refused, the file declares XML entities ({type(error).__name__})"
        ) from None
    except ElementTree.ParseError as error:
        raise OPMLError(f"{name}: not well-formed XML ({error})") from None
    parsed = listparser.parse(data)
    if parsed.bozo and not parsed.feeds:
        raise OPMLError(f"{name}: not an OPML subscription list ({parsed.bozo_exception})")
    subscriptions: list[Subscription] = []
    for feed in parsed.feeds:
        url = clean_url(feed.url or "")
        if not url:
            continue
        tags = sorted({clean_line(tag) for tag in feed.tags if clean_line(tag)})
        subscriptions.append(Subscription(url, clean_line(feed.title or ""), tags))
    return subscriptions


def write_opml(subscriptions: list[Subscription], title: str = "reader subscriptions") -> bytes:
    """OPML 2.0. A source with tags sits in a folder per tag (OPML has no other way to say
    it), so one with two tags appears twice: readers, us included, merge them on import."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    folders: dict[str, ElementTree.Element] = {}
    for subscription in sorted(subscriptions, key=lambda s: (s.title.lower(), s.url)):
        parents = (
            [body]
            if not subscription.tags
            else [
                folders.setdefault(tag, ElementTree.Element("outline", text=tag, title=tag))
                for tag in subscription.tags
            ]
        )
        for parent in parents:
            ElementTree.SubElement(
                parent,
                "outline",
                type="rss",
                text=subscription.title or subscription.url,
                title=subscription.title or subscription.url,
                xmlUrl=subscription.url,
            )
    for tag in sorted(folders):
        body.append(folders[tag])
    ElementTree.indent(root)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + document + b"\n"
