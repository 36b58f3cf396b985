"""Gazetteer linking: reference links, name matching with context, the links graph, `kg link`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode

from kg.cli_link import link
from kg.disambiguate import (
    Context,
    GazetteerIndex,
    decide,
    load_name_keys,
)
from kg.emit import emit
from kg.export import export
from kg.geonames import feature_of, load_features, load_gazetteer
from kg.linking import link_quads, place_level, relink
from kg.model import Article, Entity, Extraction, Frame, Metadata, RawArticle, Sentence
from kg.namespaces import GEO, KG, RDF, SKOS, concept, slugify
from kg.pipeline import Converter
from kg.reference import fold_name, load_reference
from kg.store import KgStore

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
SHARED_PLACES = ROOT.parent / "shared" / "data" / "places.tsv"
GEONAMES = ROOT / "tests" / "data" / "geonames"
GN = "https://sws.geonames.org/"
WD = "http://www.wikidata.org/entity/"
MATCH = NamedNode(SKOS + "exactMatch")
CANDIDATE = NamedNode(KG + "candidate")
REF = load_reference(ONTOLOGY)


def matches(store: KgStore, iri: NamedNode) -> set[str]:
    return {q.object.value for q in store.raw.quads_for_pattern(
        iri, MATCH, None, store.iris.graph("links"))}


def objects(store: KgStore, s: NamedNode, p: str) -> list:
    return sorted((q.object for q in store.raw.quads_for_pattern(
        s, NamedNode(p), None, store.iris.graph("links"))), key=str)


# ---- every place of the shared reference data, in every spelling ------------------------------

def _variants(row: dict[str, str]) -> list[str]:
    """The name and the alt names a reader meets ("A/B" is two names); index inversions
    ("Korea, North"), parenthetical remarks and the names dropped on purpose
    (scripts/curated_names.tsv) are not names the matcher should know."""
    dropped = {fold_name(line.split("\t")[2]) for line in
               (ROOT / "scripts" / "curated_names.tsv").read_text(encoding="utf-8").splitlines()
               if line.startswith("place\t-\t")}
    out = []
    for name in [row["name"], *(n for alt in row["alt_names"].split("|")
                                for n in alt.split("/"))]:
        name = name.strip()
        if name and "," not in name and "(" not in name and fold_name(name) not in dropped:
            out.append(name)
    return list(dict.fromkeys(out))


SHARED_ROWS = ([r for r in csv.DictReader(SHARED_PLACES.open(encoding="utf-8"), delimiter="\t")
                if r["geonames_id"] or r["wikidata_qid"]] if SHARED_PLACES.exists() else [])
CASES = [pytest.param(r["id_slug"], v, id=f"{r['id_slug']}:{v}")
         for r in SHARED_ROWS for v in _variants(r)]


@pytest.fixture(scope="module")
def variant_store():
    """One article per place that names it in every variant, one sentence each; linked.
    Returns the store and, per (place, variant), the mentions found in its sentence."""
    converter = Converter(REF)
    store = KgStore(None)
    found = {}
    for row in SHARED_ROWS:
        sentences = [f"Reports came from {v} last week." for v in _variants(row)]
        raw = RawArticle(row["id_slug"].replace("_", "-"), "t.txt", " ".join(sentences),
                         Metadata(published=dt.date(2021, 3, 1)))
        converted = converter.convert(raw)
        store.replace_graph(store.iris.article_graph(raw.article_id), converted.quads)
        text, start = converted.article.text, 0
        for variant, sentence in zip(_variants(row), sentences, strict=True):
            start = text.index(sentence, start)
            end = start + len(sentence)
            found[(row["id_slug"], variant)] = [
                m for m in converted.extraction.mentions if start <= m.start < end]
            start = end
    relink(store, ref=REF, directory=ONTOLOGY)
    return store, found


@pytest.mark.skipif(not SHARED_ROWS, reason="../shared/data/places.tsv is not beside the repo")
@pytest.mark.parametrize("place, variant", CASES)
def test_every_variant_of_a_reference_place_links_to_exactly_its_ids(variant_store, place,
                                                                     variant) -> None:
    store, found = variant_store
    row = next(r for r in SHARED_ROWS if r["id_slug"] == place)
    mentions = found[(place, variant)]
    assert mentions and {m.ref for m in mentions} == {place}, mentions
    expected = {f"{GN}{row['geonames_id']}/" if row["geonames_id"] else None,
                WD + row["wikidata_qid"] if row["wikidata_qid"] else None} - {None}
    assert matches(store, store.iris.place(place)) == expected
    if row["lat"]:
        lat = objects(store, store.iris.place(place), GEO + "lat")
        assert [float(x.value) for x in lat] == [float(row["lat"])]


# ---- audit records of reference links ----------------------------------------------------------

def test_a_reference_link_has_an_audit_node() -> None:
    store = KgStore(None)
    store.raw.extend(link_quads(REF, store.iris))
    musan = store.iris.place("musan_county")
    node = NamedNode(musan.value + "/link/geonames")
    assert objects(store, musan, KG + "gazetteerLink") == sorted(
        [node, NamedNode(musan.value + "/link/wikidata")], key=str)
    assert objects(store, node, RDF + "type") == [NamedNode(KG + "GazetteerLink")]
    assert objects(store, node, KG + "target") == [NamedNode(f"{GN}2042740/")]
    assert objects(store, node, KG + "linkMethod") == [Literal("reference-data")]
    assert objects(store, node, KG + "matchLevel") == [Literal("county")]
    assert any("admin2Codes" in s.value for s in objects(store, node, KG + "linkSource"))


def test_the_level_rule_agrees_with_the_gazetteer_features() -> None:
    """A reference link's match level (from its kind) is that of the GeoNames record."""
    features = load_features(ONTOLOGY)
    by_id = {r.geonames: r for r in load_gazetteer(ONTOLOGY)}
    checked = 0
    for place in REF.places.values():
        if place.geonames in by_id:
            assert place_level(place) == feature_of(by_id[place.geonames].feature,
                                                    features).level, place.id
            checked += 1
    assert checked > 100


