"""The command line: every command documented, errors on one line, exit codes."""

from __future__ import annotations

import json
import re

import pytest

from kg.cli import main
from tests.conftest import CORPUS, ROOT

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert main.commands[command].help, f"{command} has no help text"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`kg {command}\b", readme), f"kg {command} is not documented"


def test_build_then_query_incidents_from_the_cli(runner, tmp_path):
    store = str(tmp_path / "store")
    built = runner.invoke(main, ["build", "--store", store, str(CORPUS)])
    assert built.exit_code == 0, built.output
    assert "built 2" in built.output
    again = runner.invoke(main, ["build", "--store", store, str(CORPUS)])
    assert "built 0, unchanged 2" in again.output
    result = runner.invoke(main, ["query", "incidents", "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["head"]["vars"] == ["article", "incident", "type", "place", "date",
                                    "participants"]
    types = {b["type"]["value"].rsplit("/", 1)[1] for b in data["results"]["bindings"]}
    assert {"Defection", "Lockdown", "MarketDisruption"} <= types


def test_store_from_environment_variable(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    result = runner.invoke(main, ["build", str(CORPUS / "musan-escape-2015.md")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env-store").is_dir()


def test_query_on_missing_store_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["query", "places", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "no store here" in result.output


def test_unknown_query_lists_the_saved_ones(runner, seed_store_dir):
    result = runner.invoke(main, ["query", "nope", "--store", str(seed_store_dir)])
    assert result.exit_code == 1
    assert "unknown query 'nope'" in result.output and "incidents" in result.output


def test_bad_param_syntax(runner, seed_store_dir):
    result = runner.invoke(main, ["query", "places", "-p", "novalue", "--store",
                                  str(seed_store_dir)])
    assert result.exit_code == 1
    assert "KEY=VALUE" in result.output


def test_queries_lists_every_saved_query(runner):
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    names = {line.split()[0] for line in result.output.splitlines() if line.strip()}
    saved = {p.stem for p in (ROOT / "queries").glob("*.rq")}
    assert names == saved


def test_stats_counts_the_seed_graph(runner, seed_store_dir):
    result = runner.invoke(main, ["stats", "--store", str(seed_store_dir)])
    assert result.exit_code == 0, result.output
    assert "articles: 2" in result.output
    incidents = int(re.search(r"Incident\s+(\d+)", result.output).group(1))
    assert incidents >= 6


def test_validate_passes_on_the_seeds(runner, seed_store_dir):
    result = runner.invoke(main, ["validate", "--store", str(seed_store_dir)])
    assert result.exit_code == 0, result.output
    assert "2 of 2 article graphs conform" in result.output
