"""The reference data under ontology/ and its loader (kg.reference) and build script."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, serialize
from rdflib import Dataset

from kg.errors import DataError
from kg.linking import link_quads
from kg.namespaces import GEO, GSP, KG, RDFS, SKOS, XSD, Iris, concept
from kg.reference import (
    Reference,
    default_directory,
    fold_name,
    load_reference,
    reference_quads,
)

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "scripts" / "build_reference.py"

#: The SPEC's incident and directive types: each needs at least one trigger.
SPEC_TYPES = {
    "incident": ["Defection", "ReturnDefection", "Repatriation", "Arrest", "Punishment",
                 "Search", "Lockdown", "Surveillance", "Quarantine", "MarketDisruption",
                 "Shortage", "Mobilization", "Smuggling", "Unrest", "Disaster"],
    "directive": ["Order", "Decree", "Campaign"],
}
SPEC_PAIRS = [(frame, kind) for frame, kinds in SPEC_TYPES.items() for kind in kinds]


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference(ONTOLOGY)


def candidates(ref: Reference, kind: str, surface: str, on: dt.date) -> set[str]:
    """The ids a surface form can name on a publication date (exact names verbatim)."""
    out = set()
    for n in ref.names:
        if n.kind != kind or not n.valid_on(on):
            continue
        if (n.name == surface) if n.case == "exact" else fold_name(n.name) == fold_name(surface):
            out.add(n.ref)
    return out


# ---- the real files ----------------------------------------------------------------------

def test_every_place_chains_up_to_a_country(ref: Reference) -> None:
    for pid, place in ref.places.items():
        chain = ref.parents(pid)
        top = ref.places[chain[-1]] if chain else place
        assert top.kind == "Country", pid
        assert all(p in ref.places for p in chain)
        assert (place.kind == "Country") == (place.parent is None), pid


def test_every_name_names_an_existing_record(ref: Reference) -> None:
    tables = {"place": ref.places, "agency": ref.agencies, "person": ref.persons}
    assert ref.names
    for n in ref.names:
        assert n.ref in tables[n.kind], n
        assert n.case in ("any", "exact")
        assert fold_name(n.name), n


def test_agency_links_resolve(ref: Reference) -> None:
    for agency in ref.agencies.values():
        assert agency.parent is None or agency.parent in ref.agencies
        assert agency.replaced_by is None or agency.replaced_by in ref.agencies
        assert agency.country is None or ref.places[agency.country].kind == "Country"


def test_a_place_name_shared_by_places_is_marked_ambiguous(ref: Reference) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for n in ref.names:
        if n.kind == "place":
            owners[fold_name(n.name)].add(n.ref)
    canonical = [fold_name(p.name) for p in ref.places.values()]
    assert len(canonical) == len(set(canonical)), "two places with the same canonical name"
    for n in ref.names:
        if n.kind == "place" and len(owners[fold_name(n.name)]) > 1 and n.note:
            assert n.note.startswith("ambiguous:"), n
    shared = {k for k, v in owners.items() if len(v) > 1}
    assert shared <= {fold_name(n.name) for n in ref.names
                      if n.kind == "place" and n.note.startswith("ambiguous:")}


def test_external_ids_are_unique(ref: Reference) -> None:
    for column in ("geonames", "wikidata"):
        values = [getattr(p, column) for p in ref.places.values() if getattr(p, column)]
        assert len(values) == len(set(values)), column


@pytest.mark.parametrize(("surface", "published", "expected"), [
    ("MSS", "2015-06-01", {"mss_state_security"}),
    ("MSS", "2021-03-25", {"mss_state_security", "mss_social_security"}),
    ("MPS", "2015-09-09", {"mps_peoples_security"}),
    ("MPS", "2021-03-25", set()),
    ("police", "2015-09-09", {"mps_peoples_security"}),
    ("police", "2020-05-24", {"mss_social_security"}),
    ("Ministry of People's Security", "2015-09-09", {"mps_peoples_security"}),
    ("Mss", "2015-06-01", set()),  # abbreviations are matched verbatim
    ("People's Safety Agency", "2013-04-11", {"mps_peoples_security"}),
    ("Border Security Command", "2011-08-25", {"border_guard"}),
    ("109 groups", "2013-04-11", {"group_109"}),
])
def test_agency_names_depend_on_the_publication_date(
        ref: Reference, surface: str, published: str, expected: set[str]) -> None:
    assert candidates(ref, "agency", surface, dt.date.fromisoformat(published)) == expected


def test_renaming_history_links_the_police_ministries(ref: Reference) -> None:
    assert ref.agencies["mps_peoples_security"].replaced_by == "mss_social_security"
    assert ref.agencies["mps_peoples_security"].category == "Police"


@pytest.mark.parametrize(("published", "expected"), [
    ("1990-01-01", "kim-il-sung"), ("2005-05-05", "kim-jong-il"),
    ("2011-12-16", "kim-jong-il"), ("2011-12-17", "kim-jong-un"), ("2020-08-03", "kim-jong-un"),
])
def test_the_leader_is_whoever_led_at_publication(
        ref: Reference, published: str, expected: str) -> None:
    assert candidates(ref, "person", "the leader", dt.date.fromisoformat(published)) == {expected}


@pytest.mark.parametrize(("surface", "expected"), [
    ("North Hamkyung Province", "north_hamgyong"), ("N. Hamgyong", "north_hamgyong"),
    ("South Phyongan", "south_pyongan"), ("Yanggang Province", "ryanggang"),
    ("Yangkang", "ryanggang"), ("Musan-gun", "musan_county"), ("Musan", "musan_county"),
    ("Chasong", "chasong_county"), ("Hoeryong-si", "hoeryong"), ("P’yŏngyang", "pyongyang"),
    # another name with the kind word the canonical name carries
    ("Onsung County", "onsong_county"), ("Onseong County", "onsong_county"),
    # a county WOF lists without a seat town, matched to its GeoNames ADM2 record
    ("Paegam County", "paekam_county"), ("Hamju", "hamju_county"), ("Rangnim", "nangnim_county"),
])
def test_reader_spellings_name_the_place(ref: Reference, surface: str, expected: str) -> None:
    assert expected in candidates(ref, "place", surface, dt.date(2021, 1, 1))


@pytest.mark.parametrize("surface", ["Chinese", "North Korean", "Kim Chaek", "Kim Jong Suk",
                                     "Hwasong", "Choson", "Korea, North"])
def test_dangerous_words_name_no_place(ref: Reference, surface: str) -> None:
    assert candidates(ref, "place", surface, dt.date(2021, 1, 1)) == set()


def test_who_s_on_first_adds_counties_with_their_province(ref: Reference) -> None:
    added = [p for p in ref.places.values() if p.source.startswith("wof:")]
    assert added
    for place in added:
        assert place.kind in ("County", "City")
        assert ref.places[place.parent].kind in ("Province", "City")
        assert place.geonames or place.wikidata or place.lat is not None
    assert ref.places["chasong_county"].parent == "chagang"
    # a county without a seat town in WOF, linked to its GeoNames ADM2 record
    assert (ref.places["paekam_county"].parent, ref.places["paekam_county"].geonames) == \
        ("ryanggang", "2042211")


# ---- triggers and cues ---------------------------------------------------------------------

@pytest.mark.parametrize(("frame", "kind"), SPEC_PAIRS)
def test_every_spec_type_has_a_trigger(ref: Reference, frame: str, kind: str) -> None:
    assert any(t.frame == frame and t.type == kind for t in ref.triggers)


def test_triggers_are_compiled_and_never_match_empty_text(ref: Reference) -> None:
    assert len({t.id for t in ref.triggers}) == len(ref.triggers)
    for t in ref.triggers:
        assert isinstance(t.pattern, re.Pattern)
        assert t.pattern.flags & re.IGNORECASE
        assert t.pattern.search("") is None and t.pattern.search(" , . ") is None, t.id


@pytest.mark.parametrize(("sentence", "kind", "fires"), [
    ("Three women crossed the Tumen River last week.", "Defection", True),
    ("The man was forcibly repatriated by Chinese police.", "Repatriation", True),
    ("He was later re-defected to the North.", "ReturnDefection", True),
    ("Two smugglers were arrested in Hyesan.", "Arrest", True),
    ("The factory caught fire on Monday.", "Arrest", False),
    ("The factory caught fire on Monday.", "Disaster", True),
    ("They were sent to a labor camp.", "Punishment", True),
    ("The county was sealed off for a month.", "Lockdown", True),
    ("Markets were closed across the province.", "MarketDisruption", True),
    ("Local markets, which normally stay open, have also been closed.", "MarketDisruption", True),
    ("Rice prices have soared since spring.", "Shortage", True),
    ("Students were mobilized for rice planting.", "Mobilization", True),
    ("Residents staged a protest.", "Unrest", True),
    ("He went there in order to buy rice.", "Order", False),
    ("Kim ordered officials to tighten control.", "Order", True),
    ("The cabinet issued Decree No. 12 on Monday.", "Decree", True),
    ("The 80-day battle began in October.", "Campaign", True),
    ("The campaign ended.", "Campaign", False),
])
def test_trigger_examples(ref: Reference, sentence: str, kind: str, fires: bool) -> None:
    hit = any(t.pattern.search(sentence) for t in ref.triggers
              if t.type == kind and not t.id.endswith(".retold"))
    assert hit is fires


def test_cue_kinds_and_number_words(ref: Reference) -> None:
    assert {"negation", "hypothetical", "report", "source", "identifier",
            "participants"} <= set(ref.cues)
    assert ref.numbers["sixteen"] == 16 and ref.numbers["twenty-five"] == 25


@pytest.mark.parametrize(("kind", "text", "found"), [
    ("participants", "two families or eight people in total escaped",
     "two families or eight people"),
    ("participants", "Sixteen North Koreans from three families fled", "Sixteen North Koreans"),
    ("participants", "About a hundred people starved", "a hundred people"),
    ("identifier", "the so-called Order No. 205 was issued", "Order No. 205"),
    ("source", "a source in North Hamgyong Province told Daily NK",
     "a source in North Hamgyong Province"),
    ("source", "a Daily NK source said", "a Daily NK source"),
    ("negation", "they failed to cross", "failed to"),
    ("speech", "a week before I called", "I called"),
])
def test_cue_examples(ref: Reference, kind: str, text: str, found: str) -> None:
    matches = [m.group() for c in ref.cues[kind] for m in [c.pattern.search(text)] if m]
    assert found in matches


# ---- malformed rows ------------------------------------------------------------------------

@pytest.mark.parametrize(("file_name", "row", "message"), [
    ("places.tsv", "bad_place\tBad\tCounty\tnowhere\t\t\t\t\t\tx", "unknown parent 'nowhere'"),
    ("places.tsv", "bad_place\tBad\tPlanet\tnorth_korea\t\t\t\t\t\tx", "unknown place kind"),
    ("places.tsv", "musan_county\tMusan\tCounty\tnorth_korea\t\t\t\t\t\tx", "duplicate id"),
    ("places.tsv", "bad_place\tBad\tCounty\tnorth_korea\t\t\t\tnorth\t1\tx", "bad coordinate"),
    ("places.tsv", "bad_place\tBad\tCounty\tnorth_korea\t\t\tP42\t\t\tx", "bad Wikidata QID"),
    ("places.tsv", "bad_place\tBad\tCounty", "expected 10 tab-separated columns"),
    ("place_names.tsv", "atlantis\tAtlantis\t", "unknown place 'atlantis'"),
    ("agencies.tsv", "bad\tBad\tSecretSociety\tnorth_korea\t\t\t\t", "unknown agency category"),
    ("agencies.tsv", "bad\tBad\tPolice\tnorth_korea\tnobody\t\t\t", "unknown parent 'nobody'"),
    ("agencies.tsv", "bad\tBad\tPolice\tmusan_county\t\t\t\t", "is not a Country"),
    ("agency_names.tsv", "kpa\tKorean Army\tsometimes\t\t\t", "case must be"),
    ("agency_names.tsv", "kpa\tKorean Army\tany\t2020-13-01\t\t", "bad date"),
    ("agency_names.tsv", "kpa\tKorean Army\tany\t2020\t2019\t", "valid_to is before"),
    ("person_names.tsv", "nobody\tNo One\tany\t\t", "unknown person 'nobody'"),
    ("triggers.tsv", "inc.bad\tincident\tArrest\t(unclosed\t", "does not compile"),
    ("triggers.tsv", "inc.bad\tincident\tPicnic\tpicnic\t", "unknown incident type"),
    ("triggers.tsv", "inc.bad\tdirective\tArrest\tarrest\t", "unknown directive type"),
    ("cues.tsv", "cue.bad\tmood\tsad\t", "unknown cue kind"),
    ("numbers.tsv", "umpteen\tmany", "whole number"),
])
def test_a_malformed_row_names_file_and_line(tmp_path: Path, file_name: str, row: str,
                                             message: str) -> None:
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, copy)
    path = copy / file_name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    line = len((text + row).splitlines())
    with pytest.raises(DataError) as info:
        load_reference(copy)
    assert f"{file_name}:{line}: " in str(info.value)
    assert message in str(info.value)


def test_a_wrong_header_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, copy)
    path = copy / "numbers.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("word\tvalue", "word\tamount"),
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"numbers\.tsv:\d+: header must be"):
        load_reference(copy)


def test_the_environment_moves_the_directory_and_loads_are_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(ONTOLOGY, copy)
    monkeypatch.setenv("KG_ONTOLOGY", str(copy))
    assert default_directory() == copy
    first = load_reference()
    assert first.directory == copy.resolve()
    assert load_reference(copy) is first


# ---- RDF -----------------------------------------------------------------------------------

def test_reference_and_link_graphs_are_valid_rdf(ref: Reference) -> None:
    iris = Iris("https://example.org/id/")
    quads = reference_quads(ref, iris) + link_quads(ref, iris)
    store = Store()
    store.extend(quads)
    data = serialize(store, format=RdfFormat.N_QUADS)
    parsed = Dataset()
    parsed.parse(data=data.decode(), format="nquads")
    assert len(list(parsed.quads())) == len(store)
    assert {q.graph_name for q in quads} == {iris.graph("reference"), iris.graph("links")}


def test_north_hamgyong_in_the_reference_and_links_graphs(ref: Reference) -> None:
    iris = Iris("https://example.org/id/")
    store = Store()
    store.extend(reference_quads(ref, iris) + link_quads(ref, iris))
    place = iris.place("north_hamgyong")
    reference, links = iris.graph("reference"), iris.graph("links")
    kinds = [q.object for q in store.quads_for_pattern(
        place, NamedNode(KG + "placeKind"), None, reference)]
    assert kinds == [concept("place", "Province")]
    labels = {q.object.value for q in store.quads_for_pattern(
        place, NamedNode(SKOS + "altLabel"), None, reference)}
    assert "North Hamkyung Province" in labels
    assert any(q.object == Literal("North Hamgyong Province") for q in store.quads_for_pattern(
        place, NamedNode(RDFS + "label"), None, reference))
    matches = {q.object for q in store.quads_for_pattern(
        place, NamedNode(SKOS + "exactMatch"), None, links)}
    assert NamedNode("https://sws.geonames.org/2044245/") in matches
    assert NamedNode("http://www.wikidata.org/entity/Q109361") in matches
    lat = next(store.quads_for_pattern(place, NamedNode(GEO + "lat"), None, links)).object
    assert lat.datatype == NamedNode(XSD + "decimal")
    geometry = NamedNode(place.value + "/geometry")
    wkt = next(store.quads_for_pattern(geometry, NamedNode(GSP + "asWKT"), None, links)).object
    assert wkt.datatype == NamedNode(GSP + "wktLiteral")
    assert re.fullmatch(r"POINT\(129\.\d+ 41\.\d+\)", wkt.value)


# ---- the build script ----------------------------------------------------------------------

def _script():
    spec = importlib.util.spec_from_file_location("build_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("text", "kind"), [
    ("capital city (directly governed city)", "City"), ("special city", "City"),
    ("prefecture-level city", "City"), ("county seat (Changbai Korean Autonomous County)", "City"),
    ("workers' district", "District"), ("district (of Hamhung)", "District"),
    ("autonomous prefecture", "Region"), ("nuclear test site (decommissioned 2018)", "Facility"),
    ("federal subject (krai)", "Province"), ("county", "County"),
])
def test_free_text_kinds_map_to_concepts(text: str, kind: str) -> None:
    assert _script().place_kind(text) == kind


def test_rule_variants_of_a_province() -> None:
    forms = _script().rule_variants("North Hamgyong Province", "Province", korean=True)
    for expected in ("North Hamgyong", "N. Hamgyong Province", "North Hamkyung",
                     "N. Hamkyong"):
        assert expected in forms


def test_other_names_take_the_kind_word_unless_they_carry_one() -> None:
    names = ["Onsung", "Onsong-gun", "Hamgyong-bukto", "Capital of Willows", "Onsung County"]
    assert _script().with_kind_word(names, "County") == ["Onsung County"]
    assert _script().with_kind_word(["Onsung"], "River") == []


@pytest.mark.skipif(not (SHARED / "data" / "places.tsv").exists(),
                    reason="the shared reference data (../shared) is not available")
def test_build_script_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(SCRIPT), "--shared", str(SHARED), "--out", str(out)],
                       check=True, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert set(outputs[0]) == {"places.tsv", "place_names.tsv", "agencies.tsv",
                               "agency_names.tsv"}
    assert outputs[0] == outputs[1]