# ---- choosing among same-named places ----------------------------------------------------------

@pytest.fixture(scope="module")
def index() -> GazetteerIndex:
    return GazetteerIndex(load_gazetteer(ONTOLOGY), load_features(ONTOLOGY),
                          load_name_keys(ONTOLOGY), REF.parents)


def _context(nearby=(), article=(), countries=("north_korea",)) -> Context:
    return Context(frozenset(nearby),
                   frozenset(p for p in nearby if REF.places[p].kind in {"Province", "County"}),
                   (), frozenset(article) | frozenset(nearby), frozenset(countries))


@pytest.mark.parametrize("label, kind, nearby, article, status, chosen", [
    # Musan: the town and the county in North Hamgyong, a village in North Pyongan
    ("Musan", None, ["north_pyongan"], [], "linked", "1874133"),
    ("Musan", None, ["north_hamgyong"], [], "ambiguous", None),  # the town or the county?
    ("Musan", "County", ["north_hamgyong"], [], "linked", "2042740"),
    ("Musan-gun", None, ["north_hamgyong"], [], "linked", "2042740"),
    ("Musan", "City", ["north_hamgyong"], [], "linked", "2042738"),
    # Hwasong: a town of 100,000 in North Hamgyong and villages in four provinces
    ("Hwasong", None, ["north_hamgyong"], [], "linked", "2042709"),
    ("Hwasong", None, ["south_hwanghae"], [], "ambiguous", None),
    ("Hwasong", None, ["ryanggang"], [], "ambiguous", None),  # context contradicts the name
    ("Hwasong", None, [], [], "linked", "2042709"),  # the only prominent one
    ("Hwasong", None, [], ["south_hwanghae"], "ambiguous", None),
    # Kosong: a county in Kangwon and a dozen villages
    ("Kosong", None, ["south_pyongan"], [], "linked", "1875615"),
    ("Kosong", None, ["north_pyongan"], [], "ambiguous", None),
    ("Kosong", "County", ["kangwon"], [], "linked", "1875619"),
    ("Kosong", "Village", [], [], "ambiguous", None),
    ("Kosong", None, ["onsong_county"], [], "unlinked", None),  # only Onsong's bogus alias
    # Kaesong: the city is no industrial zone
    ("Kaesong Industrial Complex", "Facility", ["kaesong"], [], "unlinked", None),
    ("Kaesong", "Facility", [], [], "unlinked", None),
    # insufficient evidence: one village of that name, nothing says which region
    ("Talchemal", None, [], [], "unlinked", None),
    ("Talchemal", None, [], ["south_pyongan"], "linked", "1868537"),
    # a district of a city is not a village of the same name
    ("Pohang District", None, [], ["north_hamgyong"], "unlinked", None),
])
def test_decide(index, label, kind, nearby, article, status, chosen) -> None:
    key, generic = index.keys.key(label)
    d = decide(index.candidates(label), key, kind or generic,
               _context(nearby, article))
    assert d.status == status, d.reason
    assert (d.chosen.record.geonames if d.chosen else None) == chosen
    if status != "linked":
        assert d.chosen is None and d.reason


