"""Time expressions: recognition, resolution against the publication date, anchors, data."""

from __future__ import annotations

import doctest
import shutil
from datetime import date

import pytest

import kg.timex
from kg.errors import DataError
from kg.model import TimeValue
from kg.timex import find_times, first_time, is_anchored, load_time_words, resolve
from tests.conftest import ROOT

D = date

# (sentence, published, value, earliest, latest)
RESOLVED = [
    # absolute month-days: the latest one not after the publication date
    ("He left on Aug. 2 with his son.", D(2020, 8, 3), "2020-08-02", None, None),
    ("He left on August 2 with his son.", D(2021, 3, 1), "2020-08-02", None, None),
    ("the border city of Kaesong on July 19", D(2020, 7, 26), "2020-07-19", None, None),
    ("Kim Il Sung's birthday (Apr. 15)", D(2021, 5, 27), "2021-04-15", None, None),
    ("ended at 6 PM on Mar. 23, sooner than planned", D(2021, 3, 25), "2021-03-23", None, None),
    ("had been closed off on Feb. 3", D(2021, 2, 22), "2021-02-03", None, None),
    ("the anniversary on October 10th", D(2015, 9, 9), "2014-10-10", None, None),
    ("told Daily NK on August 8th", D(2014, 8, 9), "2014-08-08", None, None),
    ("SEOUL, July 26 (Yonhap) -- North Korea", D(2020, 7, 26), "2020-07-26", None, None),
    ("It was born on Feb. 29, they said.", D(2021, 3, 1), "2020-02-29", None, None),
    ("It closed on 2 August, they said.", D(2020, 9, 1), "2020-08-02", None, None),
    ("It closed on the 15th of April.", D(2020, 9, 1), "2020-04-15", None, None),
    # the Nth: this month, or an earlier month when that would be after P / not exist
    ("It ended on the 7th, he said.", D(2021, 3, 10), "2021-03-07", None, None),
    ("It ended on the 7th, he said.", D(2021, 3, 5), "2021-02-07", None, None),
    ("It ended on the 7th, he said.", D(2021, 1, 5), "2020-12-07", None, None),
    ("It ended on the 31st, he said.", D(2021, 3, 5), "2021-01-31", None, None),
    ("It ended on the 7th of last month.", D(2021, 1, 20), "2020-12-07", None, None),
    # months and years
    ("issued by the Command in April", D(2020, 8, 3), "2020-04", None, None),
    ("issued by the Command in April", D(2021, 2, 1), "2020-04", None, None),
    ("distributed nationwide in late April", D(2020, 8, 3), "2020-04", D(2020, 4, 21),
     D(2020, 4, 30)),
    ("stopped at the river in mid-April", D(2021, 5, 27), "2021-04", D(2021, 4, 11),
     D(2021, 4, 20)),
    ("It began in early March.", D(2021, 3, 25), "2021-03", D(2021, 3, 1), D(2021, 3, 10)),
    ("It began in late February.", D(2020, 3, 5), "2020-02", D(2020, 2, 21), D(2020, 2, 29)),
    ("It began at the end of April.", D(2021, 3, 5), "2020-04", D(2020, 4, 21), D(2020, 4, 30)),
    ("a journalist who fled in 2019", D(2021, 2, 22), "2019", None, None),
    ("The camp stayed open until 2019.", D(2021, 2, 22), "2019", None, None),
    ("It was built in March 2020.", D(2021, 2, 22), "2020-03", None, None),
    ("It was built in mid-2019.", D(2021, 2, 22), "2019", D(2019, 5, 1), D(2019, 8, 31)),
    ("It was built last April.", D(2021, 6, 1), "2021-04", None, None),
    ("It was built last April.", D(2021, 4, 20), "2020-04", None, None),
    # relative to P
    ("It happened last month.", D(2015, 8, 20), "2015-07", None, None),
    ("It happened last month.", D(2021, 1, 5), "2020-12", None, None),
    ("At the beginning of last month, eight people fled", D(2015, 8, 20), "2015-07",
     D(2015, 7, 1), D(2015, 7, 10)),
    ("At the beginning of last month, eight people fled", D(2021, 1, 5), "2020-12",
     D(2020, 12, 1), D(2020, 12, 10)),
    ("Early last month, the source said", D(2015, 9, 9), "2015-08", D(2015, 8, 1),
     D(2015, 8, 10)),
    ("crossed into China earlier this month", D(2014, 8, 9), "2014-08", D(2014, 8, 1),
     D(2014, 8, 9)),
    ("markets have been closed this month", D(2014, 8, 9), "2014-08", None, None),
    ("issued an order early last week", D(2020, 8, 3), "2020-07", D(2020, 7, 27),
     D(2020, 7, 29)),
    ("issued an order last week", D(2020, 8, 3), "2020-07", D(2020, 7, 27), D(2020, 8, 2)),
    ("issued an order last week", D(2021, 1, 6), "2020-12", D(2020, 12, 28), D(2021, 1, 3)),
    ("issued an order last week", D(2021, 1, 13), "2021-01", D(2021, 1, 4), D(2021, 1, 10)),
    ("a source told Daily NK on Sunday", D(2021, 2, 22), "2021-02-21", None, None),
    ("a source told Daily NK on Sunday", D(2020, 7, 26), "2020-07-19", None, None),
    ("a source told Daily NK on Wednesday", D(2015, 8, 20), "2015-08-19", None, None),
    ("came out of lockdown last Wednesday", D(2021, 2, 22), "2021-02-17", None, None),
    # "last <weekday>" is that day of the week (Monday to Sunday) before publication
    ("scuffled with officers last Wednesday", D(2021, 10, 14), "2021-10-06", None, None),
    ("held a public trial last Friday", D(2020, 11, 19), "2020-11-13", None, None),
    ("held a public trial last Sunday", D(2020, 11, 16), "2020-11-15", None, None),
    ("held a public trial last Monday", D(2020, 11, 22), "2020-11-09", None, None),
    ("ended at midnight on Tuesday, the source said", D(2021, 2, 22), "2021-02-16", None,
     None),
    ("who spoke to Daily NK yesterday", D(2021, 3, 1), "2021-02-28", None, None),
    ("who spoke to Daily NK yesterday", D(2021, 1, 1), "2020-12-31", None, None),
    ("Prices rose this year.", D(2021, 2, 22), "2021", None, None),
    ("Prices rose last year.", D(2021, 1, 5), "2020", None, None),
    ("Prices rose late last year.", D(2021, 2, 22), "2020", D(2020, 9, 1), D(2020, 12, 31)),
    ("He defected two years ago.", D(2021, 2, 22), "2019", None, None),
    ("He defected three days ago.", D(2021, 3, 2), "2021-02-27", None, None),
    ("He defected a week ago.", D(2021, 1, 3), "2020-12-27", None, None),
    ("He defected two months ago.", D(2021, 1, 15), "2020-11", None, None),
    # "the month", "the year" after a part of it: the current one
    ("sealed off since the middle of the month", D(2022, 5, 26), "2022-05", D(2022, 5, 11),
     D(2022, 5, 20)),
    ("issued at the beginning of the year", D(2018, 5, 17), "2018", D(2018, 1, 1),
     D(2018, 4, 30)),
    # seasons: three months from March, June, September or December
    ("The campaign began in early spring.", D(2018, 4, 12), "2018-03", None, None),
    ("Prices rose this spring.", D(2018, 4, 12), "2018", D(2018, 3, 1), D(2018, 5, 31)),
    ("We got through last winter on nothing.", D(2018, 4, 12), "2018", D(2017, 12, 1),
     D(2018, 2, 28)),
    ("We got through last winter on nothing.", D(2019, 1, 15), "2018", D(2017, 12, 1),
     D(2018, 2, 28)),  # said in winter: the one before
    ("Permits will be scarce this winter.", D(2018, 11, 5), "2019", D(2018, 12, 1),
     D(2019, 2, 28)),  # the nearest
    ("He had sold rice since last autumn.", D(2015, 6, 10), "2014", D(2014, 9, 1),
     D(2014, 11, 30)),
    ("It was late last summer.", D(2018, 4, 12), "2017-08", None, None),
    ("It happened in the spring of 2019.", None, "2019", D(2019, 3, 1), D(2019, 5, 31)),
    # the weekend just past; a weekday of a shifted week; the first week of a month
    ("Over the weekend, officers went through the market.", D(2024, 11, 13), "2024-11",
     D(2024, 11, 9), D(2024, 11, 10)),
    ("It happened on Monday last week.", D(2024, 11, 13), "2024-11-04", None, None),
    # a unit, then how far back: two weeks, or the weekday of that week
    ("It happened the week before last.", D(2020, 9, 17), "2020-09", D(2020, 8, 31),
     D(2020, 9, 6)),
    ("The storm hit in the early hours of Thursday the week before last.", D(2020, 9, 17),
     "2020-09-03", None, None),
    ("It began on Saturday afternoon the week before last.", D(2020, 9, 17), "2020-09-05",
     None, None),
    ("The frost came a fortnight ago.", D(2021, 9, 9), "2021-08-26", None, None),
    # the small or early hours of a day are that day
    ("Officers forced the door in the small hours of the 9th.", D(2019, 3, 14), "2019-03-09",
     None, None),
    ("The blast came in the early hours of Nov. 3.", D(2019, 11, 21), "2019-11-03", None,
     None),
    ("By the first week of November it cost 2,700 won.", D(2024, 11, 13), "2024-11",
     D(2024, 11, 1), D(2024, 11, 10)),
    # holidays: a fixed day, or the lunar calendar's day of that year (holiday_dates.tsv);
    # the latest one not after publication
    ("The first pigs fell sick over the Lunar New Year holiday.", D(2025, 2, 20), "2025-01-29",
     None, None),
    ("Since the Lunar New Year, 40 users were sent away.", D(2018, 3, 22), "2018-02-16", None,
     None),
    ("On the eve of the Lunar New Year holiday, inspectors came.", D(2025, 2, 14), "2025-01-28",
     None, None),
    ("Families were evicted during Chuseok.", D(2024, 10, 2), "2024-09-17", None, None),
    ("The children got no sweets on Kim Jong Un's birthday.", D(2025, 1, 20), "2025-01-08", None,
     None),
    ("Two men crossed on the Day of the Sun.", D(2021, 3, 1), "2020-04-15", None, None),
    ("Stalls were shut over the Day of the Shining Star holiday.", D(2019, 2, 27),
     "2019-02-16", None, None),
    # fully absolute dates need no publication date
    ("He crossed on July 19, 2020, officials said.", None, "2020-07-19", None, None),
    ("It was built in March 2020.", None, "2020-03", None, None),
    ("a journalist who fled in 2009", None, "2009", None, None),
]


