"""Places with their incidents as a GeoJSON FeatureCollection (RFC 7946).

One Feature per place where at least one incident occurred: a Point at the place's WGS84
coordinates from the links graph (``null`` geometry when the place has none, as RFC 7946
allows), and properties naming the place, its kind and gazetteer IRIs, the number of
incidents, their types with counts, their dates and the incidents themselves. Sorted, so the
same store gives the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

from pyoxigraph import NamedNode

from kg.namespaces import GEO, GEONAMES, KG, PROV, RDFS, SKOS, WIKIDATA
from kg.store import KgStore

_PREFIXES = (f"PREFIX kg: <{KG}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
             f"PREFIX geo: <{GEO}>\nPREFIX prov: <{PROV}>\n")
_INCIDENTS = _PREFIXES + """SELECT ?g ?incident ?type ?place ?date ?participants WHERE {
  GRAPH ?g { ?incident a kg:Incident ; kg:occurredAt ?place .
    OPTIONAL { ?incident kg:incidentType ?type }
    OPTIONAL { ?incident kg:date ?date } OPTIONAL { ?incident kg:participants ?participants } } }"""
_LABELS = _PREFIXES + """SELECT ?g ?place ?label ?kind WHERE { GRAPH ?g {
  ?place a kg:Place . OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place kg:placeKind ?kind } } }"""
_LINK_PREDICATES = (GEO + "lat", GEO + "long", SKOS + "exactMatch", KG + "placeKind")


@dataclass
class IncidentPlace:
    """A place where incidents occurred, with what the store knows about it."""

    iri: str
    name: str = ""
    kind: str | None = None
    lat: Decimal | None = None
    long: Decimal | None = None
    geonames: str | None = None
    wikidata: str | None = None
    incidents: list[dict] = field(default_factory=list)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.long is not None


def _local(iri: NamedNode | None) -> str | None:
    return iri.value.rsplit("/", 1)[-1] if iri is not None else None


def incident_places(store: KgStore) -> list[IncidentPlace]:
    """Every place of an incident, sorted by IRI, its incidents sorted by IRI."""
    places: dict[str, IncidentPlace] = {}
    for row in store.raw.query(_INCIDENTS):
        article = store.iris.article_id_of_graph(row["g"])
        if article is None:
            continue
        place = places.setdefault(row["place"].value, IncidentPlace(row["place"].value))
        n = row["participants"]
        entry = {"incident": row["incident"].value, "type": _local(row["type"]),
                 "date": row["date"].value if row["date"] is not None else None,
                 "participants": int(n.value) if n is not None else None, "article": article}
        if entry not in place.incidents:
            place.incidents.append(entry)
    _describe(store, places)
    for place in places.values():
        place.incidents.sort(key=lambda e: e["incident"])
    return [places[k] for k in sorted(places)]


def _describe(store: KgStore, places: dict[str, IncidentPlace]) -> None:
    """Names and kinds (the reference graph's first, else an article's), links, points."""
    reference = store.iris.graph("reference").value
    for row in sorted(store.raw.query(_LABELS),
                      key=lambda r: (r["g"].value != reference, r["g"].value)):
        place = places.get(row["place"].value)
        if place is None:
            continue
        if not place.name and row["label"] is not None:
            place.name = row["label"].value
        if place.kind is None:
            place.kind = _local(row["kind"])
    links = store.iris.graph("links")
    for quad in sorted((q for p in _LINK_PREDICATES for q in store.raw.quads_for_pattern(
            None, NamedNode(p), None, links)), key=str):
        place = places.get(quad.subject.value)
        if place is None:
            continue
        p, o = quad.predicate.value, quad.object
        if p == GEO + "lat":
            place.lat = Decimal(o.value)
        elif p == GEO + "long":
            place.long = Decimal(o.value)
        elif p == KG + "placeKind" and place.kind is None:
            place.kind = _local(o)
        elif o.value.startswith(GEONAMES):
            place.geonames = min(filter(None, (place.geonames, o.value)))
        elif o.value.startswith(WIKIDATA):
            place.wikidata = min(filter(None, (place.wikidata, o.value)))


def feature(place: IncidentPlace) -> dict:
    """The GeoJSON Feature of one place."""
    types = Counter(e["type"] for e in place.incidents if e["type"])
    dates = sorted({e["date"] for e in place.incidents if e["date"]})
    geometry = ({"type": "Point", "coordinates": [float(place.long), float(place.lat)]}
                if place.located else None)
    return {
        "type": "Feature",
        "id": place.iri,
        "geometry": geometry,
        "properties": {
            "place": place.iri, "name": place.name or place.iri.rsplit("/", 1)[-1],
            "kind": place.kind, "geonames": place.geonames, "wikidata": place.wikidata,
            "incidentCount": len(place.incidents),
            "types": dict(sorted(types.items())),
            "dates": dates,
            "firstDate": dates[0] if dates else None,
            "lastDate": dates[-1] if dates else None,
            "articles": sorted({e["article"] for e in place.incidents}),
            "incidents": place.incidents,
        },
    }


def feature_collection(store: KgStore) -> dict:
    return {"type": "FeatureCollection",
            "features": [feature(p) for p in incident_places(store)]}


def write_geojson(store: KgStore, out: BinaryIO) -> int:
    """Write the FeatureCollection (UTF-8 JSON) to a binary stream; returns the feature
    count. ``kg export --format geojson`` calls this."""
    collection = feature_collection(store)
    out.write(json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return len(collection["features"])