def test_candidates_outside_the_article_countries_are_out(index) -> None:
    key, _ = index.keys.key("Pohang")
    korea_only = decide(index.candidates("Pohang"), key, None, _context())
    assert all(c.record.country == "north_korea" for c in korea_only.candidates)
    with_south = decide(index.candidates("Pohang"), key, None,
                        _context(countries=("north_korea", "south_korea")))
    assert with_south.chosen is not None and with_south.chosen.record.country == "south_korea"


# ---- places the reference data lacks, end to end -----------------------------------------------

def _place(pid: str) -> Entity:
    p = REF.places[pid]
    return Entity("place", pid, p.name, p.kind)


def _unknown(label: str, kind: str | None = None) -> Entity:
    return Entity("place", slugify(label), label, kind, known=False)


def add_article(store: KgStore, article_id: str, frames: list[list[Entity]],
                extra: list[Entity] = ()) -> None:
    """An article graph (through kg.emit) with one Arrest per list of places."""
    sentences, incidents, entities = [], [], list(extra)
    for places in frames:
        text = "People were arrested in " + " and ".join(e.label for e in places) + "."
        start = sum(len(s.text) + 1 for s in sentences)
        sentence = Sentence(start, start + len(text), text)
        sentences.append(sentence)
        incidents.append(Frame("incident", "Arrest", sentence, "arrested",
                               "inc.arrest.arrested", places=list(places)))
        entities += [e for e in places if e not in entities]
    text = " ".join(s.text for s in sentences)
    article = Article(article_id, f"{article_id}.txt", text,
                      Metadata(published=dt.date(2021, 5, 1)), tuple(sentences), "hash")
    quads = emit(Extraction(article, entities, [], incidents, [], []), store.iris)
    store.replace_graph(store.iris.article_graph(article_id), quads)


def test_a_place_the_reference_lacks_is_linked_with_its_context() -> None:
    store = KgStore(None)
    hwasong = _unknown("Hwasong")
    add_article(store, "a1", [[hwasong, _place("north_hamgyong")]])
    report = relink(store, ref=REF, directory=ONTOLOGY)
    iri = store.iris.place("hwasong")
    assert matches(store, iri) == {f"{GN}2042709/"}
    node = NamedNode(iri.value + "/link/geonames")
    assert objects(store, node, KG + "linkMethod") == [Literal("name+nearby")]
    assert objects(store, node, KG + "matchLevel") == [Literal("city")]
    assert objects(store, iri, KG + "locatedIn") == [store.iris.place("myonggan_county")]
    assert objects(store, iri, KG + "placeKind") == [concept("place", "City")]
    assert [float(x.value) for x in objects(store, iri, GEO + "lat")] == [41.25556]
    outcome = next(o for o in report.outcomes if o.iri == iri)
    assert outcome.decision.status == "linked" and outcome.articles == ["a1"]


def test_an_ambiguous_place_keeps_its_candidates_and_no_link() -> None:
    store = KgStore(None)
    add_article(store, "a1", [[_unknown("Hwasong"), _place("south_hwanghae")]])
    relink(store, ref=REF, directory=ONTOLOGY)
    iri = store.iris.place("hwasong")
    assert matches(store, iri) == set()
    assert {c.value for c in objects(store, iri, KG + "candidate")} == {
        f"{GN}{gid}/" for gid in ("1876818", "1949067", "1949070")}