@pytest.mark.parametrize(("sentence", "published", "value", "earliest", "latest"), RESOLVED)
def test_first_time_resolves_against_publication_date(sentence, published, value, earliest,
                                                      latest):
    tv = first_time(sentence, published)
    assert tv is not None
    assert (tv.value, tv.earliest, tv.latest) == (value, earliest, latest)
    assert tv.expression in sentence


@pytest.mark.parametrize(("sentence", "expressions"), [
    ("told Daily NK on August 8th", ["on August 8th"]),
    ("The restrictions ended at midnight on Tuesday, the source said", ["at midnight on Tuesday"]),
    ("ended a lockdown at 6 PM on Mar. 23, sooner", ["at 6 PM on Mar. 23"]),
    ("the closure would run until March 7", ["March 7"]),
    ("At the beginning of last month, not even one month after",
     ["At the beginning of last month", "one month after"]),
    ("stopped in mid-April and questioned yesterday", ["in mid-April", "yesterday"]),
    ("The day after the escape, the leader ordered", ["The day after"]),
    ("two days later he was caught", ["two days later"]),
    ("they were recently detained", ["recently"]),
    # a day ordinal may be followed by a function word or a time of day, not by a noun
    ("ordered the boats out on the 5th even though a storm", ["on the 5th"]),
    ("it broke out on the 5th evening", ["on the 5th evening"]),
    # "the weekend" before a pronoun is a time, before a noun its modifier
    ("Over the weekend they picked up four traders", ["Over the weekend"]),
    ("In the first days of September, every flat was searched",
     ["In the first days of September"]),
    ("And then the night before last they came back", ["the night before last"]),
    # a month of the year told before, not the month alone
    ("In December of that year, a soldier was executed", ["In December of that year"]),
    # a duration before "earlier this month" is no anchored time
    ("sentenced to terms of up to ten years earlier this month", ["earlier this month"]),
    ("they drifted for three days before a ship came", []),
])
def test_find_times_spans(sentence, expressions):
    spans = find_times(sentence)
    assert [expr for _, _, expr in spans] == expressions
    assert all(sentence[s:e] == expr for s, e, expr in spans)


