"""Synthetic Daily NK-style articles for the conversion benchmark.

A throughput figure is only worth something on text that looks like the real input, so the
articles are built from the reference data under ``ontology/`` (places with their spelling
variants, agencies with names valid on the publication date, the leader of the day) and the
phrase templates of ``bench/templates.tsv``: 300-700 words, a lead, quoted sources, relative
dates, several incidents and directives, background paragraphs. The same ``seed`` gives the
same corpus.

>>> records = list(generate(2, seed=7))
>>> [r["id"] for r in records]
['bench-00000', 'bench-00001']
>>> all(300 <= len(r["text"].split()) <= 700 for r in records)
True
>>> records == list(generate(2, seed=7))
True

Run ``python -m bench.generate --count 10000`` (one ``.jsonl`` file under ``bench/out/``)
or add ``--out DIR`` (one ``.md`` file with YAML front matter per article).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.reference import NameRecord, Reference, load_reference

TEMPLATES = Path(__file__).resolve().parent / "templates.tsv"
OUT = Path(__file__).resolve().parent / "out"
_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
_FIRST_DAY = dt.date(2010, 1, 1)
_LAST_DAY = dt.date(2024, 12, 31)
MIN_WORDS, MAX_WORDS = 300, 700
_CANONICAL_SHARE = 0.5  # how often a name is written in its canonical spelling
_MONTHS = tuple(calendar.month_name)  # calendar's lists call strftime on every access
_WEEKDAYS = tuple(calendar.day_name)


def load_templates(path: Path = TEMPLATES) -> dict[tuple[str, str], list[str]]:
    """Templates by (section, type); type is '' for sections not chosen by type."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # lines[0] is the header row
        section, kind, text = (line.split("\t") + ["", ""])[:3]
        found[(section, kind)].append(text)
    return dict(found)


def _latin(name: str) -> bool:
    """Names a reader meets in English-language news (no Hangul or Chinese characters)."""
    return all(ord(c) < 0x370 or c in "’‘" for c in name) and "(" not in name