def test_articles_that_disagree_leave_a_shared_iri_unlinked() -> None:
    """"Hwasong" is one minted IRI: North Hamgyong in one article, South Hwanghae in another."""
    store = KgStore(None)
    add_article(store, "a1", [[_unknown("Hwasong"), _place("north_hamgyong")]])
    relink(store, ref=REF, directory=ONTOLOGY)
    assert matches(store, store.iris.place("hwasong"))
    add_article(store, "a2", [[_unknown("Hwasong"), _place("south_hwanghae")]])
    report = relink(store, ref=REF, directory=ONTOLOGY)
    assert matches(store, store.iris.place("hwasong")) == set()
    outcome = next(o for o in report.outcomes if o.iri == store.iris.place("hwasong"))
    assert outcome.decision.status == "ambiguous" and outcome.articles == ["a1", "a2"]


def test_no_link_on_insufficient_evidence() -> None:
    store = KgStore(None)
    add_article(store, "a1", [[_unknown("Talchemal")]], extra=[_place("north_korea")])
    relink(store, ref=REF, directory=ONTOLOGY)
    iri = store.iris.place("talchemal")
    assert matches(store, iri) == set()
    assert [c.value for c in objects(store, iri, KG + "candidate")] == [f"{GN}1868537/"]


def test_the_industrial_zone_never_takes_the_city_links() -> None:
    store = KgStore(None)
    zone = _unknown("Kaesong Industrial Complex", "Facility")
    add_article(store, "a1", [[zone, _place("kaesong")]])
    relink(store, ref=REF, directory=ONTOLOGY)
    assert matches(store, store.iris.place(zone.slug)) == set()
    assert matches(store, store.iris.place("kaesong")) == {f"{GN}12902703/", f"{WD}Q109079"}


def test_relinking_is_idempotent_and_never_stale() -> None:
    store = KgStore(None)
    add_article(store, "a1", [[_unknown("Hwasong"), _place("north_hamgyong")]])
    dumps = []
    for _ in range(2):
        relink(store, ref=REF, directory=ONTOLOGY)
        out = io.BytesIO()
        export(store, out, "nq")
        dumps.append(out.getvalue())
    assert dumps[0] == dumps[1]
    add_article(store, "a2", [[_unknown("Talchemal"), _place("south_pyongan")]])
    relink(store, ref=REF, directory=ONTOLOGY)
    assert matches(store, store.iris.place("talchemal")) == {f"{GN}1868537/"}


def test_a_later_build_keeps_the_links_of_kg_link() -> None:
    """`kg build` reloads the links graph only when the reference data changed."""
    from kg.build import build

    store = KgStore(None)
    add_article(store, "a1", [[_unknown("Hwasong"), _place("north_hamgyong")]])
    relink(store, ref=REF, directory=ONTOLOGY)
    report = build([ROOT / "corpus"], store)
    assert report.ok and report.built
    assert matches(store, store.iris.place("hwasong")) == {f"{GN}2042709/"}


def test_a_known_name_next_to_another_province_is_reported() -> None:
    """"Musan, North Pyongan": the resolver takes Musan County (North Hamgyong); the gazetteer
    has a Musan in North Pyongan, so the report flags it."""
    store = KgStore(None)
    raw = RawArticle("np", "np.txt", "Two smugglers were arrested in Musan, North Pyongan "
                     "Province, last week, a source said.", Metadata(published=dt.date(2021, 5, 1)))
    converted = Converter(REF).convert(raw)
    store.replace_graph(store.iris.article_graph("np"), converted.quads)
    report = relink(store, ref=REF, directory=ONTOLOGY)
    flagged = [(a, known, area, [c.record.geonames for c in found])
               for a, known, area, found in report.suspects]
    assert ("np", "musan_county", "north_pyongan", ["1874133"]) in flagged


# ---- a real GeoNames dump ---------------------------------------------------------------------

