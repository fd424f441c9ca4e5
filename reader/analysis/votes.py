"""One kind per name in an article, decided from every mention: the model's label, knowledge,
the name's own head word ("… University", "… Museum") and the words around each mention
("Mr", "CEO of", "in", "-based", "said", a score in a sports report). A short name takes the
kind of the one full name it belongs to ("Montalvo" of "Daniel Montalvo")."""

from __future__ import annotations

import re
from collections import defaultdict

from reader.analysis.knowledge import Knowledge, fold
from reader.analysis.spans import NameSpan

KINDS = ("person", "place", "organisation")

ORG_HEADS = frozenset([
    "University", "College", "School", "Academy", "Institute", "Council", "Party", "Ministry",
    "Department", "Agency", "Association", "Foundation", "Company", "Corporation", "Corp",
    "Committee", "Commission", "Society", "Club", "Bank", "Group", "Union", "League",
    "Federation", "Authority", "Board", "Bureau", "Office", "Service", "Services", "Police",
    "Army", "Navy", "Force", "Forces", "Court", "Parliament", "Assembly", "Senate",
    "Congress", "Government", "Administration", "Network", "News", "Times", "Post", "Herald",
    "Gazette", "Journal", "Tribune", "Telegraph", "Guardian", "Chronicle", "Press", "Radio",
    "Television", "TV", "Magazine", "Review", "Inc", "Ltd", "LLC", "PLC", "plc", "FC", "AFC",
    "Airlines", "Airways", "Air", "Motors", "Systems", "Technologies", "Labs", "Laboratories",
    "Studios", "Records", "Entertainment", "Media", "Industries", "Organisation",
    "Organization", "Org", "Alliance", "Movement", "Front", "Coalition", "Trust", "Fund",
    "Conference", "Church", "Brigade", "Unit", "Team", "Squad", "Orchestra", "Ensemble",
    "Band", "Cooperative", "Partnership"
])  # fmt: skip
PLACE_HEADS = frozenset([
    "Center", "Centre", "Museum", "Hall", "Airport", "Station", "Mosque", "Cathedral",
    "Temple", "Shrine", "Hotel", "Tower", "Towers", "Road", "Street", "Avenue", "Boulevard",
    "Lane", "Square", "Plaza", "Park", "Bridge", "Stadium", "Planetarium", "Base", "Palace",
    "Castle", "Harbour", "Harbor", "Port", "Island", "Islands", "Mountain", "Mountains",
    "Mount", "River", "Lake", "Valley", "County", "Province", "District", "Region", "State",
    "City", "Town", "Village", "Beach", "Coast", "Desert", "Canyon", "Falls", "Gardens",
    "Garden", "Zoo", "Mall", "Market", "Campus", "Building", "Gallery", "Galleries",
    "Theatre", "Theater", "Arena"
])  # fmt: skip

_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Rev|Reverend|Father|Sister"
    r"|Saint|Pope|Uncle|Aunt)\.?|\bsaid|\bsays|\baccording to)\s+$"
)
_PERSON_AFTER = re.compile(
    r"(?:,? (?:who|whose|himself|herself)\b"
    r"| (?:said|says|told|added|explained|stated|wrote|asked|replied|recalled|admitted|insisted"
    r"|died|was born|has been|who|is a|was a|herself|himself)\b"
    r"|,? (?:aged )?\d{1,2},|[.,;] (?:She|He|she|he) |,? (?:and|but) (?:she|he|her|his) "
    r"|['’]s (?:wife|husband|son|daughter|father|mother|brother|sister|family|parents|friend"
    r"|lawyer|attorney|death|career|life|home|birthday|girlfriend|boyfriend)\b)"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|into|outside|across|throughout|towards?|visited|visiting|city of"
    r"|town of|capital of|province of|state of|north of|south of|east of|west of)\s+$"
)
_PLACE_AFTER = re.compile(r"(?:-based\b|[-–]born\b| (?:province|county|region|district)\b)")
_ORG_BEFORE = re.compile(
    r"\b(?:CEO|chief executive|chairman|chairwoman|chair|spokesman|spokeswoman|spokesperson"
    r"|founder|director|president|members?|employees?|staff|head|leader|owner|shareholders)"
    r" (?:of|for|at)\s+(?:the\s+)?$|\b(?:joined|works for|worked for|signed with|shares in)\s+$"
)
_ORG_AFTER = re.compile(
    r"(?:['’]s (?:CEO|chief executive|chairman|board|shares|stock|spokesman|spokeswoman"
    r"|spokesperson|website|headquarters|founder|president|employees|staff|members|products"
    r"|software|app|platform|service|subsidiary)\b| (?:Inc|Corp|Ltd|LLC|plc|PLC|FC|AFC)\b"
    r"| (?:spokesman|spokeswoman|spokesperson)\b)"
)
_SPORTS_WORDS = re.compile(
    r"\b(?:goals?|match(?:es)?|striker|midfielder|defender|goalkeeper|coach|squad|scored|penalty"
    r"|kick-?off|league|cup|tournament|playoffs?|innings|touchdown|quarterback|pitcher|half-time"
    r"|halftime|stoppage time|fixture|standings|final score|season|champions(?:hip)?)\b",
    re.IGNORECASE,
)
_TEAM_AFTER = re.compile(
    r"(?:\s+\d{1,3}(?:\s*[-–]\s*\d{1,3})?(?![\d.,%:/])|"
    r" (?:beat|beats|defeated|drew|draw|lost|loses|won|wins|scored|thrashed|edged|edge|face|faced"
    r"|play|played|plays|trail|trailed|led|advance|advanced|qualified|eliminated|host|hosted)\b"
    r"|['’]s (?:goalkeeper|striker|defender|midfielder|coach|manager|captain|squad|team|players"
    r"|win|victory|defeat|goals?|lead|fans|first|second|opening|equaliser|equalizer)\b)",
    re.IGNORECASE,
)
_PLAYER_AFTER = re.compile(r"['’]s [A-Z][\w-]+ [A-Z]")  # "Korea's Kim Shin-Wook": a side's player
_TEAM_BEFORE = re.compile(
    r"(?:\b(?:against|beat|beating|defeated|defeating|versus|vs\.?|v\.?|over|to|with|faced|face"
    r"|faces|play|played|plays|meet|met|host|hosted|hosts)|\d{1,3})\s+$",
    re.IGNORECASE,
)


