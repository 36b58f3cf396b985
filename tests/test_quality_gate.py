"""Regression gate: extraction on ../shared/eval/dev must not fall below the pinned floors.

The floors live in tests/quality_floors.json (measured score minus 0.02, rounded down);
raise them as extraction improves. The dev set sits beside the repository (``shared/``
next to the clone, as in CI); without it the gate is skipped.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kg.evaluate import CATEGORIES, Evaluation, evaluate

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
FLOORS = json.loads((Path(__file__).resolve().parent / "quality_floors.json")
                    .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_scores() -> Evaluation:
    if not DEV.is_dir():
        pytest.skip(f"no dev set at {DEV}: clone the shared/ folder beside the repository")
    return evaluate(DEV)


def test_every_category_has_a_floor():
    assert set(FLOORS["f1"]) == set(CATEGORIES)
    assert 0.0 <= FLOORS["incident_dates"] <= 1.0


@pytest.mark.parametrize("category", CATEGORIES)
def test_f1_stays_above_its_floor(dev_scores, category):
    score = dev_scores.total(category)
    misses = [f"{a.id}: miss {m}" for a in dev_scores.articles for m in a.scores[category].misses]
    hits = [f"{a.id}: false hit {f}" for a in dev_scores.articles
            for f in a.scores[category].false_hits]
    assert score.f1 >= FLOORS["f1"][category], (
        f"{category} F1 {score.f1:.3f} fell below {FLOORS['f1'][category]} "
        f"(P {score.precision:.3f}, R {score.recall:.3f})\n" + "\n".join(misses + hits))


def test_incident_dates_stay_above_their_floor(dev_scores):
    dates = dev_scores.dates()
    differ = [f"{a.id}: {m}" for a in dev_scores.articles for m in a.dates.mismatches]
    assert (dates.accuracy or 0.0) >= FLOORS["incident_dates"], (
        f"incident-date accuracy {dates.accuracy} fell below {FLOORS['incident_dates']}\n"
        + "\n".join(differ))


@pytest.mark.parametrize("name", [*CATEGORIES, "incident_dates"])
def test_floors_follow_the_rule(name):
    """A floor is its recorded measurement minus 0.02, rounded down (so it bites)."""
    floor = FLOORS["incident_dates"] if name == "incident_dates" else FLOORS["f1"][name]
    measured = FLOORS["measured"][name]
    assert floor == math.floor(round((measured - 0.02) * 100, 6)) / 100
