"""Shared fixtures: the seed corpus built once into a real on-disk Oxigraph store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.store import KgStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
EVAL_DEV = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from corpus/ by the library, closed so read-only users can open it."""
    path = tmp_path_factory.mktemp("seed") / "kg-store"
    with KgStore(path) as store:
        report = build([CORPUS], store)
    assert report.ok, report.errors
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
