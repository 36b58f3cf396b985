"""The small data files of the extractor report a bad row with its file and line."""

from __future__ import annotations

import shutil

import pytest

from kg.errors import DataError
from kg.frames import load_aspects, load_senses
from kg.local_bodies import load_bodies
from kg.persons import _pattern, _titles
from kg.prefilter import alternatives, structure
from kg.reference import inner_pattern
from kg.unknown import load_heads
from tests.conftest import ROOT

CASES = [
    ("heads.tsv", "District\tregion\tDistrict\tbad kind\n", load_heads, "kind must be"),
    ("frame_types.tsv", "Arrest\tsometimes\t\n", load_aspects, "aspect must be"),
    ("trigger_senses.tsv", "inc.punish.fined\t\t\n", load_senses, "empty sense"),
    ("surnames.tsv", "van Dyke\t\n", _pattern, "one capitalised word"),
    ("titles.tsv", "\tno title\n", _titles, "title"),
    ("heads.tsv", "District\tplace\n", load_heads, "expected 4"),
    ("local_bodies.tsv", "rank\tprovincial\tProvincial\tProvince\t\n", load_bodies,
     "kind must be"),
    ("local_bodies.tsv", "body\tparty committee\t\tPartyOrgan\t\n", load_bodies, "name"),
]


def test_every_trigger_with_a_sense_is_an_incident_trigger():
    """A misspelt id in trigger_senses.tsv would silently give its trigger no sense."""
    incident_ids = {t.id for t in __import__("kg.reference", fromlist=["x"])
                    .load_reference().triggers if t.frame == "incident"}
    assert set(load_senses()) <= incident_ids, set(load_senses()) - incident_ids


@pytest.mark.parametrize("name,row,loader,reason", CASES)
def test_bad_row_names_file_and_line(tmp_path, name, row, loader, reason):
    shutil.copytree(ROOT / "ontology", tmp_path, dirs_exist_ok=True)
    lines = (tmp_path / name).read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / name).write_text("".join(lines) + row, encoding="utf-8")
    with pytest.raises(DataError, match=rf"{name}:{len(lines) + 1}: .*{reason}"):
        loader(tmp_path)


@pytest.mark.parametrize("trigger", __import__("kg.reference", fromlist=["x"])
                         .load_reference().triggers, ids=lambda t: t.id)
def test_no_trigger_alternative_starts_or_ends_with_a_space(trigger):
    """A trigger is matched whole-word; an alternative that ends (or starts) with a space
    could never match ("searching the " before "homes")."""
    pattern = inner_pattern(trigger.pattern)
    for alternative in alternatives(pattern):
        assert alternative == alternative.strip(), (trigger.id, alternative)
        # nor before a closing look-ahead: "told (?:\w+ ){1,4}to (?=[a-z])" never matched
        body = _without_trailing_lookaheads(alternative)
        assert body == body.rstrip(), (trigger.id, alternative)


def _without_trailing_lookaheads(pattern: str) -> str:
    """``pattern`` without the look-ahead groups it ends with: "to (?!be)(?=[a-z])" → "to "."""
    while pattern.endswith(")"):
        opens, last_open = [], None
        for i, ch in structure(pattern):
            if ch == "(":
                opens.append(i)
            elif ch == ")":
                last_open = opens.pop()
        if last_open is None or not pattern.startswith(("(?=", "(?!"), last_open):
            break
        pattern = pattern[:last_open]
    return pattern
