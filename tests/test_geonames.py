"""Reading real GeoNames files (kg.geonames) and the bundled gazetteer and its build script."""

from __future__ import annotations

import importlib.util
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import kg.geonames
from kg.errors import DataError
from kg.geonames import (
    GAZETTEER_COLUMNS,
    DumpReader,
    GazetteerRecord,
    feature_of,
    load_features,
    load_gazetteer,
    merge,
    read_admin_codes,
    read_geonames,
)
from kg.reference import fold_name, load_reference

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "geonames"
CITIES = DATA / "KP-cities5000.txt"
ADMIN1 = DATA / "admin1CodesASCII-KP-KR-CN.txt"
ADMIN2 = DATA / "admin2Codes-KP-KR-CN.txt"
SHARED = ROOT.parent / "shared"
ONTOLOGY = ROOT / "ontology"


@pytest.fixture(scope="module")
def cities():
    return list(read_geonames(CITIES))


def test_the_real_cities5000_rows_are_read(cities) -> None:
    raw = [line.split("\t") for line in CITIES.read_text(encoding="utf-8").splitlines()]
    assert len(cities) == len(raw) == 118
    assert [g.geonames for g in cities] == [cells[0] for cells in raw]
    assert {g.country for g in cities} == {"KP"}
    assert all(g.feature.startswith("P.PPL") for g in cities)
    assert {g.feature for g in cities} >= {"P.PPL", "P.PPLA", "P.PPLC"}


@pytest.mark.parametrize("gid, name, feature, admin1, population", [
    ("2042709", "Hwasong", "P.PPL", "17", 99557),
    ("1876373", "Kaesong", "P.PPLA", "19", 338155),
    ("1871859", "Pyongyang", "P.PPLC", "12", None),  # checked below: a population is given
])
def test_row_fields(cities, gid, name, feature, admin1, population) -> None:
    g = next(g for g in cities if g.geonames == gid)
    assert (g.ascii_name, g.feature, g.admin1) == (name, feature, admin1)
    if population is None:
        assert g.population and g.population > 1_000_000
    else:
        assert g.population == population
    assert Decimal(g.lat) and Decimal(g.long)
    assert len(g.modified) == 10


def test_admin_codes_map_codes_to_geonames_ids() -> None:
    admin1, admin2 = read_admin_codes(ADMIN1), read_admin_codes(ADMIN2)
    ref = load_reference(ONTOLOGY)
    assert admin1["KP.17"].geonames == ref.places["north_hamgyong"].geonames
    assert admin2["KP.17.2042740"].ascii_name == "Musan-gun"
    assert admin2["KP.17.2042740"].geonames == ref.places["musan_county"].geonames
    assert all(code.count(".") == 2 for code in admin2)


@pytest.mark.parametrize("line, message", [
    ("2042709\tHwasong\n", "2 columns"),
    ("x" + "\t" * 18 + "\n", "numeric id"),
])
def test_a_malformed_dump_row_names_file_and_line(tmp_path, line, message) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(CITIES.read_text(encoding="utf-8").splitlines(True)[0] + line,
                    encoding="utf-8")
    with pytest.raises(DataError, match=rf"dump\.txt:2: .*{message}"):
        list(read_geonames(path))


@pytest.mark.parametrize("block", [64, 4096, 1 << 24])
def test_dumps_are_streamed_and_filtered_on_the_raw_line(tmp_path, monkeypatch, block) -> None:
    """A row the filter keeps comes out before a broken row later in the file is read, and
    block boundaries neither lose rows nor shift line numbers."""
    monkeypatch.setattr(kg.geonames, "BLOCK", block)
    path = tmp_path / "big.txt"
    path.write_text(CITIES.read_text(encoding="utf-8") + "broken Hwasong row\n", encoding="utf-8")
    rows = read_geonames(path, {"hwasong"})
    first = next(rows)
    assert first.geonames == "2042709"
    with pytest.raises(DataError, match="big.txt:119"):
        list(rows)


@pytest.mark.parametrize("block", [100, 1 << 24])
def test_the_word_filter_keeps_exactly_the_lines_holding_a_word(monkeypatch, block) -> None:
    monkeypatch.setattr(kg.geonames, "BLOCK", block)
    words = {"musan", "unchon", "kosong", "화성"}
    lines = CITIES.read_text(encoding="utf-8").splitlines()
    folded = [line.lower().replace("'", "").replace("-", "") for line in lines]
    expected = [line.split("\t")[0] for line, f in zip(lines, folded, strict=True)
                if any(w in f for w in words)]
    assert len(expected) >= 4
    assert [g.geonames for g in read_geonames(CITIES, words)] == expected


def test_missing_files_are_data_errors(tmp_path) -> None:
    with pytest.raises(DataError, match="file not found"):
        list(read_geonames(tmp_path / "allCountries.txt"))
    with pytest.raises(DataError, match="file not found"):
        read_admin_codes(tmp_path / "admin1CodesASCII.txt")


