"""The small data files of the extractor report a bad row with its file and line."""

from __future__ import annotations

import shutil

import pytest

from kg.errors import DataError
from kg.frames import load_aspects
from kg.persons import _pattern, _titles
from kg.unknown import load_heads
from tests.conftest import ROOT

CASES = [
    ("heads.tsv", "District\tregion\tDistrict\tbad kind\n", load_heads, "kind must be"),
    ("frame_types.tsv", "Arrest\tsometimes\t\n", load_aspects, "aspect must be"),
    ("surnames.tsv", "van Dyke\t\n", _pattern, "one capitalised word"),
    ("titles.tsv", "\tno title\n", _titles, "title"),
    ("heads.tsv", "District\tplace\n", load_heads, "expected 4"),
]


@pytest.mark.parametrize("name,row,loader,reason", CASES)
def test_bad_row_names_file_and_line(tmp_path, name, row, loader, reason):
    shutil.copytree(ROOT / "ontology", tmp_path, dirs_exist_ok=True)
    lines = (tmp_path / name).read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / name).write_text("".join(lines) + row, encoding="utf-8")
    with pytest.raises(DataError, match=rf"{name}:{len(lines) + 1}: .*{reason}"):
        loader(tmp_path)
