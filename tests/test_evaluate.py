"""The scorer of ``kg eval``: names, matching rules, dates, gold files, JSON and the CLI.

The scorer fixtures (tests/data/eval/scorer) pair a hand-made gold file with a hand-made
prediction; the expected numbers below are worked out by hand from the matching rules of
docs/evaluation.md, item by item.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli_eval import eval_command
from kg.errors import DataError, InputError
from kg.evaluate import (
    CATEGORIES,
    Annotations,
    ArticleResult,
    DateScore,
    Evaluation,
    Frame,
    Score,
    date_agrees,
    evaluate,
    gold_pairs,
    load_normaliser,
    predict,
    read_gold,
    score_article,
)

DATA = Path(__file__).resolve().parent / "data" / "eval"
SCORER = DATA / "scorer"
CLI_DIR = DATA / "cli"


@pytest.fixture(scope="module")
def norm():
    return load_normaliser()


@pytest.fixture(scope="module")
def fixture_result(norm) -> ArticleResult:
    gold = read_gold(SCORER / "gold.json")
    predicted = read_gold(SCORER / "predicted.json")
    return score_article(gold, predicted, norm, "scorer.md")


# -- names ------------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b"), [
    ("North Hamkyung Province", "North Hamgyong Province"),
    ("Ryanggang Province", "Yanggang"),
    ("Yangkang Province", "Ryanggang Province"),
    ("Sakju", "Sakchu County"),
    ("Pyeongan", "Pyongan"),
    ("Gaeseong", "Kaesong"),
    ("Ministry of People’s Security", "Ministry of People's Security"),
    ("Chosŏn", "Choson"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("KAESONG SPECIAL CITY", "Kaesong"),
    ("the North", "North"),
    ("N. Hamgyong", "North Hamgyong"),
    ("[Tumen] River", "Tumen River"),
    ("Central Anti-Epidemic Command", "Central Antiepidemic Command"),
    ("Kangryong County", "Kangnyong County"),
    ("Cabinet", "Cabinet of the DPRK"),
    ("UN Security Council", "United Nations Security Council"),
    ("Central Emergency Anti-epidemic Headquarters", "Central Emergency Anti-epidemic Command"),
])
def test_spelling_variants_share_a_key(norm, a, b):
    assert norm.key(a) == norm.key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("North Hamgyong Province", "South Hamgyong Province"),
    ("Ministry of State Security", "Ministry of Social Security"),
    ("Kim Jong Un", "Kim Jong Il"),
    ("District office", "Customs Office"),
    ("Musan County", "Musan River"),
    ("County", "District"),
    ("Military Security Command", "Border Security Command"),
])
def test_different_names_keep_different_keys(norm, a, b):
    assert norm.key(a) != norm.key(b)


def test_a_name_of_generic_words_only_keeps_them(norm):
    assert norm.key("The City") != ""


def test_rules_come_from_the_data_file(tmp_path, norm):
    assert norm.key("Amur Oblast") != norm.key("Amur")
    (tmp_path / "eval_normalise.tsv").write_text(
        "kind\tfrom\tto\tnote\ngeneric\tOblast\t\t\nword\tpeking\tbeijing\t\n", encoding="utf-8")
    custom = load_normaliser(tmp_path)
    assert custom.key("Amur Oblast") == custom.key("Amur")
    assert custom.key("Peking") == custom.key("Beijing")


@pytest.mark.parametrize(("row", "message"), [
    ("spelling\tx\ty\t", "bad rule kind"),
    ("pattern\t(unclosed\tx\t", "does not compile"),
    ("word\tpeking\t\t", "empty to"),
])
def test_a_bad_rule_names_file_and_line(tmp_path, row, message):
    (tmp_path / "eval_normalise.tsv").write_text(f"kind\tfrom\tto\tnote\n{row}\n",
                                                 encoding="utf-8")
    with pytest.raises(DataError, match=rf"eval_normalise\.tsv:2: .*{message}"):
        load_normaliser(tmp_path)


# -- dates ------------------------------------------------------------------------------
@pytest.mark.parametrize(("gold", "predicted", "agrees"), [
    ("2015-07", "2015-07", True),
    ("2015-07", "2015-07-03", True),
    ("2015", "2015-12-31", True),
    ("2015-07", "2015-08-01", False),
    ("2015-07-03", "2015-07", False),
    ("2015-07-03", "2015-07-04", False),
    (None, None, True),
    (None, "2015-07", False),
    ("2015-07", None, False),
])
def test_date_agrees_at_the_gold_precision(gold, predicted, agrees):
    assert date_agrees(gold, predicted) is agrees


# -- matching on the hand-made fixture --------------------------------------------------
@pytest.mark.parametrize(("category", "gold", "predicted", "tp", "misses", "false_hits"), [
    # Musan matches Musan County, Duman River a surface form of Tumen River.
    ("places", 5, 5, 3, {"China", "South Korea"}, {"Chongjin", "South Hamgyong Province"}),
    # "safety and security units" is a surface of both ministries: one-to-one, both found.
    ("agencies", 3, 3, 2, {"Border Guard"}, {"Customs Office"}),
    # Two predicted entities for one gold person: one of them is a false hit.
    ("persons", 1, 2, 1, set(), None),
])
def test_entity_matching(fixture_result, category, gold, predicted, tp, misses, false_hits):
    score = fixture_result.scores[category]
    assert (score.gold, score.predicted, score.tp) == (gold, predicted, tp)
    assert set(score.misses) == misses
    assert len(score.false_hits) == predicted - tp
    if false_hits is not None:
        assert set(score.false_hits) == false_hits


def test_incident_matching(fixture_result):
    score = fixture_result.scores["incidents"]
    assert (score.gold, score.predicted, score.tp) == (4, 5, 3)
    # The Arrest at China does not overlap the gold Arrest at the Tumen River.
    assert [m.split(" @")[0] for m in score.misses] == ["Arrest"]
    assert sorted(f.split(" @")[0] for f in score.false_hits) == ["Arrest", "Lockdown"]


def test_directive_matching(fixture_result):
    score = fixture_result.scores["directives"]
    # The leader's order matches through the gold person's surface form "the leader"; the
    # order with no gold issuer matches any issuer; the decree lacks the gold issuer.
    assert (score.gold, score.predicted, score.tp) == (3, 3, 2)
    assert score.misses == ["Decree @ - by Ministry of State Security [no date]"]


def test_incident_dates(fixture_result):
    dates = fixture_result.dates
    # Defection 2015-07 ~ 2015-07-03 and Search null ~ null agree; Surveillance 2015-08 ≠ 2015.
    assert (dates.matched, dates.agree) == (3, 2)
    assert len(dates.mismatches) == 1 and dates.mismatches[0].startswith("Surveillance")
    assert dates.accuracy == pytest.approx(2 / 3)


def test_matching_is_one_to_one_and_as_large_as_possible(norm):
    gold = Annotations("g", incidents=(Frame("Defection", ("Musan County", "Tumen River")),
                                       Frame("Defection", ("Musan County",))))
    predicted = Annotations("p", incidents=(Frame("Defection", ("Musan County", "Tumen River")),
                                            Frame("Defection", ("Tumen River",))))
    # Greedy would give the first gold item the two-place prediction and leave the second
    # with nothing; the best matching pairs both.
    assert score_article(gold, predicted, norm).scores["incidents"].tp == 2


def test_the_candidate_with_most_place_overlap_is_preferred(norm):
    gold = Annotations("g", incidents=(Frame("Defection", ("Musan County", "China"), "2015-07"),))
    predicted = Annotations("p", incidents=(Frame("Defection", ("China",), "2014"),
                                            Frame("Defection", ("Musan", "China"), "2015-07")))
    result = score_article(gold, predicted, norm)
    assert result.scores["incidents"].false_hits == ["Defection @ China [2014]"]
    assert (result.dates.matched, result.dates.agree) == (1, 1)


@pytest.mark.parametrize(("gold_frame", "predicted_frame", "matches"), [
    (Frame("Arrest", ()), Frame("Arrest", ("China",)), True),
    (Frame("Arrest", ("China",)), Frame("Arrest", ()), True),
    (Frame("Arrest", ("China",)), Frame("Search", ("China",)), False),
    (Frame("Arrest", ("China",)), Frame("Arrest", ("Musan County",)), False),
    (Frame("Order", (), issuer="Kim Jong Un"), Frame("Order", (), issuer="Kim Jong-un"), True),
    (Frame("Order", (), issuer="Kim Jong Un"), Frame("Order", ()), False),
    (Frame("Order", ()), Frame("Order", (), issuer="Ministry of State Security"), True),
])
def test_frame_rules(norm, gold_frame, predicted_frame, matches):
    category = "directives" if gold_frame.type == "Order" else "incidents"
    result = score_article(Annotations("g", **{category: (gold_frame,)}),
                           Annotations("p", **{category: (predicted_frame,)}), norm)
    assert result.scores[category].tp == int(matches)


# -- scores -----------------------------------------------------------------------------
@pytest.mark.parametrize(("gold", "predicted", "tp", "p", "r", "f1"), [
    (0, 0, 0, 1.0, 1.0, 1.0),
    (3, 0, 0, 0.0, 0.0, 0.0),
    (0, 2, 0, 0.0, 0.0, 0.0),
    (4, 2, 2, 1.0, 0.5, 2 / 3),
])
def test_precision_recall_f1(gold, predicted, tp, p, r, f1):
    score = Score(gold, predicted, tp)
    assert (score.precision, score.recall) == (p, r)
    assert score.f1 == pytest.approx(f1)


def test_totals_are_micro_averaged():
    def article(name: str, gold: int, predicted: int, tp: int) -> ArticleResult:
        scores = {c: Score() for c in CATEGORIES}
        scores["places"] = Score(gold, predicted, tp)
        return ArticleResult(name, name, scores, DateScore(tp, tp))
    total = Evaluation("d", [article("a", 1, 1, 1), article("b", 3, 1, 0)]).total("places")
    # Per-article recalls are 1.0 and 0.0 (mean 0.5); the micro-average is 1 of 4.
    assert (total.precision, total.recall) == (0.5, 0.25)


# -- gold files -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "one JSON object"),
    ('{"places": {"name": "China"}}', "'places' must be a list of objects"),
    ('{"places": [{"kind": "Country"}]}', r"places\[0\]: 'name' must be a non-empty string"),
    ('{"agencies": [{"name": "MSS", "surface": "MSS"}]}', "'surface' must be a list"),
    ('{"incidents": [{"type": "Arrest", "date": "July 2015"}]}', "bad date 'July 2015'"),
    ('{"directives": [{"places": []}]}', r"directives\[0\]: 'type'"),
])
def test_a_malformed_gold_file_is_named_with_the_reason(tmp_path, text, message):
    path = tmp_path / "01.gold.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_gold(path)
    assert caught.value.path == str(path)


def test_gold_pairs_skip_articles_without_gold():
    pairs = gold_pairs(CLI_DIR)
    assert [(a.name, g.name) for a, g in pairs] == [("hyesan-01.md", "hyesan-01.gold.json")]


@pytest.mark.parametrize(("files", "message"), [
    ({}, "no gold files"),
    ({"01.gold.json": "{}"}, "no article 01.md"),
])
def test_gold_dir_problems(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        gold_pairs(tmp_path)


# -- end to end -------------------------------------------------------------------------
def _as_gold(annotations: Annotations) -> dict:
    """A gold file that says exactly what the extractor predicted."""
    def frames(items):
        return [{"type": f.type, "places": list(f.places), "date": f.date, "issuer": f.issuer}
                for f in items]
    return {"id": annotations.id,
            **{c: [{"name": e.name, "surface": []} for e in getattr(annotations, c)]
               for c in ("places", "agencies", "persons")},
            "incidents": frames(annotations.incidents),
            "directives": frames(annotations.directives)}


@pytest.fixture(scope="module")
def predicted() -> Annotations:
    found = predict(CLI_DIR / "hyesan-01.md")
    assert found.places and found.incidents, "the extractor found nothing to compare"
    return found


def _gold_dir(path: Path, gold: dict) -> Path:
    shutil.copy(CLI_DIR / "hyesan-01.md", path / "hyesan-01.md")
    (path / "hyesan-01.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_a_gold_equal_to_the_prediction_scores_perfectly(tmp_path, predicted):
    result = evaluate(_gold_dir(tmp_path, _as_gold(predicted)))
    for category in CATEGORIES:
        assert result.total(category).f1 == 1.0, result.articles[0].scores[category]
    assert result.dates().accuracy == 1.0


def test_the_table_lists_misses_and_false_hits(runner, tmp_path, predicted):
    gold = _as_gold(predicted)
    dropped = gold["places"].pop(0)["name"]
    gold["places"].append({"name": "Nowhere Land", "surface": []})
    result = runner.invoke(eval_command, [str(_gold_dir(tmp_path, gold))])
    assert result.exit_code == 0, result.output
    assert "== hyesan-01 (hyesan-01.md)" in result.output
    assert "miss:      Nowhere Land" in result.output
    assert f"false hit: {dropped}" in result.output
    assert "match:" not in result.output
    verbose = runner.invoke(eval_command, [str(tmp_path), "--verbose"])
    assert f"match:     {gold['places'][0]['name']}" in verbose.output


def test_cli_json_structure(runner):
    result = runner.invoke(eval_command, [str(CLI_DIR), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 1
    assert set(data["scores"]) == set(CATEGORIES)
    gold = json.loads((CLI_DIR / "hyesan-01.gold.json").read_text(encoding="utf-8"))
    (article,) = data["per_article"]
    assert article["id"] == "hyesan-01" and article["file"] == "hyesan-01.md"
    for category in CATEGORIES:
        total, scores = data["scores"][category], article["scores"][category]
        assert total["gold"] == len(gold[category])
        assert len(scores["misses"]) == total["gold"] - total["matched"]
        assert len(scores["false_hits"]) == total["predicted"] - total["matched"]
        if total["predicted"]:
            assert total["precision"] == round(total["matched"] / total["predicted"], 4)
    assert set(data["incident_dates"]) == {"matched", "agree", "accuracy"}


@pytest.mark.parametrize(("article", "gold", "expected"), [
    (None, "{broken", ("01.gold.json", "not valid JSON")),
    (None, '{"places": [{"name": ""}]}', ("01.gold.json", "'name' must be")),
    ("---\ntitle: Empty\n---\n", "{}", ("01.md",)),
])
def test_cli_bad_input_is_one_line_naming_the_file(runner, tmp_path, article, gold, expected):
    if article is None:
        shutil.copy(CLI_DIR / "hyesan-01.md", tmp_path / "01.md")
    else:
        (tmp_path / "01.md").write_text(article, encoding="utf-8")
    (tmp_path / "01.gold.json").write_text(gold, encoding="utf-8")
    result = runner.invoke(eval_command, [str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    for text in expected:
        assert text in result.output


def test_cli_missing_directory(runner, tmp_path):
    result = runner.invoke(eval_command, [str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such directory" in result.output