class Vocabulary:
    """The names an article can use, taken once from the reference data."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.names: dict[tuple[str, str], list[NameRecord]] = defaultdict(list)
        for record in reference.names:
            if _latin(record.name):
                self.names[(record.kind, record.ref)].append(record)
        places = reference.places.values()
        children: dict[str, list[str]] = defaultdict(list)
        for place in places:
            if place.kind in ("County", "City") and place.parent:
                children[place.parent].append(place.id)
        self.provinces = {p.id: children[p.id] for p in places
                          if p.kind == "Province" and len(children[p.id]) >= 2}
        self.rivers = [p.id for p in places if p.kind == "River"]
        self.abroad = [p.id for p in places
                       if p.kind == "Country" and p.id not in ("north_korea", "south_korea")]
        self.by_category: dict[str, list[str]] = defaultdict(list)
        for agency in reference.agencies.values():
            if agency.category != "ForeignAgency":
                self.by_category[agency.category].append(agency.id)
        self.dated_persons = [r for r in reference.names
                              if r.kind == "person" and (r.valid_from or r.valid_to)]


class ArticleWriter:
    """Writes one article at a time from a shared random generator."""

    def __init__(self, vocabulary: Vocabulary, templates: dict[tuple[str, str], list[str]],
                 rng: random.Random) -> None:
        self.v = vocabulary
        self.t = templates
        self.rng = rng
        self.incident_types = sorted({k for s, k in templates if s == "lead" and k})
        self.directive_types = sorted({k for s, k in templates if s == "directive" and k})
        self.number_words = {v: w for w, v in sorted(vocabulary.reference.numbers.items())
                             if " " not in w and "-" not in w}

    # ------------------------------------------------------------------ names

    def name(self, kind: str, ref: str, canonical: str) -> str:
        """The canonical spelling half of the time, else any variant valid on the date."""
        variants = [r.name for r in self.v.names.get((kind, ref), [])
                    if r.valid_on(self.published)]
        if not variants or self.rng.random() < _CANONICAL_SHARE:
            return canonical
        return self.rng.choice(variants)

    def place(self, place_id: str) -> str:
        return self.name("place", place_id, self.v.reference.places[place_id].name)

    def agency(self, category: str) -> str:
        if category not in self.agencies:
            pool = self.v.by_category.get(category) or sorted(self.v.reference.agencies)
            self.agencies[category] = self.rng.choice(pool)
        ref = self.agencies[category]
        name = self.name("agency", ref, self.v.reference.agencies[ref].name)
        return name[4:] if name.lower().startswith("the ") else name

    def leader(self) -> str:
        dated = [r.ref for r in self.v.dated_persons if r.valid_on(self.published)]
        if not dated:
            return self.rng.choice(sorted(self.v.reference.persons.values(),
                                          key=lambda p: p.id)).name
        ref = Counter(dated).most_common(1)[0][0]
        return self.name("person", ref, self.v.reference.persons[ref].name)

    # ------------------------------------------------------------------ numbers and dates

    def number(self, low: int = 2, high: int = 40) -> str:
        value = self.rng.randint(low, high)
        if value in self.number_words and self.rng.random() < 0.5:
            return self.number_words[value]
        return str(value)

    def time_values(self, back: int = 60) -> dict[str, str]:
        day = self.published - dt.timedelta(days=self.rng.randint(1, back))
        month = _MONTHS[day.month]
        abbr = "Sept." if day.month == 9 else (month if len(month) <= 4 else month[:3] + ".")
        suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            day.day % 10, "th")
        return {"month": month, "mon": abbr, "day": str(day.day), "ord": f"{day.day}{suffix}",
                "weekday": _WEEKDAYS[day.weekday()]}

    # ------------------------------------------------------------------ filling

    def pick(self, section: str, kind: str = "") -> str:
        return self.rng.choice(self.t[(section, kind)])

    def fresh(self, section: str, kind: str = "") -> str:
        """A template not used yet in this article, if any is left."""
        options = self.t[(section, kind)]
        unused = [t for t in options if t not in self.used]
        template = self.rng.choice(unused or options)
        self.used.add(template)
        return template

    def fill(self, text: str, extra: dict[str, str] | None = None, depth: int = 0) -> str:
        def slot(match: re.Match[str]) -> str:
            key, arg = match.group(1), match.group(2)
            if extra and key in extra:
                return extra[key]
            value = self.slot(key, arg)
            return self.fill(value, extra, depth + 1) if "{" in value and depth < 4 else value
        return _SLOT.sub(slot, text)

    def slot(self, key: str, arg: str | None) -> str:
        rng = self.rng
        if key == "county":
            return self.place(self.county)
        if key == "county2":
            return self.place(self.county2)
        if key == "province":
            return self.place(self.province)
        if key in ("abroad", "river"):
            pool = self.v.abroad if key == "abroad" else self.v.rivers
            return self.place(pool[0] if rng.random() < 0.8 else rng.choice(pool))
        if key == "agency":
            return self.agency(arg or "SecurityService")
        if key == "leader":
            return self.leader()
        if key == "n":
            return self.number()
        if key == "num":
            return str(rng.randint(1, 999))
        if key == "families":
            fam = rng.randint(2, 4)
            extra = {"fam": self.number_words.get(fam, str(fam)),
                     "people": self.number(fam * 2, fam * 5)}
            return self.fill(self.pick("families"), extra)
        if key in ("time", "date_said"):
            return self.fill(self.pick(key), self.time_values(60 if key == "time" else 3))
        if key in ("month", "mon", "day", "ord", "weekday"):
            return self.time_values()[key]
        if key == "event":
            return self.pick("event", rng.choice(self.types))
        if (key, "") in self.t:
            return self.pick(key)
        return "{" + key + "}"  # unknown slot: visible in the text, harmless to the bench

    def sentence(self, section: str, kind: str = "", extra: dict[str, str] | None = None) -> str:
        text = self.fill(self.fresh(section, kind), extra)
        return text[:1].upper() + text[1:]

    def quoted(self, kind: str) -> str:
        """A quote of the type's, attributed to a source ('' when the type has none)."""
        if ("quote", kind) not in self.t:
            return ""
        return self.sentence("attribution", extra={"quote": self.fill(self.fresh("quote", kind))})

    def paragraph(self, kind: str, sentences: int) -> list[str]:
        """An incident or directive told in a few sentences, often followed by a quote."""
        section = "incident" if kind in self.incident_types else "directive"
        text = " ".join(self.sentence(section, kind) for _ in range(sentences))
        quote = self.quoted(kind) if self.rng.random() < 0.6 else ""
        return [text, quote] if quote else [text]

    # ------------------------------------------------------------------ the article

    def article(self, index: int) -> dict[str, object]:
        rng = self.rng
        span = (_LAST_DAY - _FIRST_DAY).days
        self.published = _FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        self.province = rng.choice(sorted(self.v.provinces))
        self.county, self.county2 = rng.sample(self.v.provinces[self.province], 2)
        self.agencies: dict[str, str] = {}
        self.used: set[str] = set()
        incidents = rng.sample(self.incident_types, rng.randint(2, 5))
        directives = rng.sample(self.directive_types, rng.choice((0, 1, 1, 2)))
        self.types = incidents
        lead = self.sentence("lead", incidents[0]) + " " + self.sentence("incident", incidents[0])
        middle: list[list[str]] = [self.paragraph(k, rng.randint(1, 2)) for k in incidents[1:]]
        middle += [self.paragraph(k, rng.randint(1, 2)) for k in directives]
        if rng.random() < 0.5:
            middle.append([self.sentence("negated")])
        rng.shuffle(middle)
        body = [lead, self.quoted(incidents[0])] + [p for group in middle for p in group]
        closing = self.sentence("closing")
        body = self._sized([p for p in body if p], rng.randint(MIN_WORDS, MAX_WORDS), closing)
        ident = f"bench-{index:05d}"
        record: dict[str, object] = {
            "id": ident,
            "title": self.sentence("headline", incidents[0]),
            "url": f"https://example.org/bench/{ident}",
            "published": self.published.isoformat(),
            "outlet": "Daily NK",
            "text": "\n\n".join(body) + "\n",
            "bench_types": incidents + directives,
        }
        if rng.random() < 0.3:
            record["author"] = self.fill("{surname} {given}")
        return record

    def _sized(self, body: list[str], target: int, closing: str) -> list[str]:
        """Add incident and background paragraphs up to ``target`` words, never past MAX_WORDS."""
        def words(paragraphs: list[str]) -> int:
            return sum(len(p.split()) for p in paragraphs)

        total = words(body) + len(closing.split())
        while total > MAX_WORDS and len(body) > 2:
            total -= len(body.pop().split())
        for _ in range(40):
            if total >= target:
                break
            if self.rng.random() < 0.5:
                added = self.paragraph(self.rng.choice(self.types), 1)
            else:
                added = [" ".join(self.sentence("background") for _ in range(2))]
            if total + words(added) > MAX_WORDS:
                continue
            at = self.rng.randint(2, len(body))
            body[at:at] = added
            total += words(added)
        return body + ([closing] if closing else [])


