"""``kg map``: a self-contained HTML map of the incidents, readable offline.

No tiles, no CDN, no JavaScript: the page is one HTML file with an inline SVG. Places are
projected with Web Mercator; the background is the settlement pattern of the bundled
gazetteer (every 0.05°–0.5° cell that holds a GeoNames / Who's On First settlement is
shaded), so the outline of North Korea appears without a basemap. Each place with
incidents is a marker (``<g class="marker">``, radius by incident count, a tooltip) linking
to its row in the table below, which lists every incident with its type, date and article —
including countries and places without coordinates, which get no marker. Built with
ElementTree, so every text is escaped.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from kg.geojson import IncidentPlace, incident_places
from kg.geonames import load_gazetteer
from kg.reference import Reference, load_reference
from kg.store import KgStore

WIDTH = 960
MAX_HEIGHT = 760
MIN_SPAN = 2.5  # degrees of longitude shown at least
CELL_PX = 5  # size of a background cell, in pixels

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
svg { background: #eef3f7; border: 1px solid #9ab; max-width: 100%; height: auto; }
.land { fill: #d9d2c0; }
.grid { stroke: #b8c4cc; stroke-width: 0.5; fill: none; }
.grid-label { font-size: 10px; fill: #678; }
.area { font-size: 11px; fill: #8a7f66; font-style: italic; text-anchor: middle; }
.marker circle { fill: #c0392b; fill-opacity: 0.75; stroke: #fff; stroke-width: 1.5; }
.marker:hover circle { fill: #e74c3c; fill-opacity: 1; }
.marker-label { font-size: 12px; fill: #222; paint-order: stroke; stroke: #fff;
                stroke-width: 3px; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border-bottom: 1px solid #ccd; padding: 3px 8px; text-align: left;
         vertical-align: top; }
tr:target { background: #fdebd0; }
.note { color: #667; font-size: 12px; }
"""


@dataclass(frozen=True)
class Projection:
    """Web Mercator from a lon/lat box onto ``width`` × ``height`` pixels."""

    west: float
    east: float
    north_y: float
    south_y: float
    width: float
    height: float

    @staticmethod
    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    @classmethod
    def fit(cls, points: list[tuple[float, float]]) -> Projection:
        """A box around ``points`` (lat, long) with a margin, at most MAX_HEIGHT tall."""
        lats = [p[0] for p in points] or [40.0]
        lons = [p[1] for p in points] or [127.0]
        west, east = min(lons), max(lons)
        span = max(east - west, MIN_SPAN) * 1.3
        mid = (west + east) / 2
        west, east = mid - span / 2, mid + span / 2
        scale = WIDTH / math.radians(east - west)
        north = cls.mercator(max(lats)) + 0.15 * math.radians(span)
        south = cls.mercator(min(lats)) - 0.15 * math.radians(span)
        while (north - south) * scale > MAX_HEIGHT:  # too tall: widen the box instead
            west, east = west - span * 0.1, east + span * 0.1
            span = east - west
            scale = WIDTH / math.radians(span)
        height = max((north - south) * scale, 300.0)
        extra = (height / scale - (north - south)) / 2
        return cls(west, east, north + extra, south - extra, WIDTH, round(height))

    def xy(self, lat: float, long: float) -> tuple[float, float]:
        x = (long - self.west) / (self.east - self.west) * self.width
        y = (self.north_y - self.mercator(lat)) / (self.north_y - self.south_y) * self.height
        return round(x, 1), round(y, 1)

    def contains(self, lat: float, long: float) -> bool:
        x, y = self.xy(lat, long)
        return 0 <= x <= self.width and 0 <= y <= self.height

    def lat_of(self, y: float) -> float:
        m = self.north_y - y / self.height * (self.north_y - self.south_y)
        return math.degrees(2 * math.atan(math.exp(m)) - math.pi / 2)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v)
                                     for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _land(svg: ET.Element, proj: Projection, directory: Path | None) -> None:
    """Shade the cells that hold a settlement of the bundled gazetteer."""
    cell = max(0.05, CELL_PX * (proj.east - proj.west) / proj.width)
    cells = set()
    for r in load_gazetteer(directory):
        if r.lat is not None and r.long is not None and r.feature.startswith("P"):
            lat, long = float(r.lat), float(r.long)
            if proj.contains(lat, long):
                cells.add((math.floor(lat / cell), math.floor(long / cell)))
    parts = []
    for i, j in sorted(cells):
        x0, y0 = proj.xy((i + 1) * cell, j * cell)
        x1, y1 = proj.xy(i * cell, (j + 1) * cell)
        parts.append(f"M{x0} {y0}H{x1}V{y1}H{x0}Z")
    if parts:
        _sub(svg, "path", class_="land", d="".join(parts))