def _dump_towns() -> list[tuple[str, str, str]]:
    """(name, GeoNames id, province) of every town of the real dump whose name is no
    reference name and is unique in its province."""
    from kg.geonames import DumpReader, read_admin_codes, read_geonames

    reader = DumpReader(REF, [], read_admin_codes(GEONAMES / "admin1CodesASCII-KP-KR-CN.txt"),
                        read_admin_codes(GEONAMES / "admin2Codes-KP-KR-CN.txt"))
    known = {fold_name(n.name) for n in REF.names if n.kind == "place"}
    keys = load_name_keys(ONTOLOGY)
    rows = [reader.record(g, "x") for g in read_geonames(GEONAMES / "KP-cities5000.txt")]
    seen: dict[tuple[str, str | None], int] = {}
    for r in rows:
        for name in {keys.key(n)[0] for n in r.all_names}:
            seen[(name, r.province)] = seen.get((name, r.province), 0) + 1
    return [(r.name, r.geonames, r.province) for r in rows
            if fold_name(r.name) not in known and r.province
            and seen[(keys.key(r.name)[0], r.province)] == 1]


@pytest.fixture(scope="module")
def empty_gazetteer(tmp_path_factory) -> Path:
    """The ontology with an empty bundled gazetteer: links can only come from the dump."""
    path = tmp_path_factory.mktemp("ontology")
    for f in ONTOLOGY.iterdir():
        if f.is_file():
            shutil.copy(f, path / f.name)
    header = (ONTOLOGY / "gazetteer_places.tsv").read_text(encoding="utf-8").split("\n")
    (path / "gazetteer_places.tsv").write_text(
        next(line for line in header if not line.startswith("#")) + "\n", encoding="utf-8")
    return path


def test_the_real_dump_links_its_towns(empty_gazetteer) -> None:
    towns = _dump_towns()
    assert len(towns) > 40
    store = KgStore(None)
    for n, (name, _, province) in enumerate(towns):
        add_article(store, f"t{n}", [[_unknown(name), _place(province)]])
    ref = load_reference(empty_gazetteer)
    without = relink(store, ref=ref, directory=empty_gazetteer)
    assert not without.by_status("linked")
    relink(store, ref=ref, directory=empty_gazetteer, dumps=[GEONAMES / "KP-cities5000.txt"],
           admin1=GEONAMES / "admin1CodesASCII-KP-KR-CN.txt",
           admin2=GEONAMES / "admin2Codes-KP-KR-CN.txt")
    for name, gid, _ in towns:
        iri = store.iris.place(slugify(name))
        assert matches(store, iri) == {f"{GN}{gid}/"}, name
        node = NamedNode(iri.value + "/link/geonames")
        sources = [s.value for s in objects(store, node, KG + "linkSource")]
        assert sources and all("KP-cities5000.txt" in s for s in sources)


# ---- the command -------------------------------------------------------------------------------

@pytest.fixture
def cli():
    group = click.Group()
    group.add_command(link)
    return group


def test_kg_link_report_lists_unlinked_and_ambiguous_places(tmp_path, cli) -> None:
    location = tmp_path / "store"
    with KgStore(location) as store:
        add_article(store, "a1", [[_unknown("Hwasong"), _place("south_hwanghae")]])
        add_article(store, "a2", [[_unknown("Talchemal")]], extra=[_place("north_korea")])
    result = CliRunner().invoke(cli, ["link", "--report", "--store", str(location)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    ambiguous, unlinked = out.split("unlinked (")[0], out.split("unlinked (")[1]
    assert "Hwasong" in ambiguous and "GeoNames 1949067" in ambiguous
    assert "mentioned in: a1" in ambiguous and "People were arrested in Hwasong" in ambiguous
    assert "Talchemal" in unlinked and "mentioned in: a2" in unlinked
    assert "1 ambiguous" in result.stderr


def test_kg_link_errors_are_one_line(tmp_path, cli) -> None:
    result = CliRunner().invoke(cli, ["link", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    location = tmp_path / "store"
    KgStore(location).close()
    result = CliRunner().invoke(cli, ["link", "--store", str(location),
                                      "--geonames", str(tmp_path / "allCountries.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'allCountries.txt'}: file not found"