def generate(count: int, seed: int = 0, reference: Reference | None = None,
             templates: dict[tuple[str, str], list[str]] | None = None
             ) -> Iterator[dict[str, object]]:
    """``count`` article records (id, title, url, published, outlet, text, bench_types)."""
    writer = ArticleWriter(Vocabulary(reference or load_reference()),
                           templates or load_templates(), random.Random(seed))
    for index in range(count):
        yield writer.article(index)


def write_jsonl(records: Iterable[dict[str, object]], path: Path) -> int:
    """One JSON object per line, as ``kg.read`` reads ``.jsonl`` archives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


_FRONT_MATTER_KEYS = ("title", "url", "published", "outlet", "author", "bench_types")


def write_markdown(records: Iterable[dict[str, object]], directory: Path) -> int:
    """One ``{id}.md`` per article; front matter values as JSON, which is valid YAML."""
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for record in records:
        lines = ["---"]
        lines += [f"{key}: {json.dumps(record[key], ensure_ascii=False)}"
                  for key in _FRONT_MATTER_KEYS if key in record]
        lines += ["---", "", str(record["text"])]
        (directory / f"{record['id']}.md").write_text("\n".join(lines), encoding="utf-8")
        count += 1
    return count


def write(records: Iterable[dict[str, object]], out: Path) -> int:
    """A ``.jsonl`` path gets one file, any other path a directory of ``.md`` files."""
    if out.suffix == ".jsonl":
        return write_jsonl(records, out)
    return write_markdown(records, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path,
                        help="a .jsonl file, or a directory for .md files "
                             "(default: bench/out/corpus-COUNT-seedSEED.jsonl)")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = OUT / f"corpus-{args.count}-seed{args.seed}.jsonl"
    start = time.perf_counter()
    sizes: list[int] = []

    def counted(records: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
        for record in records:
            sizes.append(len(str(record["text"]).split()))
            yield record

    written = write(counted(generate(args.count, args.seed)), args.out)
    elapsed = time.perf_counter() - start
    mean = sum(sizes) / len(sizes) if sizes else 0
    print(f"{written} articles → {args.out} in {elapsed:.1f} s "
          f"(words: min {min(sizes, default=0)}, mean {mean:.0f}, max {max(sizes, default=0)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