@pytest.mark.parametrize("sentence", [
    "The 53-year-old man was arrested.",
    "They had been given 630 grams of rations.",
    "ahead of the 70th anniversary of the Party's foundation",
    "during the 100-day run-up to the anniversary",
    "people showing COVID-19 symptoms were told to stay home",
    "the town was sealed off for 10 days",
    "the stalls close at 6 PM",
    "May I add that it may rain",
    "about 2000 people attended",
    "Order No. 205 was issued",
    "a fire on the 5th floor",
    # a season needs last/this/next, a part or a year, and is no noun's modifier
    "boats cross in autumn to chase crab",
    "sent to the farms for this spring planting",
    "prices fall when the harvest comes",
    "over 300 people came to watch",
    "the weekend markets were busy",
    "over the weekend work detail",
])
def test_find_times_ignores_non_times(sentence):
    assert find_times(sentence) == []


@pytest.mark.parametrize("expression", ["yesterday", "in April", "on Sunday", "last month",
                                        "on the 7th", "three days ago", "early last week"])
def test_without_publication_date_words_are_kept(expression):
    assert resolve(expression, None) == TimeValue(expression, None)


@pytest.mark.parametrize("expression", ["recently", "the other day", "several days ago",
                                        "a few weeks ago", "in recent days"])
