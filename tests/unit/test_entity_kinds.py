"""Entities on real news: one kind per name, boundaries, knowledge, all-caps text. The model's
output is given directly, the way en_core_web_sm gets these wrong."""

from __future__ import annotations

from reader.analysis.backend import ModelEntity, model_text
from reader.analysis.data.build_knowledge import _LEGAL, teams
from reader.analysis.entities import find_entities
from reader.analysis.model import Entity


def every(text: str, surface: str, label: str) -> list[ModelEntity]:
    found, start = [], text.find(surface)
    while start != -1:
        found.append(ModelEntity(start, start + len(surface), label))
        start = text.find(surface, start + 1)
    return found


def kinds(entities: list[Entity]) -> dict[str, str]:
    return {e.name: e.kind for e in entities}


def test_a_name_has_one_kind_however_the_model_labels_its_mentions() -> None:
    text = (
        "Gloria fell ill. Doctors saw Gloria in May. Gloria said she was tired. "
        "Mr Okafor visited Gloria, and Gloria's parents were told."
    )
    model = every(text, "Gloria", "PERSON")
    model[0].label, model[3].label = "GPE", "ORG"
    entities = [e for e in find_entities(text, model) if e.name == "Gloria"]
    assert [(e.kind, len(e.mentions)) for e in entities] == [("person", 5)]


def test_a_surname_takes_the_kind_of_the_full_name() -> None:
    text = "Daniel Montalvo, 19, left the group. Montalvo said he was held. Montalvo left."
    model = [ModelEntity(0, 15, "PERSON"), *every(text, "Montalvo", "GPE")[1:]]
    found = find_entities(text, model)
    assert kinds(found) == {"Daniel Montalvo": "person"}
    assert len(found[0].mentions) == 3


def test_a_person_inside_a_foundation_stays_a_person() -> None:
    text = "The Andy Warhol Foundation for the Visual Arts gave prints. Andy Warhol took them."
    model = [
        ModelEntity(4, 26, "ORG"),
        ModelEntity(text.index("Visual"), text.index("Visual") + 11, "ORG"),
        ModelEntity(text.rindex("Andy"), text.rindex("Andy") + 11, "PERSON"),
    ]
    assert kinds(find_entities(text, model)) == {
        "Andy Warhol Foundation for the Visual Arts": "organisation",
        "Andy Warhol": "person",
    }


def test_countries_that_play_are_teams_in_a_sports_report() -> None:
    text = (
        "Sweden beat South Korea 1-0 in the World Cup group match. The goal came from a "
        "penalty; Sweden's coach praised the squad. South Korea faced Mexico next, and "
        "Sweden play Germany. Fans in Sweden celebrated the league of nations."
    )
    model = every(text, "Sweden", "GPE") + every(text, "South Korea", "GPE")
    model += every(text, "Mexico", "GPE") + every(text, "Germany", "GPE")
    found = kinds(find_entities(text, model))
    assert found["Sweden"] == "organisation"
    assert found["South Korea"] == "organisation"


def test_countries_stay_places_outside_sports() -> None:
    text = "Sweden beat its emissions target. Ministers in Sweden met 3 of their peers."
    assert kinds(find_entities(text, every(text, "Sweden", "GPE"))) == {"Sweden": "place"}


def test_abbreviations_keep_their_dot_and_captions_stay_out() -> None:
    text = "It was held in Washington D.C. Image: United States Navy.\n\nThe U.S. team won."
    model = [ModelEntity(15, 36, "GPE"), ModelEntity(text.index("U.S."), text.index("U.S."), "GPE")]
    model[1].end = model[1].start + 3  # the model's "U.S" without its dot
    names = [e.name for e in find_entities(text, model)]
    assert "Washington D.C." in names and "U.S." in names, names
    assert not any("Image" in n for n in names)


def test_descriptors_brackets_and_roles_are_not_part_of_a_name() -> None:
    text = (
        "The pro-Beijing New People Party won. The World Health Organisation (WHO) said so, "
        "a State Department Spokesperson added."
    )
    model = [
        ModelEntity(4, 32, "ORG"),
        ModelEntity(text.index("World"), text.index("(WHO") + 4, "ORG"),
        ModelEntity(text.index("State"), text.index(" added"), "ORG"),
    ]
    mentions = {m.text for e in find_entities(text, model) for m in e.mentions}
    assert {"New People Party", "World Health Organisation", "State Department"} <= mentions
    assert not any("(" in m or "pro-" in m or "Spokesperson" in m for m in mentions), mentions


def test_vehicles_and_common_nouns_are_no_names() -> None:
    text = (
        "Space Shuttle Atlantis flew. Later Atlantis landed. Iodine helps: a lack of iodine "
        "is common, and iodine is cheap."
    )
    model = [ModelEntity(0, 22, "PERSON"), *every(text, "Atlantis", "PERSON")[1:]]
    model += every(text, "Iodine", "PERSON")
    assert find_entities(text, model) == []


def test_knowledge_decides_a_listed_company_against_the_model() -> None:
    text = "Alibaba reported profits. Shares of Alibaba rose."
    assert kinds(find_entities(text, every(text, "Alibaba", "GPE"))) == {"Alibaba": "organisation"}


def test_a_first_name_makes_a_person_of_what_the_model_calls_an_organisation() -> None:
    text = "Kristen Wilkins curated the show at the college."
    assert kinds(find_entities(text, [ModelEntity(0, 15, "ORG")])) == {"Kristen Wilkins": "person"}


def test_capital_lines_are_title_cased_for_the_model_at_the_same_offsets() -> None:
    text = "MANCHESTER UNITED 2 LIVERPOOL 1\nThe UN met in Paris."
    seen = model_text(text)
    assert seen == "Manchester United 2 Liverpool 1\nThe UN met in Paris."
    assert len(seen) == len(text)


def test_a_score_after_a_team_in_a_table_is_cut() -> None:
    text = "MANCHESTER UNITED 2 LIVERPOOL 1 in the league, the match of the season."
    names = kinds(find_entities(text, [ModelEntity(0, 19, "PERSON")]))
    assert names == {"Manchester United": "organisation"}


def test_the_knowledge_build_strips_legal_forms_and_lists_team_nicknames() -> None:
    assert _LEGAL.sub("", "NVIDIA CORP") == "NVIDIA"
    assert _LEGAL.sub("", "Meta Platforms, Inc.") == "Meta Platforms"
    assert {"Buffalo Sabres", "Sabres", "Red Wings"} <= teams()


def test_peoples_are_not_organisations() -> None:
    text = "The Rohingya fled to Aceh. Uighurs protested."
    model = [
        ModelEntity(4, 12, "ORG"),
        ModelEntity(text.index("Uighurs"), text.index(" prot"), "ORG"),
    ]
    assert [e.name for e in find_entities(text, model) if e.kind == "organisation"] == []


def test_feasts_and_bare_roles_are_no_names_and_an_org_is_an_org() -> None:
    text = "Pilgrims began the Hajj. The Sheriff came. She joined the Sea Org in 2004."
    model = [
        ModelEntity(text.index("Hajj"), text.index("Hajj") + 4, "PERSON"),
        ModelEntity(text.index("Sheriff"), text.index("Sheriff") + 7, "GPE"),
        ModelEntity(text.index("Sea Org"), text.index("Sea Org") + 7, "GPE"),
    ]
    assert kinds(find_entities(text, model)) == {"Sea Org": "organisation"}