def one_kind_per_name(text: str, spans: list[NameSpan], kb: Knowledge) -> list[NameSpan]:
    """Every mention of a name (and of the short names tied to it) gets the kind with the
    most votes over all of them."""
    sports = len(_SPORTS_WORDS.findall(text))
    roots = _roots({s.name for s in spans}, spans)
    votes: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(KINDS, 0.0))
    team_cues: dict[str, int] = defaultdict(int)
    root_kinds: dict[str, str] = {}
    for span in spans:
        root_kinds.setdefault(span.name, span.kind)
    for span in spans:
        root = roots.get(span.name, span.name)
        tally = votes[root]
        # A short name tied to a full one ("Montalvo") counts only the words around it: its
        # own label and the gazetteer ("Montalvo", a town) yield to the full name's.
        for kind, weight in _mention_votes(text, span, kb, root == span.name).items():
            tally[kind] += weight
        if sports >= 4 and _team_cue(text, span, kb):
            team_cues[root] += 1
    for span in spans:
        root = roots.get(span.name, span.name)
        tally = votes[root]
        first = root_kinds.get(root, span.kind)
        best = max(KINDS, key=lambda kind: (tally[kind], kind == first))
        if team_cues[root] >= 2 or (team_cues[root] and sports >= 8):
            best = "organisation"  # a country or a city that plays: "Sweden beat Korea 1-0"
        span.kind = best
    return spans


def _team_cue(text: str, span: NameSpan, kb: Knowledge) -> bool:
    """A place named as a side in a sports report: "Sweden defeated", "LIVERPOOL 2"."""
    if fold(span.name) not in kb.places and span.kind != "place":
        return False
    before = text[max(0, span.start - 40) : span.start]
    return bool(
        _TEAM_AFTER.match(text, span.end)
        or _PLAYER_AFTER.match(text, span.end)
        or _TEAM_BEFORE.search(before)
    )


def _mention_votes(text: str, span: NameSpan, kb: Knowledge, own: bool) -> dict[str, float]:
    votes = dict.fromkeys(KINDS, 0.0)
    name = span.name
    folded = fold(name)
    words = name.split()
    if own:
        votes[span.kind] += 1.5  # the model's label (after our first checks)
    if name in kb.org_acronyms or folded in kb.org_names:
        votes["organisation"] += 3
    elif folded in kb.landmark_places:
        votes["place"] += 3
    elif folded in kb.places and own and (len(words) > 1 or span.kind != "person"):
        votes["place"] += 2 if len(words) > 1 else 1  # a first name is a town too: "Gloria"
    elif folded in kb.listed_orgs and own:
        votes["organisation"] += 2  # "Alibaba", "Sabres", "Manchester United"
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1] if words else ""
    first = words[0] if words else ""
    if head in ORG_HEADS or first in {"University", "Bank", "Council", "Ministry", "Department"}:
        votes["organisation"] += 3
    elif head in PLACE_HEADS and len(words) > 1:
        votes["place"] += 3
    if (
        own
        and 1 < len(words) <= 3
        and first in kb.first_names
        and head not in ORG_HEADS
        and head not in PLACE_HEADS
        and folded not in kb.listed_orgs
    ):
        votes["person"] += 2  # "Kristen Wilkins", "Andy Warhol"
    before = text[max(0, span.start - 40) : span.start]
    after = text[span.end : span.end + 40]
    if _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
        votes["person"] += 2
    if _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
        votes["place"] += 1
    if _ORG_BEFORE.search(before) or _ORG_AFTER.match(after):
        votes["organisation"] += 2
    return votes


def _roots(names: set[str], spans: list[NameSpan]) -> dict[str, str]:
    """A name that is the last words of a longer name of a person ("Montalvo" of "Daniel
    Montalvo") belongs to it; of two ("Kristin" and "Kristen Wilkins"), to either: the kind is
    the same."""
    people = {s.name for s in spans if s.kind == "person" and len(s.name.split()) > 1}
    roots: dict[str, str] = {}
    for name in names:
        tokens = name.split()
        if name.isupper():
            continue  # an acronym ("DAB") is nobody's surname
        longer = [
            other
            for other in people
            if len(other.split()) > len(tokens) and other.split()[-len(tokens) :] == tokens
        ]
        if longer:  # of one person or another, a person all the same
            roots[name] = min(longer)
    return roots
