"""People, places and organisations: the model's spans, checked against general knowledge,
widened to every mention in the article, and linked ("Putin" is "Vladimir Putin")."""

from __future__ import annotations

from reader.analysis.backend import ModelEntity
from reader.analysis.kinds import classify, drop_common_words, drop_vehicles
from reader.analysis.knowledge import fold, knowledge
from reader.analysis.linking import link
from reader.analysis.mentions import (
    dictionary_mentions,
    gazetteer_places,
    repeat_mentions,
    surname_mentions,
)
from reader.analysis.model import Entity
from reader.analysis.roles import drop_trailing_role, drop_words_of_titles, strip_title
from reader.analysis.spans import (
    FEATURE_AFTER,
    PLACE_BEFORE,
    NameSpan,
    join_name_particles,
    join_org_tails,
    org_by_suffix,
    trim,
)
from reader.analysis.votes import one_kind_per_name


def find_entities(text: str, model_entities: list[ModelEntity]) -> list[Entity]:
    kb = knowledge()
    spans: list[NameSpan] = []
    for entity in model_entities:
        start, end = trim(text, entity.start, entity.end)
        if end <= start:
            continue
        label = entity.label
        if label == "ORG":
            end = drop_trailing_role(text, start, end, kb)
        surface = text[start:end]
        if label == "PERSON":
            start, end, surface = strip_title(text, start, end, kb)
            org_end = org_by_suffix(text, start, end)
            if org_end is not None:
                end, surface, label = org_end, text[start:org_end], "ORG"
        elif (
            label == "ORG"
            and " " not in surface
            and fold(surface) in kb.places
            and PLACE_BEFORE.search(text[max(0, start - 12) : start])
        ):
            label = "GPE"  # "an institute in Heidelberg"
        if label in {"ORG", "PERSON"} and FEATURE_AFTER.match(text, end):
            label = "LOC"  # "the Guaiba river", "Kariba dam"
        classified = classify(surface, label, kb, text[end : end + 20])
        if classified is not None:
            spans.append(NameSpan(start, end, *classified))
    spans = join_org_tails(text, join_name_particles(text, spans))
    spans = drop_words_of_titles(text, spans, kb)
    spans = gazetteer_places(text, spans, kb)
    spans += dictionary_mentions(text, spans, kb)
    spans = repeat_mentions(text, spans)
    spans += surname_mentions(text, spans)
    spans = drop_vehicles(text, drop_common_words(text, spans, kb))
    return link(text, one_kind_per_name(text, spans, kb), kb)
