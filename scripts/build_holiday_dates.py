#!/usr/bin/env python3
"""Write ontology/holiday_dates.tsv: the solar dates of the holidays that follow the Korean
lunar calendar (Lunar New Year = 1st day of the 1st month, Chuseok = 15th of the 8th).

    pip install korean-lunar-calendar      # only for this script; kg never imports it
    python scripts/build_holiday_dates.py [--first 1990] [--last 2040] [--out ontology]

The dates come from the KARI tables of ``korean-lunar-calendar``; the product reads only the
file, so a reader of "over the Lunar New Year holiday" needs no calendar library at run time.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

#: holiday id (the value of its rows in ontology/time.tsv) -> (lunar month, lunar day)
LUNAR_HOLIDAYS = {"lunar-new-year": (1, 1), "chuseok": (8, 15)}


def lunar_dates(first: int, last: int) -> list[tuple[str, str]]:
    """(holiday id, ISO solar date) for every year from ``first`` to ``last``."""
    from korean_lunar_calendar import KoreanLunarCalendar

    calendar = KoreanLunarCalendar()
    rows = []
    for holiday, (month, day) in LUNAR_HOLIDAYS.items():
        for year in range(first, last + 1):
            if not calendar.setLunarDate(year, month, day, False):
                raise SystemExit(f"no solar date for {holiday} {year}")
            rows.append((holiday, calendar.SolarIsoFormat()))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--first", type=int, default=1990)
    parser.add_argument("--last", type=int, default=2040)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "ontology")
    args = parser.parse_args(argv)
    path = args.out / "holiday_dates.tsv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("# Solar dates of the lunar-calendar holidays named in time.tsv (kind holiday).\n"
                "# Written by scripts/build_holiday_dates.py from korean-lunar-calendar (KARI).\n")
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["holiday", "date", "note"])
        for holiday, date in lunar_dates(args.first, args.last):
            writer.writerow([holiday, date, ""])
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
