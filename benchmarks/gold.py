"""Scores the analysis on our own gold set (tests/data/gold): precision, recall and F1 per kind
for entities, time expressions (span, relaxed) with value accuracy, and facts.

    python benchmarks/gold.py [--verbose]

Targets (issue "Understanding"): entity F1 >= 0.9, time value accuracy >= 0.9, fact F1 >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.analysis.model import Fact

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
sys.path.insert(0, str(ROOT))

EVENT_KINDS = {
    "visit",
    "meeting",
    "summit",
    "agreement",
    "invitation",
    "negotiation",
    "election",
    "attack",
    "vote",
    "announcement",
    "conference",
    "hearing",
    "match",
}
NUMBER_KINDS = {"count", "money", "percent"}


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def scores(self, kind: str | None = None) -> tuple[float, float, float]:
        def total(counter: Counter[str]) -> int:
            return counter[kind] if kind else sum(counter.values())

        tp, fp, fn = total(self.tp), total(self.fp), total(self.fn)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def spans_of(text: str, alternatives: str) -> list[tuple[int, int]]:
    spans = []
    for alternative in alternatives.split("|"):
        start = text.find(alternative)
        while start >= 0:
            spans.append((start, start + len(alternative)))
            start = text.find(alternative, start + 1)
    return spans


def score_piece(
    name: str,
    gold: dict[str, Any],
    analysis: Any,
    text: str,
    tallies: dict[str, Tally],
    values: Counter[str],
    notes: list[str],
) -> None:
    ignored = set(gold.get("ignore", []))
    # entities: (kind, surface form)
    predicted = {(e.kind, m.text) for e in analysis.entities for m in e.mentions} - {
        (k, t)
        for k, t in {(e.kind, m.text) for e in analysis.entities for m in e.mentions}
        if t in ignored
    }
    remaining = set(predicted)
    for kind, alternatives in gold["entities"]:
        hit = next(((kind, a) for a in alternatives.split("|") if (kind, a) in remaining), None)
        if hit:
            remaining.discard(hit)
            tallies["entities"].tp[kind] += 1
        else:
            tallies["entities"].fn[kind] += 1
            notes.append(f"{name}: missed {kind} {alternatives!r}")
    for kind, surface in remaining:
        if any(surface in alternatives.split("|") for _, alternatives in gold["entities"]):
            continue  # a second surface form already counted
        tallies["entities"].fp[kind] += 1
        notes.append(f"{name}: extra {kind} {surface!r}")

    # times: relaxed span match (overlap), then the value
    unmatched = list(analysis.times)
    for item in gold["times"]:
        alternatives, start_value = item[0], item[1]
        end_value = item[2] if len(item) > 2 else None
        spans = spans_of(text, alternatives)
        match = next((t for t in unmatched for s, e in spans if t.start < e and s < t.end), None)
        if match is None:
            tallies["times"].fn["time"] += 1
            notes.append(f"{name}: missed time {alternatives!r} ({start_value})")
            continue
        unmatched.remove(match)
        tallies["times"].tp["time"] += 1
        # a range said in words is two TIMEX3s, one for each end, both carrying the whole
        whole = f"{start_value}/{end_value}"
        right = match.value == start_value and (
            end_value is None or match.end_value == end_value or match.range == whole
        )
        if match.range == whole:
            unmatched = [t for t in unmatched if t.range != whole]
        values["right" if right else "wrong"] += 1
        if not right:
            shown = (
                match.value + (f"/{match.end_value}" if match.end_value else "")
                if match.value
                else None
            )
            notes.append(
                f"{name}: time {match.text!r} = {shown}, gold {start_value}{'/' + end_value if end_value else ''}"
            )
    for extra in unmatched:
        tallies["times"].fp["time"] += 1
        notes.append(f"{name}: extra time {extra.text!r} ({extra.value})")

    # facts: events by kind (and resolved start when the gold gives one), numbers by value
    events = [f for f in analysis.facts if f.kind in EVENT_KINDS]
    _match_facts(name, events, gold["events"], _event_like, "event ", tallies["facts"], notes)
    numbers = [f for f in analysis.facts if f.kind in NUMBER_KINDS]
    _match_facts(name, numbers, gold["numbers"], _number_like, "", tallies["facts"], notes)


def _event_like(found: list[Fact], kind: str, when: Any) -> Fact | None:
    """The event of that kind on that date, else one whose date starts with it."""
    same = [f for f in found if f.kind == kind]
    exact = next((f for f in same if when is None or f.when == when), None)
    if exact is not None or when is None:
        return exact
    return next((f for f in same if (f.when or "").startswith(when)), None)


def _number_like(found: list[Fact], kind: str, value: Any) -> Fact | None:
    return next((f for f in found if f.kind == kind and abs(float(f.value) - value) < 1e-6), None)


def _match_facts(
    name: str,
    found: list[Fact],
    expected: list[Any],
    pick: Callable[[list[Fact], str, Any], Fact | None],
    label: str,
    tally: Tally,
    notes: list[str],
) -> None:
    """Each expected fact takes the first found one `pick` accepts; what is left is extra."""
    for kind, wanted in expected:
        match = pick(found, kind, wanted)
        if match is None:
            tally.fn[kind] += 1
            notes.append(f"{name}: missed {label}{kind} {wanted}")
        else:
            found.remove(match)
            tally.tp[kind] += 1
    for extra in found:
        tally.fp[extra.kind] += 1
        shown = extra.when if extra.kind in EVENT_KINDS else extra.value
        notes.append(f"{name}: extra {label}{extra.kind} {shown} ({extra.text!r})")


def evaluate() -> tuple[dict[str, Tally], Counter[str], list[str], int]:
    """Every gold piece through the analyser: the tallies, time values right/wrong, notes."""
    from reader.analysis.service import analyse_text, make_backend

    gold = json.loads((GOLD / "gold.json").read_text(encoding="utf-8"))["pieces"]
    backend = make_backend()
    tallies = {"entities": Tally(), "times": Tally(), "facts": Tally()}
    values: Counter[str] = Counter()
    notes: list[str] = []
    for name, piece in sorted(gold.items()):
        text = (GOLD / f"{name}.txt").read_text(encoding="utf-8")
        analysis = analyse_text(text, date.fromisoformat(piece["date"]), backend)
        score_piece(name, piece, analysis, text, tallies, values, notes)
    return tallies, values, notes, len(gold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    tallies, values, notes, pieces = evaluate()
    lines = [f"gold set: {pieces} pieces in tests/data/gold"]
    for group, tally in tallies.items():
        p, r, f = tally.scores()
        lines.append(f"{group:9} P {p:.2f}  R {r:.2f}  F1 {f:.2f}")
        for kind in sorted(set(tally.tp) | set(tally.fp) | set(tally.fn)):
            kp, kr, kf = tally.scores(kind)
            lines.append(
                f"  {kind:13} P {kp:.2f}  R {kr:.2f}  F1 {kf:.2f}  (tp {tally.tp[kind]}, fp {tally.fp[kind]}, fn {tally.fn[kind]})"
            )
    total = values["right"] + values["wrong"]
    lines.append(
        f"time values: {values['right']}/{total} right ({values['right'] / total if total else 0:.2f})"
    )
    print("\n".join(lines))
    if args.verbose:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