def test_vague_expressions_resolve_to_none(expression):
    assert resolve(expression, D(2021, 2, 22)) is None


def test_first_time_skips_vague_and_keeps_unresolved_words():
    published = D(2021, 2, 22)
    assert first_time("they were recently detained", published) is None
    assert first_time("recently, on Feb. 3, it closed", published).value == "2021-02-03"
    assert first_time("it closed on Sunday", None) == TimeValue("on Sunday", None)
    assert first_time("nothing to see here", published) is None


@pytest.mark.parametrize(("expression", "published", "value"), [
    ("until March 7", D(2021, 2, 22), "2021-03-07"),
    ("in October", D(2015, 8, 20), "2015-10"),
    ("on Sunday", D(2021, 2, 22), "2021-02-28"),
    ("on Sunday", D(2021, 2, 21), "2021-02-28"),
    ("on the 7th", D(2021, 3, 10), "2021-04-07"),
    ("next week", D(2020, 8, 3), "2020-08"),
])
def test_future_plans(expression, published, value):
    assert resolve(expression, published, future=True).value == value


def tv(value, earliest=None, latest=None):
    return TimeValue("anchor", value, earliest, latest)


# (expression, anchor, value, earliest, latest)
ANCHORED = [
    ("the day after the escape", tv("2015-07-03"), "2015-07-04", None, None),
    ("a day later", tv("2020-12-31"), "2021-01-01", None, None),
    ("two days after", tv("2020-02-28"), "2020-03-01", None, None),
    ("the following day", tv("2021-02-28"), "2021-03-01", None, None),
    ("a week later", tv("2021-02-25"), "2021-03-04", None, None),
    ("three days earlier", tv("2021-03-02"), "2021-02-27", None, None),
    ("later that day", tv("2021-03-02"), "2021-03-02", None, None),
    ("that month", tv("2021-03-02"), "2021-03", None, None),
    ("the following month", tv("2020-12-15"), "2021-01", None, None),
    ("a month later", tv("2015-07"), "2015-08", None, None),
    ("the day after", tv("2015-07"), "2015-07", D(2015, 7, 2), D(2015, 8, 1)),
    ("two weeks later", tv("2015-07"), "2015-07", D(2015, 7, 15), D(2015, 8, 14)),
    ("three weeks later", tv("2015-07"), "2015-08", D(2015, 7, 22), D(2015, 8, 21)),
    ("the day after", tv("2015-07", D(2015, 7, 1), D(2015, 7, 10)), "2015-07", D(2015, 7, 2),
     D(2015, 7, 11)),
    ("a year later", tv("2019"), "2020", None, None),
    ("In December of that year", tv("2020-08"), "2020-12", None, None),
    ("in March of the following year", tv("2020-08-14"), "2021-03", None, None),
    ("in May of the same year", tv("2019"), "2019-05", None, None),
    ("the day after", None, None, None, None),
    ("the day after", tv(None), None, None, None),
]