@pytest.mark.parametrize("with_admin_files", [False, True])
def test_dump_rows_get_our_province_and_county(cities, with_admin_files) -> None:
    ref = load_reference(ONTOLOGY)
    reader = DumpReader(ref, load_gazetteer(ONTOLOGY),
                        read_admin_codes(ADMIN1) if with_admin_files else None,
                        read_admin_codes(ADMIN2) if with_admin_files else None)
    by_id = {g.geonames: reader.record(g, CITIES.name) for g in cities}
    hwasong, musan = by_id["2042709"], by_id["2042738"]
    assert (hwasong.country, hwasong.province) == ("north_korea", "north_hamgyong")
    assert musan.province == "north_hamgyong"
    assert hwasong.dataset == f"GeoNames dump {CITIES.name}"
    assert hwasong.source.startswith("gn:geonameid 2042709, modified ")
    assert all(r.country == "north_korea" for r in by_id.values())
    assert sum(r.province is not None for r in by_id.values()) == len(by_id)


def test_merge_keeps_one_record_per_id_and_the_qid_of_the_bundled_one() -> None:
    def record(gid, qid, dataset, name):
        return GazetteerRecord(gid, qid, name, (), "P.PPL", "", "north_korea", None, None,
                               None, None, None, f"gn:{dataset}", dataset)

    merged = merge([record("1", "Q5", "bundled", "Old"), record("2", None, "bundled", "B"),
                    record("1", None, "dump", "New")])
    assert [(r.geonames, r.name, r.wikidata) for r in merged] == [("1", "New", "Q5"),
                                                                  ("2", "B", None)]


# ---- the feature table and the bundled gazetteer -----------------------------------------------

@pytest.mark.parametrize("code, level, kind", [
    ("A.ADM1", "province", "Province"), ("A.ADM2", "county", "County"),
    ("P.PPLA", "city", "City"), ("P.PPLX", "city", "District"),
    ("H.STM", "feature", "River"), ("S.INDS", "feature", "Facility"),
])
def test_feature_codes(code, level, kind) -> None:
    feature = feature_of(code, load_features(ONTOLOGY))
    assert feature.level == level and kind in feature.kinds


def test_a_bad_feature_row_is_refused(tmp_path) -> None:
    text = (ONTOLOGY / "gazetteer_features.tsv").read_text(encoding="utf-8")
    (tmp_path / "gazetteer_features.tsv").write_text(
        text + "X.Y\tsomewhere\tVillage\tno\tbad level\n", encoding="utf-8")
    with pytest.raises(DataError, match="gazetteer_features.tsv:.*unknown level"):
        load_features(tmp_path)


def test_bundled_gazetteer_records() -> None:
    records = load_gazetteer(ONTOLOGY)
    ids = [r.geonames for r in records if r.geonames]
    assert len(ids) == len(set(ids)) > 30_000
    ref = load_reference(ONTOLOGY)
    assert {r.province for r in records if r.province} <= set(ref.places)
    assert {r.county for r in records if r.county} <= set(ref.places)
    for r in records:
        assert r.source, r
        assert (r.lat is None) == (r.long is None)
        assert r.country in {None, *(p for p in ref.places if ref.places[p].kind == "Country")}


def test_a_locality_never_takes_the_qid_of_another_reference_place() -> None:
    """WOF gives Musan-ŭp (the town) Musan County's QID: the gazetteer drops it."""
    ref = load_reference(ONTOLOGY)
    owner = {p.wikidata: p.geonames for p in ref.places.values() if p.wikidata}
    for r in load_gazetteer(ONTOLOGY):
        if r.wikidata in owner:
            assert owner[r.wikidata] == r.geonames, r


def test_bundled_names_are_latin_hangul_or_han() -> None:
    import unicodedata

    for r in load_gazetteer(ONTOLOGY)[:5000]:
        for name in r.all_names:
            assert fold_name(name) or not name, name
            assert all(not c.isalpha() or unicodedata.name(c, "").startswith(
                ("LATIN", "HANGUL", "CJK")) for c in name), name


@pytest.mark.skipif(not (SHARED / "data" / "whosonfirst").is_dir(),
                    reason="../shared/data is not beside the repository")
def test_the_build_script_reproduces_the_bundled_gazetteer(tmp_path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("places.tsv", "place_names.tsv", "agencies.tsv", "agency_names.tsv",
                 "persons.tsv", "person_names.tsv", "triggers.tsv", "cues.tsv",
                 "numbers.tsv"):
        shutil.copy(ONTOLOGY / name, tmp_path / name)
    module.main(["--shared", str(SHARED), "--out", str(tmp_path)])
    built = (tmp_path / "gazetteer_places.tsv").read_text(encoding="utf-8")
    assert built == (ONTOLOGY / "gazetteer_places.tsv").read_text(encoding="utf-8")
    header = next(line for line in built.splitlines() if not line.startswith("#"))
    assert tuple(header.split("\t")) == GAZETTEER_COLUMNS
