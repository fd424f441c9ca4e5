"""An entity's dossier in Markdown: front matter, a timeline of its facts linking to their
sentences, the articles about it, and the reader's notes on them."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.export.markdown import dump_yaml, escape_inline, quote_link
from reader.models import Article, Note
from reader.storage.entities import EntityArticle, EntityRow, FactRow


@dataclass(slots=True)
class Dossier:
    entity: EntityRow
    articles: list[EntityArticle]
    facts: list[FactRow]
    related: list[EntityRow]
    stored: dict[int, Article] = field(default_factory=dict)  # the articles, for links
    notes: dict[int, list[Note]] = field(default_factory=dict)


def when_label(fact: FactRow) -> str:
    """The date as the agenda shows it: a vague one says it is a period."""
    if fact.date is None:
        return "undated"
    label = fact.date if fact.end_date is None else f"{fact.date} to {fact.end_date}"
    if fact.precision not in (None, "day"):
        label += f" (a {fact.precision}, sorted at its start)"
    return label


def _fact_line(dossier: Dossier, fact: FactRow) -> str:
    people = ", ".join(fact.who + fact.where)
    detail = f"{fact.kind}: {fact.text}" + (f" ({people})" if people else "")
    if fact.state:
        detail += f", {fact.state}"
    article = dossier.stored.get(fact.article_id)
    line = f"- **{escape_inline(when_label(fact))}**: {escape_inline(detail)}"
    if article is not None:
        link = quote_link(article, fact.sentence_start, fact.sentence_end)
        line += f" — [{escape_inline(article.title or 'the article')}](<{link}>)"
    return line


def render_dossier(dossier: Dossier, exported: str) -> str:
    entity = dossier.entity
    front = {
        "name": entity.name,
        "kind": entity.kind,
        "aliases": entity.aliases,
        "articles": entity.articles,
        "mentions": entity.mentions,
        "first_seen": entity.first_seen or "",
        "last_seen": entity.last_seen or "",
        "exported": exported,
    }
    lines = ["---", dump_yaml(front).rstrip("\n"), "---", "", f"# {escape_inline(entity.name)}", ""]
    lines += ["## Timeline", ""]
    dated = [fact for fact in dossier.facts if fact.date is not None]
    lines += [_fact_line(dossier, fact) for fact in dated] or ["No dated facts."]
    lines += ["", "## Articles", ""]
    for row in dossier.articles:
        lines.append(
            f"- {escape_inline(row.published or 'undated')[:10]} "
            f"{escape_inline(row.title or '(untitled)')} ({row.mentions} mentions,"
            f" reader id {row.id})"
        )
        for note in dossier.notes.get(row.id, []):
            body = " ".join(note.body.split())
            lines.append(f"  - Note: {escape_inline(body)}")
    if dossier.related:
        lines += ["", "## Appears with", ""]
        lines += [
            f"- {escape_inline(other.name)} ({other.kind}, {other.articles} articles together)"
            for other in dossier.related
        ]
    return "\n".join(lines) + "\n"
