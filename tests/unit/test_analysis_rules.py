"""The rules on top of the model, fed the model's output directly: names, counts, repeats."""

from __future__ import annotations

from datetime import date

from reader.analysis.backend import ModelEntity
from reader.analysis.entities import find_entities
from reader.analysis.facts import find_numbers
from reader.analysis.model import Analysis, TimeExpression
from reader.analysis.summary import fact_rows


def spans(text: str, *labelled: tuple[str, str]) -> list[ModelEntity]:
    found = []
    for surface, label in labelled:
        start = text.index(surface)
        found.append(ModelEntity(start, start + len(surface), label))
    return found


def test_a_name_cut_at_its_particle_is_one_person() -> None:
    text = "Prince Abdulaziz bin Salman met Ursula von der Leyen. Abdulaziz bin Salman left."
    model = spans(text, ("Abdulaziz", "PERSON"), ("Salman", "PERSON"), ("Ursula", "PERSON"))
    model.append(ModelEntity(text.rindex("Abdulaziz"), text.rindex("Abdulaziz") + 9, "PERSON"))
    model.append(ModelEntity(text.rindex("Salman"), text.rindex("Salman") + 6, "PERSON"))
    people = {e.name: len(e.mentions) for e in find_entities(text, model) if e.kind == "person"}
    assert people.get("Abdulaziz bin Salman") == 2, people
    assert "Salman" not in people and "Abdulaziz" not in people
    assert people.get("Ursula von der Leyen") == 1, people


def test_the_first_word_of_a_club_is_the_club_not_a_person() -> None:
    text = "City Stars beat Bandari FC on Saturday. Bandari had led at half-time."
    model = spans(text, ("Bandari FC", "ORG"))
    model.append(ModelEntity(text.rindex("Bandari"), text.rindex("Bandari") + 7, "PERSON"))
    entities = find_entities(text, model)
    assert [(e.name, e.kind, len(e.mentions)) for e in entities if "Bandari" in e.name] == [
        ("Bandari FC", "organisation", 2)
    ]


def test_a_score_is_not_a_count() -> None:
    text = "They won 5-4 on penalties and 3–1 in the league, after 21 annual summits."
    counts = [(n.value, n.counted) for n in find_numbers(text, []) if n.kind == "count"]
    assert counts == [(21, "annual summits")]


def test_a_count_is_of_a_noun_phrase() -> None:
    text = "Three of the ministers signed; 40 delegates and 12 of them left."
    counts = [(n.value, n.counted) for n in find_numbers(text, []) if n.kind == "count"]
    assert counts == [(40, "delegates")]


def test_a_recurring_time_says_how_often() -> None:
    text = "They trained every day."
    start = text.index("every day")
    analysis = Analysis(
        reference_date=date(2024, 5, 4).isoformat(),
        times=[TimeExpression(start, start + 9, "every day", "SET", "P1D")],
    )
    (row,) = [r for r in fact_rows(analysis) if r.group == "When"]
    assert (row.label, row.detail) == ("Every day", "“every day”")


def test_calendar_values_read_as_people_say_them() -> None:
    from reader.analysis.summary import human_value

    assert human_value("2023-12-27") == "Wed 27 Dec 2023"
    assert human_value("2026-W10") == "week of Mon 2 Mar 2026"
    assert human_value("2027-Q1") == "Q1 2027"
    assert human_value("2025-SU") == "summer 2025"
    assert human_value("2026-03") == "Mar 2026"
    assert human_value("XXXX-WXX-3") == "date unknown"  # "on Wednesday", no article date


def test_people_and_children_are_counted() -> None:
    text = "The storm forced 12,000 people from their homes and killed three children."
    counts = [(n.value, n.counted) for n in find_numbers(text, []) if n.kind == "count"]
    assert counts == [(12000, "people"), (3, "children")]


def test_a_title_with_of_is_a_role_and_its_words_no_organisation() -> None:
    text = "Secretary of State Antony Blinken met Pakistan's Prime Minister Shehbaz Sharif."
    model = spans(
        text, ("State", "ORG"), ("Antony Blinken", "PERSON"), ("Pakistan", "GPE"),
        ("Shehbaz Sharif", "PERSON"),
    )  # fmt: skip
    found = {(e.name, e.kind): e.role for e in find_entities(text, model)}
    assert found[("Antony Blinken", "person")] == "Secretary of State"
    assert ("State", "organisation") not in found
    assert ("Pakistan", "place") in found  # the place in a title stays a place


def test_surnames_rivers_and_particles_in_place_names() -> None:
    text = (
        "PORTO ALEGRE - Rain hit Rio Grande do Sul, where Governor Eduardo Leite spoke. "
        "The Guaiba river rose in Porto Alegre. Leite asked for aid."
    )
    model = spans(
        text, ("PORTO ALEGRE", "GPE"), ("Rio Grande", "GPE"), ("Eduardo Leite", "PERSON"),
        ("Guaiba", "ORG"),
    )  # fmt: skip
    model.append(ModelEntity(text.rindex("Porto"), text.rindex("Porto") + 12, "GPE"))
    found = {e.name: (e.kind, len(e.mentions)) for e in find_entities(text, model)}
    assert found["Rio Grande do Sul"] == ("place", 1)
    assert found["Guaiba"] == ("place", 1)
    assert found["Porto Alegre"] == ("place", 2)  # the dateline's capitals and the body's name
    assert found["Eduardo Leite"] == ("person", 2)  # "Leite asked": the surname alone


def test_amounts_read_as_people_write_them() -> None:
    from reader.analysis.model import Fact, Span
    from reader.analysis.summary import amount_label

    def fact(kind: str, value: float, about: str) -> Fact:
        return Fact(kind, "", value, 0, 0, Span(0, 0), about=about)

    assert amount_label(fact("money", 20_000_000_000, "USD")) == "USD 20 billion"
    assert amount_label(fact("money", 1_200_000_000, "reais")) == "1.2 billion reais"
    assert amount_label(fact("percent", 2.3, "%")) == "2.3%"
    assert amount_label(fact("count", 12000, "people")) == "12,000 people"
    assert amount_label(fact("count", 1_234_567, "votes")) == "1,234,567 votes"


def test_parts_of_days_read_as_words() -> None:
    from reader.analysis.summary import human_value

    assert human_value("2024-05-05TNI") == "Sun 5 May 2024, night"
    assert human_value("2024-05-05T14:05") == "Sun 5 May 2024, 14:05"
