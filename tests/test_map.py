"""GeoJSON of incident places (kg.geojson) and the offline HTML map (kg.webmap, `kg map`)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli_link import map_command
from kg.geojson import write_geojson
from kg.linking import relink
from kg.namespaces import KG
from kg.store import KgStore
from kg.webmap import Projection, render_map

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser",
                                                 "google-chrome"))), None)


@pytest.fixture(scope="module")
def store():
    with KgStore(None) as s:
        report = build([CORPUS], s)
        assert report.ok, report.errors
        relink(s)
        yield s


@pytest.fixture(scope="module")
def collection(store) -> dict:
    out = io.BytesIO()
    write_geojson(store, out)
    return json.loads(out.getvalue())


def incident_counts(store) -> dict[str, int]:
    rows = store.raw.query(f"""PREFIX kg: <{KG}>
        SELECT ?place (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{
          ?i a kg:Incident ; kg:occurredAt ?place }} }} GROUP BY ?place""")
    return {r["place"].value: int(r["n"].value) for r in rows}


def links_point(store, place: str) -> list[float] | None:
    q = store.raw.query(f"""PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        SELECT ?lat ?long WHERE {{ GRAPH <{store.iris.graph('links').value}> {{
          <{place}> geo:lat ?lat ; geo:long ?long }} }}""")
    rows = list(q)
    return [float(rows[0]["long"].value), float(rows[0]["lat"].value)] if rows else None


# ---- GeoJSON -----------------------------------------------------------------------------------

def test_one_feature_per_incident_place_with_its_counts(store, collection) -> None:
    counts = incident_counts(store)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == sorted(counts)
    for f in features:
        props = f["properties"]
        assert props["incidentCount"] == counts[f["id"]] == len(props["incidents"])
        assert sum(props["types"].values()) == props["incidentCount"]
        assert props["dates"] == sorted({i["date"] for i in props["incidents"] if i["date"]})
        point = links_point(store, f["id"])
        assert (f["geometry"] or {}).get("coordinates") == point  # [long, lat], RFC 7946


def test_musan_county_feature(collection) -> None:
    musan = next(f for f in collection["features"] if f["id"].endswith("/place/musan_county"))
    props = musan["properties"]
    assert props["name"] == "Musan County" and props["kind"] == "County"
    assert props["geonames"] == "https://sws.geonames.org/2042740/"
    assert props["wikidata"] == "http://www.wikidata.org/entity/Q718513"
    assert "Defection" in props["types"]
    assert "musan-escape-2015" in props["articles"]
    assert musan["geometry"]["type"] == "Point"


def test_geojson_is_stable(store) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_geojson(store, first)
    write_geojson(store, second)
    assert first.getvalue() == second.getvalue()


# ---- the map -----------------------------------------------------------------------------------

class _Markers(HTMLParser):
    """Markers, circles and any element that would load something from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.markers: list[dict[str, str]] = []
        self.circles: list[dict[str, str]] = []
        self.external: list[tuple[str, dict]] = []
        self.viewbox = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "g" and "marker" in (a.get("class") or "").split():
            self.markers.append(a)
        if tag == "circle":
            self.circles.append(a)
        if tag == "svg":
            self.viewbox = a.get("viewbox") or a.get("viewBox") or ""
        if tag in {"script", "img", "iframe", "link", "object", "embed"} or (
                tag == "image"):
            self.external.append((tag, a))


def expected_markers(collection) -> set[str]:
    return {f["id"] for f in collection["features"]
            if f["geometry"] and f["properties"]["kind"] != "Country"}


def test_the_map_has_one_marker_per_located_place_and_loads_nothing(store, collection) -> None:
    html, shown = render_map(store)
    parsed = _Markers()
    parsed.feed(html)
    assert {m["data-place"] for m in parsed.markers} == expected_markers(collection)
    assert shown == len(parsed.markers) == len(expected_markers(collection)) > 0
    assert parsed.external == []
    _, _, width, height = map(float, parsed.viewbox.split())
    for c in parsed.circles:
        assert 0 <= float(c["cx"]) <= width and 0 <= float(c["cy"]) <= height


@pytest.mark.parametrize("lat, long", [(42.14455, 129.32374), (37.97083, 126.55444)])
def test_projection_keeps_points_inside_and_north_up(lat, long) -> None:
    proj = Projection.fit([(42.14455, 129.32374), (37.97083, 126.55444)])
    x, y = proj.xy(lat, long)
    assert 0 < x < proj.width and 0 < y < proj.height
    assert proj.xy(lat + 0.1, long)[1] < y and proj.xy(lat, long + 0.1)[0] > x
    assert abs(proj.lat_of(y) - lat) < 1e-3


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: apt-get install -y chromium")
def test_a_headless_browser_shows_the_markers(tmp_path, store, collection) -> None:
    path = tmp_path / "map.html"
    path.write_text(render_map(store)[0], encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    parsed = _Markers()
    parsed.feed(result.stdout)
    assert {m["data-place"] for m in parsed.markers} == expected_markers(collection)
    assert re.search(r"<svg[^>]*id=\"map\"", result.stdout)


# ---- the command -------------------------------------------------------------------------------

@pytest.fixture
def cli():
    group = click.Group()
    group.add_command(map_command)
    return group


def test_kg_map_writes_the_page(tmp_path, cli) -> None:
    location = tmp_path / "store"
    with KgStore(location) as s:
        build([CORPUS], s)
        relink(s)
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", "-o", str(out), "--store", str(location)])
    assert result.exit_code == 0, result.output
    parsed = _Markers()
    parsed.feed(out.read_text(encoding="utf-8"))
    assert f"{len(parsed.markers)} places on the map" in result.stderr
    assert not (tmp_path / "map.html.part").exists()


def test_kg_map_without_a_store_is_one_error_line(tmp_path, cli) -> None:
    result = CliRunner().invoke(cli, ["map", "-o", str(tmp_path / "m.html"),
                                      "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
