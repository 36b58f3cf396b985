"""Our own gold-annotated articles (tests/data/eval/own): coverage and consistency.

Their score floors are checked with the dev set's in tests/test_quality_gate.py.

The articles were written for this project in Daily NK / Yonhap style and annotated by the
rules of ../shared/eval/README.md before the extractor was run on them (see the README.md
beside them). Unlike the dev set they ship with the repository, so nothing here is skipped.
The coverage tests keep the set honest when an
article is edited: every incident and directive type of SPEC.md, the spelling variants, the
MSS ambiguity and the relative-date forms stay in it, and the gold stays consistent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from kg.evaluate import GOLD_SUFFIX
from kg.namespaces import SCHEMES, SKOS, VOCAB
from kg.ontology_files import ontology_dir

OWN = Path(__file__).resolve().parent / "data" / "eval" / "own"
GOLDS = sorted(OWN.glob("*" + GOLD_SUFFIX))

# The concept names of SPEC.md ("SKOS concept schemes").
SPEC = {
    "incident": ("Defection", "ReturnDefection", "Repatriation", "Arrest", "Punishment",
                 "Search", "Lockdown", "Surveillance", "Quarantine", "MarketDisruption",
                 "Shortage", "Mobilization", "Smuggling", "Unrest", "Disaster"),
    "directive": ("Order", "Decree", "Campaign"),
    "agency": ("SecurityService", "Police", "Military", "BorderGuard", "PartyOrgan",
               "StateAdministration", "LocalGovernment", "NeighbourhoodUnit", "Judiciary",
               "HealthAuthority", "StateMedia", "ForeignAgency", "Enterprise"),
    "place": ("Country", "Province", "City", "County", "District", "Village", "River",
              "Mountain", "Facility", "Region"),
}

# (canonical name, a form the text uses): the spellings a reader of the news meets.
SPELLINGS = [
    ("North Hamgyong Province", "North Hamkyung Province"),
    ("North Hamgyong Province", "N. Hamgyong Province"),
    ("South Hamgyong Province", "South Hamkyung Province"),
    ("Ryanggang Province", "Yangkang Province"),
    ("Ryanggang Province", "Ryanggang Province"),
    ("Ryanggang Province", "Yanggang Province"),
    ("Sakchu County", "Sakju County"),
    ("Sakchu County", "Sakchu County"),
    ("Hyesan", "Hyesan's"),
    ("Chongjin", "Chongjin's"),
    ("Pyongsong", "Pyongsong’s"),
    ("Sinuiju", "Sinŭiju"),
    ("Hamhung", "Hamhŭng"),
    ("Gangwon Province", "Gangwon Province"),
]

# (published before the renaming of May 2020?, agency the text means, the form used)
MSS_READINGS = [
    (True, "Ministry of State Security", "MSS"),
    (True, "Ministry of People's Security", "Ministry of People's Security"),
    (False, "Ministry of State Security", "MSS"),
    (False, "Ministry of Social Security", "MSS"),
    (False, "Ministry of Social Security", "Ministry of Social Security"),
]
RENAMING = "2020-05"

RELATIVE_DATES = ["last month", "early last week", "on Sunday", "on the 7th", "late April",
                  "Aug. 2", "the day after the arrest", "this year", "earlier this month"]


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _article(gold: Path) -> Path:
    return gold.with_name(gold.name[:-len(GOLD_SUFFIX)] + ".md")


ALL = {path.name: _gold(path) for path in GOLDS}


# -- coverage ---------------------------------------------------------------------------
def test_the_set_is_markdown_articles_each_with_its_gold():
    articles = sorted(p.name for p in OWN.iterdir() if p.name != "README.md"
                      and not p.name.endswith(GOLD_SUFFIX))
    assert 16 <= len(GOLDS) <= 800
    assert articles == sorted(_article(g).name for g in GOLDS)


@pytest.mark.parametrize("scheme", ["incident", "directive"])
def test_spec_table_is_the_vocabulary(scheme):
    """The table above lists every concept of the scheme in ontology/vocab.ttl."""
    in_scheme = NamedNode(SKOS + "inScheme")
    target = NamedNode(VOCAB + SCHEMES[scheme])
    with (ontology_dir() / "vocab.ttl").open("rb") as handle:
        concepts = {t.subject.value.rsplit("/", 1)[-1]
                    for t in parse(handle, format=RdfFormat.TURTLE)
                    if t.predicate == in_scheme and t.object == target}
    assert concepts == set(SPEC[scheme])


@pytest.mark.parametrize(("scheme", "concept"),
                         [(s, c) for s in ("incident", "directive") for c in SPEC[s]])
def test_gold_covers_every_type(scheme, concept):
    found = [name for name, gold in ALL.items()
             if any(item["type"] == concept for item in gold[scheme + "s"])]
    assert found, f"no gold {scheme} of type {concept} in {OWN}"


def test_a_numbered_decree_carries_its_identifier():
    """A decree its evidence numbers ("Order No. 27") carries the identifier; one the text
    neither names nor numbers ("a law passed in 2021") may have none."""
    decrees = [d for gold in ALL.values() for d in gold["directives"] if d["type"] == "Decree"]
    numbered = [d for d in decrees if re.search(r"\bNo\.\s*\d+", d["evidence"])]
    assert numbered and all(d["identifier"] and re.search(r"\d", d["identifier"])
                            for d in numbered)
    assert sum(1 for d in decrees if d["identifier"]) >= 0.9 * len(decrees)


@pytest.mark.parametrize(("name", "form"), SPELLINGS)
def test_gold_covers_spelling(name, form):
    assert any(entity["name"] == name and form in entity["surface"]
               for gold in ALL.values() for entity in gold["places"]), (name, form)


@pytest.mark.parametrize(("before", "agency", "form"), MSS_READINGS)
def test_gold_covers_mss_reading(before, agency, form):
    assert any((gold["published"] < RENAMING) == before and entity["name"] == agency
               and form in entity["surface"]
               for gold in ALL.values() for entity in gold["agencies"])


@pytest.mark.parametrize("expression", RELATIVE_DATES)
def test_articles_use_relative_date(expression):
    texts = [_article(g).read_text(encoding="utf-8").lower() for g in GOLDS]
    assert any(expression.lower() in text for text in texts)


def test_a_directive_answers_an_incident():
    assert any(d["responds_to_incident"] is not None
               for gold in ALL.values() for d in gold["directives"])


# -- consistency of each gold file ------------------------------------------------------
def _frame_problems(gold: dict, text: str, scheme: str) -> list[str]:
    places = {e["name"] for e in gold["places"]}
    actors = {e["name"] for c in ("agencies", "persons") for e in gold[c]}
    problems = []
    for item in gold[scheme + "s"]:
        where = f"{scheme} {item['type']}"
        if item["type"] not in SPEC[scheme]:
            problems.append(f"{where}: not a type of SPEC.md")
        problems += [f"{where}: place {p} not a gold place" for p in item["places"]
                     if p not in places]
        if (item["date"] or "") > gold["published"]:
            problems.append(f"{where}: date after publication")
        if item["evidence"] not in text:
            problems.append(f"{where}: evidence not in the text")
        if item.get("issuer") and item["issuer"] not in actors:
            problems.append(f"{where}: issuer {item['issuer']} not a gold agency or person")
        respond = item.get("responds_to_incident")
        if respond is not None and not 0 <= respond < len(gold["incidents"]):
            problems.append(f"{where}: responds to a missing incident")
    return problems


@pytest.mark.parametrize("gold_name", sorted(ALL))
def test_gold_is_consistent(gold_name):
    """Concept names of SPEC.md, forms and evidence from the text, frames pointing at
    entities of the same gold file."""
    gold = ALL[gold_name]
    text = _article(OWN / gold_name).read_text(encoding="utf-8")
    problems = [f"{e['name']}: {field} {e[field]}"
                for category, field, scheme in (("places", "kind", "place"),
                                                ("agencies", "category", "agency"))
                for e in gold[category] if e[field] not in SPEC[scheme]]
    problems += [f"surface {s!r} not in the text" for c in ("places", "agencies", "persons")
                 for e in gold[c] for s in e["surface"] if s not in text]
    problems += _frame_problems(gold, text, "incident") + _frame_problems(gold, text, "directive")
    assert not problems, problems
