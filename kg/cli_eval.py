"""``kg eval GOLD_DIR``: print the scores of :func:`kg.evaluate.evaluate` as a table or JSON.

Registered on the ``kg`` group by kg.cli (``main.add_command(eval_command)``). Scores are
information, so the exit status is 0 whatever they are; bad input exits with 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.evaluate import CATEGORIES, ArticleResult, Evaluation, evaluate


@click.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON document.")
@click.option("--verbose", "-v", is_flag=True,
              help="Also list the matched pairs of every article.")
def eval_command(gold_dir: Path, as_json: bool, verbose: bool) -> None:
    """Score extraction against the gold annotations of GOLD_DIR.

    Each NAME.md with a NAME.gold.json beside it is built alone into a fresh in-memory
    store; the contract queries are compared with the gold (../shared/eval/README.md).
    Prints precision, recall and F1 per category (micro-averaged over articles), the
    incident-date accuracy, and per article the misses (gold items not found) and false
    hits (predicted items not matched).
    """
    try:
        result = evaluate(gold_dir)
    except KgError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
    else:
        click.echo(format_table(result, verbose))


def format_table(result: Evaluation, verbose: bool = False) -> str:
    """The summary table, then each article's misses and false hits."""
    lines = [f"kg eval {result.gold_dir}: {len(result.articles)} articles", "",
             f"{'category':<12}{'gold':>6}{'pred':>6}{'match':>7}"
             f"{'precision':>11}{'recall':>8}{'F1':>7}"]
    for category in CATEGORIES:
        s = result.total(category)
        lines.append(f"{category:<12}{s.gold:>6}{s.predicted:>6}{s.tp:>7}"
                     f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}")
    dates = result.dates()
    accuracy = "n/a" if dates.accuracy is None else f"{dates.accuracy:.3f}"
    lines.append(f"{'inc. dates':<12}{dates.agree:>6} of {dates.matched} matched incidents "
                 f"agree: {accuracy}")
    for article in result.articles:
        lines.extend(["", *_article_lines(article, verbose)])
    return "\n".join(lines)


def _article_lines(article: ArticleResult, verbose: bool) -> list[str]:
    lines = [f"== {article.id} ({article.file})"]
    for category in CATEGORIES:
        s = article.scores[category]
        lines.append(f"  {category:<11} {s.tp}/{s.gold} found, {s.predicted} predicted, "
                     f"F1 {s.f1:.2f}")
        lines.extend(f"    miss:      {item}" for item in s.misses)
        lines.extend(f"    false hit: {item}" for item in s.false_hits)
        if verbose:
            lines.extend(f"    match:     {g}  <->  {p}" for g, p in s.pairs)
    d = article.dates
    if d.matched:
        lines.append(f"  {'inc. dates':<11} {d.agree}/{d.matched} agree")
        lines.extend(f"    differ:    {item}" for item in d.mismatches)
    return lines