@pytest.mark.parametrize(("expression", "anchor", "value", "earliest", "latest"), ANCHORED)
def test_anchored_expressions_count_from_the_anchor(expression, anchor, value, earliest,
                                                    latest):
    for published in (D(2022, 1, 1), None):  # the publication date plays no part
        got = resolve(expression, published, anchor=anchor)
        assert (got.value, got.earliest, got.latest) == (value, earliest, latest)
        assert got.expression == expression


@pytest.mark.parametrize(("expression", "anchored"), [
    ("the day after the escape", True), ("a day later", True), ("two days after", True),
    ("the following day", True), ("that same day", True), ("a week earlier", True),
    ("two days ago", False), ("yesterday", False), ("last month", False), ("Aug. 2", False),
    ("recently", False), ("no time here", False), ("in December of that year", True),
    ("in December 2019", False),
])
def test_is_anchored(expression, anchored):
    assert is_anchored(expression) is anchored


def test_day_after_tomorrow_is_not_anchored():
    assert find_times("They will meet the day after tomorrow.")[0][2] == "the day after tomorrow"
    assert resolve("the day after tomorrow", D(2021, 2, 27)).value == "2021-03-01"


@pytest.fixture
def ontology_copy(tmp_path):
    for name in ("time.tsv", "holiday_dates.tsv"):
        shutil.copy(ROOT / "ontology" / name, tmp_path / name)
    return tmp_path


def test_new_words_in_data_change_recognition(ontology_copy, monkeypatch):
    sentence = "They fled on Agosto 2 and returned thirteen days ago."
    assert find_times(sentence) == []
    with open(ontology_copy / "time.tsv", "a", encoding="utf-8") as f:
        f.write("month\tAgosto\t8\texact\tSpanish\n")
    (ontology_copy / "time_extra.tsv").write_text(
        "kind\tword\tvalue\tcase\tnote\nnumber\tthirteen\t13\t\t\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology_copy))
    assert [e for _, _, e in find_times(sentence)] == ["on Agosto 2", "thirteen days ago"]
    assert resolve("on Agosto 2", D(2021, 3, 1)).value == "2020-08-02"
    assert load_time_words(ontology_copy).value("month", "agosto") == 8
    monkeypatch.delenv("KG_ONTOLOGY")
    assert find_times(sentence) == []


@pytest.mark.parametrize("row", [
    "epoch\tsummer\t6\t\t",  # unknown kind
    "season\tmonsoon\t7\t\t",  # a season starts in March, June, September or December
    "month\tFoo\tthirteenth\t\t",  # not a number
    "month\tFoo\t13\t\t",  # no such month
    "unit\tfortnight\tfortnight\t\t",  # not a unit
    "shift\tlast\t\tweird\t",  # bad case
    "month\tFoo\t9",  # a column missing
    "month\t\t9\t\t",  # no word
    "holiday\tFounders' Day\t13-45\t\t",  # no such month-day
    "holiday\tFounders' Day\t02-30\t\t",  # not a day of every year
    "holiday\tFounders' Day\tfounders-day\t\t",  # no dates for it in holiday_dates.tsv
])
def test_malformed_rows_raise_data_error(ontology_copy, row):
    with open(ontology_copy / "time.tsv", "a", encoding="utf-8") as f:
        f.write(row + "\n")
    with pytest.raises(DataError, match=r"time\.tsv:\d+: "):
        load_time_words(ontology_copy)


def test_holiday_dates_are_data(ontology_copy, monkeypatch):
    with open(ontology_copy / "time.tsv", "a", encoding="utf-8") as f:
        f.write("holiday\tDano\tdano\t\tlunar 5/5\n")
    dates = ontology_copy / "holiday_dates.tsv"
    original = dates.read_text(encoding="utf-8")
    dates.write_text(original + "dano\t2023-06-31\t\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"holiday_dates\.tsv:\d+: date '2023-06-31'"):
        load_time_words(ontology_copy)
    dates.write_text(original + "dano\t2023-06-22\t\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology_copy))
    assert resolve("on Dano", D(2023, 7, 1)).value == "2023-06-22"


def test_default_words_come_from_the_repo_ontology():
    words = load_time_words()
    assert words.value("month", "Sept.") == 9
    assert words.value("weekday", "Sunday") == 6


def test_docstring_examples():
    assert doctest.testmod(kg.timex).failed == 0