def _grid(svg: ET.Element, proj: Projection) -> None:
    span = proj.east - proj.west
    step = 0.5 if span < 4 else 1 if span < 12 else 5
    lon = math.ceil(proj.west / step) * step
    while lon <= proj.east:
        x, _ = proj.xy(0, lon)
        _sub(svg, "line", class_="grid", x1=x, y1=0, x2=x, y2=proj.height)
        _sub(svg, "text", f"{lon:g}°E", class_="grid-label", x=x + 2, y=proj.height - 4)
        lon += step
    lat = math.ceil(proj.lat_of(proj.height) / step) * step
    while lat <= proj.lat_of(0):
        _, y = proj.xy(lat, proj.west)
        _sub(svg, "line", class_="grid", x1=0, y1=y, x2=proj.width, y2=y)
        _sub(svg, "text", f"{lat:g}°N", class_="grid-label", x=2, y=y - 2)
        lat += step


def _areas(svg: ET.Element, proj: Projection, ref: Reference) -> None:
    """Province names at their reference coordinates, for orientation."""
    for place in ref.places.values():
        if place.kind == "Province" and place.lat is not None and place.long is not None:
            lat, long = float(place.lat), float(place.long)
            if proj.contains(lat, long):
                x, y = proj.xy(lat, long)
                _sub(svg, "text", place.name.replace(" Province", ""), class_="area", x=x, y=y)


def _summary(place: IncidentPlace) -> str:
    counts: dict[str, int] = {}
    for e in place.incidents:
        counts[e["type"] or "?"] = counts.get(e["type"] or "?", 0) + 1
    kinds = ", ".join(f"{t} ×{n}" for t, n in sorted(counts.items()))
    n = len(place.incidents)
    return f"{place.name}: {n} incident{'s' if n != 1 else ''} ({kinds})"


def mapped(place: IncidentPlace) -> bool:
    """A marker needs coordinates, and a country's label point is no place of an event."""
    return place.located and place.kind != "Country"


def _markers(svg: ET.Element, proj: Projection, places: list[IncidentPlace]) -> int:
    shown = 0
    for n, place in enumerate(places, start=1):
        if not mapped(place):
            continue
        x, y = proj.xy(float(place.lat), float(place.long))
        link = _sub(svg, "a", href=f"#place-{n}")
        g = _sub(link, "g", class_="marker", data_place=place.iri,
                 data_incidents=len(place.incidents), data_lat=place.lat, data_long=place.long)
        _sub(g, "title", _summary(place))
        _sub(g, "circle", cx=x, cy=y, r=round(5 + 3 * math.sqrt(len(place.incidents)), 1))
        _sub(svg, "text", place.name, class_="marker-label", x=x + 9, y=y - 7)
        shown += 1
    return shown


def _table(body: ET.Element, places: list[IncidentPlace]) -> None:
    table = _sub(body, "table")
    head = _sub(table, "tr")
    for title in ("place", "kind", "incidents", "type", "date", "participants", "article"):
        _sub(head, "th", title)
    for n, place in enumerate(places, start=1):
        for i, e in enumerate(place.incidents):
            row = _sub(table, "tr", id=f"place-{n}") if i == 0 else _sub(table, "tr")
            cell = _sub(row, "td")
            if i == 0:
                _sub(cell, "a" if place.geonames else "span", place.name,
                     **({"href": place.geonames} if place.geonames else {}))
                if not mapped(place):
                    why = "a country" if place.located else "no coordinates"
                    _sub(cell, "span", f" ({why}: not on the map)", class_="note")
            _sub(row, "td", (place.kind or "") if i == 0 else "")
            _sub(row, "td", str(len(place.incidents)) if i == 0 else "")
            _sub(row, "td", e["type"] or "")
            _sub(row, "td", e["date"] or "")
            _sub(row, "td", "" if e["participants"] is None else str(e["participants"]))
            _sub(row, "td", e["article"])


def render_map(store: KgStore, title: str = "nkkg: incidents by place",
               directory: Path | None = None) -> tuple[str, int]:
    """The HTML page and the number of markers on it."""
    places = incident_places(store)
    located = [(float(p.lat), float(p.long)) for p in places if mapped(p)]
    proj = Projection.fit(located)
    html = ET.Element("html", lang="en")
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "title", title)
    _sub(head, "style", _STYLE)
    body = _sub(html, "body")
    _sub(body, "h1", title)
    svg = _sub(body, "svg", xmlns="http://www.w3.org/2000/svg", id="map",
               viewBox=f"0 0 {proj.width} {proj.height}", width=proj.width,
               height=proj.height, role="img")
    _sub(svg, "title", title)
    _land(svg, proj, directory)
    _grid(svg, proj)
    _areas(svg, proj, load_reference(directory))
    shown = _markers(svg, proj, places)
    total = sum(len(p.incidents) for p in places)
    _sub(body, "p", f"{total} incident–place pairs at {len(places)} places; {shown} on the "
                    "map. A marker's size grows with its number of incidents; hover for a "
                    "summary, click for the list.", class_="note")
    _table(body, places)
    _sub(body, "p", "Shaded cells: settlements of the bundled gazetteer. Data: GeoNames "
                    "(geonames.org) and Who's On First (whosonfirst.org), CC BY 4.0.",
         class_="note")
    return "<!DOCTYPE html>\n" + ET.tostring(html, encoding="unicode", method="html"), shown


def write_map(store: KgStore, path: Path, title: str = "nkkg: incidents by place") -> int:
    """Write the map to ``path``; returns the number of markers."""
    text, shown = render_map(store, title)
    path.write_text(text + "\n", encoding="utf-8")
    return shown
