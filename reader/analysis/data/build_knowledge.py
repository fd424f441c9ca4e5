"""Rebuild organisations.tsv, the open name lists that help decide a name's kind.

    python reader/analysis/data/build_knowledge.py [KNOWLEDGE_DIR [NER_TRAIN_DIR]]

KNOWLEDGE_DIR (default ../shared/knowledge beside the repository) holds the two source files;
SOURCES.md says where they come from and under which licence. The North American league teams
are listed here by hand (facts, not a copyrightable selection). Each output line is
`kind<TAB>name`, kind one of company | club | team; names as written, folded when loaded.
first_names.txt comes from the people in NER_TRAIN_DIR (default ../shared/ner-train).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "organisations.tsv"
FIRST_NAMES = HERE / "first_names.txt"

# Legal forms at the end of a filed company name: "NVIDIA CORP" is "Nvidia" in news.
_LEGAL = re.compile(
    r"(?:[,.]?\s+(?:inc|corp|corporation|co|company|ltd|limited|plc|llc|l\.?p|lp|n\.?v|s\.?a"
    r"|ag|se|sa|nv|holdings?|group|trust|incorporated|international|intl|& co|/\w+/?|class \w)\.?)+$",
    re.IGNORECASE,
)

TEAMS = """
NHL: Anaheim Ducks, Arizona Coyotes, Utah Hockey Club, Boston Bruins, Buffalo Sabres, Calgary Flames,
Carolina Hurricanes, Chicago Blackhawks, Colorado Avalanche, Columbus Blue Jackets, Dallas Stars,
Detroit Red Wings, Edmonton Oilers, Florida Panthers, Los Angeles Kings, Minnesota Wild,
Montreal Canadiens, Nashville Predators, New Jersey Devils, New York Islanders, New York Rangers,
Ottawa Senators, Philadelphia Flyers, Pittsburgh Penguins, San Jose Sharks, Seattle Kraken,
St. Louis Blues, Tampa Bay Lightning, Toronto Maple Leafs, Vancouver Canucks, Vegas Golden Knights,
Washington Capitals, Winnipeg Jets
NBA: Atlanta Hawks, Boston Celtics, Brooklyn Nets, Charlotte Hornets, Chicago Bulls,
Cleveland Cavaliers, Dallas Mavericks, Denver Nuggets, Detroit Pistons, Golden State Warriors,
Houston Rockets, Indiana Pacers, Los Angeles Clippers, Los Angeles Lakers, Memphis Grizzlies,
Miami Heat, Milwaukee Bucks, Minnesota Timberwolves, New Orleans Pelicans, New York Knicks,
Oklahoma City Thunder, Orlando Magic, Philadelphia 76ers, Phoenix Suns, Portland Trail Blazers,
Sacramento Kings, San Antonio Spurs, Toronto Raptors, Utah Jazz, Washington Wizards
NFL: Arizona Cardinals, Atlanta Falcons, Baltimore Ravens, Buffalo Bills, Carolina Panthers,
Chicago Bears, Cincinnati Bengals, Cleveland Browns, Dallas Cowboys, Denver Broncos, Detroit Lions,
Green Bay Packers, Houston Texans, Indianapolis Colts, Jacksonville Jaguars, Kansas City Chiefs,
Las Vegas Raiders, Los Angeles Chargers, Los Angeles Rams, Miami Dolphins, Minnesota Vikings,
New England Patriots, New Orleans Saints, New York Giants, New York Jets, Philadelphia Eagles,
Pittsburgh Steelers, San Francisco 49ers, Seattle Seahawks, Tampa Bay Buccaneers, Tennessee Titans,
Washington Commanders
MLB: Arizona Diamondbacks, Atlanta Braves, Baltimore Orioles, Boston Red Sox, Chicago Cubs,
Chicago White Sox, Cincinnati Reds, Cleveland Guardians, Colorado Rockies, Detroit Tigers,
Houston Astros, Kansas City Royals, Los Angeles Angels, Los Angeles Dodgers, Miami Marlins,
Milwaukee Brewers, Minnesota Twins, New York Mets, New York Yankees, Oakland Athletics,
Philadelphia Phillies, Pittsburgh Pirates, San Diego Padres, San Francisco Giants, Seattle Mariners,
St. Louis Cardinals, Tampa Bay Rays, Texas Rangers, Toronto Blue Jays, Washington Nationals
"""
# The one-word city part of a team is a place; the nickname alone ("Sabres") is the team.
_CITY_WORDS = 3


def companies(source: Path) -> set[str]:
    data = json.loads(gzip.decompress(source.read_bytes()))
    names: set[str] = set()
    for _cik, name, _ticker, _exchange in data["data"]:
        bare = _LEGAL.sub("", name.strip()).strip(" ,.&")
        if len(bare) >= 3:
            names.add(bare)
    return names


def clubs(source: Path) -> set[str]:
    names: set[str] = set()
    with tarfile.open(source) as archive:
        for member in archive.getmembers():
            if not member.name.endswith(".clubs.txt"):
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            for line in handle.read().decode("utf-8").splitlines():
                line = line.split("#", 1)[0].rstrip()
                if not line.strip() or line.lstrip().startswith(("=", "[")):
                    continue
                if line.lstrip().startswith("|"):
                    names.update(a.strip() for a in line.split("|") if a.strip())
                elif not line.startswith(" "):
                    names.add(line.split(",", 1)[0].strip())
    return {n for n in names if len(n) >= 3}


def teams() -> set[str]:
    names: set[str] = set()
    for line in TEAMS.split("\n"):
        for team in line.split(":", 1)[-1].split(","):
            team = team.strip()
            if not team:
                continue
            names.add(team)
            nickname = team.split()[-1]
            if nickname[0].isalpha():
                names.add(nickname)  # "Sabres", "Red Wings" (two words) below
            names.add(" ".join(team.split()[-2:]))
    return names


def first_names(corpora: Path) -> set[str]:
    """First words of people's names in the NER corpora (Wikigold, BTC, WNUT-17; CC BY 4.0),
    as "Dries Mertens" reads as a person from "Dries"."""
    counts: dict[str, int] = {}
    for name in ("wikigold.conll", "btc.conll", "wnut17.conll"):
        previous = "O"
        for line in (corpora / name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            tag = parts[-1] if len(parts) >= 2 else "O"
            opens = tag.endswith(("PER", "person")) and (
                tag.startswith("B-") or not previous.endswith(tag[2:])
            )
            word = parts[0] if parts else ""
            if opens and word[:1].isupper() and word[1:].islower() and len(word) >= 3:
                counts[word] = counts.get(word, 0) + 1
            previous = tag
    return set(counts)


def main() -> int:
    shared = HERE.parents[3] / "shared"
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else shared / "knowledge"
    corpora = Path(sys.argv[2]) if len(sys.argv) > 2 else shared / "ner-train"
    rows = sorted(
        {("company", n) for n in companies(source / "sec-company-tickers-exchange.json.gz")}
        | {("club", n) for n in clubs(source / "openfootball-clubs.tar.gz")}
        | {("team", n) for n in teams()}
    )
    names = sorted(first_names(corpora))
    FIRST_NAMES.write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
    print(f"{len(names)} first names written to {FIRST_NAMES}")
    OUT.write_text("".join(f"{kind}\t{name}\n" for kind, name in rows), encoding="utf-8")
    print(f"{len(rows)} names written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
