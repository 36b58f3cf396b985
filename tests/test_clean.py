"""kg.clean: boilerplate removal driven by data, sentence splitting, offsets, hashing."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from kg.clean import clean, content_hash, load_rules, sentence_at
from kg.errors import DataError, InputError
from kg.model import Metadata, RawArticle
from kg.read import iter_inputs, read_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).parent / "data" / "input"
EVAL_DEV = ROOT.parent / "shared" / "eval" / "dev"
ONTOLOGY = ROOT / "ontology"


def raw_of(path: Path) -> RawArticle:
    (article,) = read_path(path).articles
    return article


def article_of(text: str, author: str | None = None, ontology: Path | None = None):
    return clean(RawArticle("t", "t.md", text, Metadata(author=author)), ontology)


def texts(text: str, ontology: Path | None = None) -> list[str]:
    return [s.text for s in article_of(text, ontology=ontology).sentences]


# ---------------------------------------------------------------------------- boilerplate

KAESONG_BOILERPLATE = [
    "Please direct any comments or questions about this article to",
    "Read in Korean",
    "/ Image: Daily NK",
    "Kang Mi Jin is a North Korean defector turned journalist",
    "dailynkenglish@uni-media.net",
]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.mark.parametrize("author", ["Kang Mi Jin", None], ids=["with-author", "no-author"])
def test_kaesong_loses_boilerplate_and_keeps_news(author):
    raw = raw_of(CORPUS / "kaesong-lockdown-2020.md")
    raw = dataclasses.replace(raw, meta=dataclasses.replace(raw.meta, author=author))
    article = clean(raw)
    for junk in KAESONG_BOILERPLATE:
        assert junk not in article.text
    assert not article.text.rstrip().endswith("Kang Mi Jin")
    news = [p for p in paragraphs(raw.text) if not any(j in p for j in KAESONG_BOILERPLATE)]
    news = [p for p in news if p != "Kang Mi Jin"]
    assert len(news) == 11  # 15 paragraphs: e-mail, Korean link, caption, bio dropped
    for paragraph in news:
        assert paragraph in article.text  # unchanged, character for character
    sentences = [s.text for s in article.sentences]
    assert "The source also described a large-scale disinfection campaign being carried out " \
        "across all households and public agencies in Kaesong." in sentences
    assert any(s.startswith("On Aug. 2, Rodong Sinmun published") for s in sentences)
    assert "\n\n\n" not in article.text


def test_musan_loses_sign_off_and_keeps_news():
    raw = raw_of(CORPUS / "musan-escape-2015.md")
    article = clean(raw)
    assert "(Daily NK)" not in article.text
    assert article.text.endswith("the other side (South Korea).”")
    news = [p for p in paragraphs(raw.text) if "(Daily NK)" not in p]
    assert len(news) == 8
    assert all(p in article.text for p in news)
    assert article.text.startswith("Two North Korean families from North Hamgyong Province")


def test_fixture_markdown_loses_bio_and_korean_link():
    article = clean(raw_of(DATA / "sample.md"))
    assert "Read in Korean" not in article.text
    assert "Seol Song Ah" not in article.text
    assert article.text.endswith('"Each trader paid 50,000 won."')


@pytest.mark.parametrize(
    "line",
    [
        "(Daily NK)",
        "\u00a0 \u00a0 (END)",
        "Read in Korean",
        "Please direct any comments or questions about this article to desk@example.org.",
        "Troops at the border in 2019. / Photo: Yonhap",
        "Kim Jong Un inspects a farm (Photo: KCNA)",
        "© 2021 Example Korea Monitor. All rights reserved.",
        "Reported by Hyun Min-kyung for RFA's Korean Service. Translated by Choi Ga-eun.",
        "Reported by Han Song Mi for RFA's Korean Service.",
    ],
)
def test_boilerplate_line_is_dropped_in_the_middle_too(line):
    text = f"First paragraph here.\n\n{line}\n\nLast paragraph here."
    article = article_of(text)
    assert article.text == "First paragraph here.\n\nLast paragraph here."


def test_author_name_far_from_the_end_is_content():
    body = "\n\n".join(f"Paragraph number {i} of the story." for i in range(6))
    text = f"Kim Su\n\n{body}"
    assert article_of(text, author="Kim Su").text == text


def test_author_name_near_the_end_cuts_the_bio():
    text = "A story.\n\nAnother paragraph.\n\nKim Su\nKim Su writes about markets."
    assert article_of(text, author="Kim Su").text == "A story.\n\nAnother paragraph."


def test_only_boilerplate_is_an_empty_article():
    with pytest.raises(InputError, match="empty article"):
        article_of("Read in Korean\n\n(Daily NK)\n")


# ---------------------------------------------------------------------------- data drives it


@pytest.fixture
def ontology_copy(tmp_path) -> Path:
    target = tmp_path / "ontology"
    target.mkdir()
    for name in ("boilerplate.tsv", "abbreviations.tsv"):
        shutil.copy(ONTOLOGY / name, target / name)
    return target


EXTRA_LINE = "Subscribe to the Example Korea Monitor newsletter"
TEXT_WITH_EXTRA = f"The market closed early.\n\n{EXTRA_LINE}\n\nTraders went home."


def add_rule(directory: Path) -> None:
    with (directory / "boilerplate.tsv").open("a", encoding="utf-8") as f:
        f.write("newsletter\tline\tsubscribe to .* newsletter\ttest rule\n")


def test_extra_boilerplate_row_removes_a_line(ontology_copy):
    assert EXTRA_LINE in article_of(TEXT_WITH_EXTRA).text  # the shipped data keeps it
    add_rule(ontology_copy)
    article = article_of(TEXT_WITH_EXTRA, ontology=ontology_copy)
    assert article.text == "The market closed early.\n\nTraders went home."


def test_ontology_directory_from_environment(ontology_copy, monkeypatch):
    add_rule(ontology_copy)
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology_copy))
    assert EXTRA_LINE not in article_of(TEXT_WITH_EXTRA).text


def test_abbreviation_rows_drive_splitting(ontology_copy):
    text = "They obeyed Order No. 205 at once."
    assert texts(text) == [text]
    path = ontology_copy / "abbreviations.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(r for r in rows if not r.startswith("No.\t")) + "\n", "utf-8")
    assert texts(text, ontology_copy) == ["They obeyed Order No.", "205 at once."]


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("boilerplate.tsv", "id\tscope\tpattern\tnote\nx\tpage\tfoo\t\n", "scope must be one of"),
        ("boilerplate.tsv", "id\tscope\tpattern\tnote\nx\tline\t(unclosed\t\n", "bad regular"),
        ("boilerplate.tsv", "id\tscope\tpattern\tnote\nx\tline\t\t\n", ":2: empty pattern"),
        ("boilerplate.tsv", "id\tpattern\nx\tfoo\n", "header must be id | scope"),
        ("boilerplate.tsv", "id\tscope\tpattern\tnote\nx\tline\tfoo\n", "expected 4"),
        ("boilerplate.tsv", "id\tscope\tpattern\tnote\nx\tline\tRead in Korean\t\n",
         "lower case"),
        ("boilerplate.tsv",
         "id\tscope\tpattern\tnote\nx\tline\t(?P<n>a)\t\ny\tline\t(?P<n>b)\t\n",
         "do not combine"),
        ("abbreviations.tsv", "abbreviation\tkind\tnote\nNo\tprefix\t\n", ":2: expected 'ABBR."),
        ("abbreviations.tsv", "abbreviation\tkind\tnote\nNo.\tsometimes\t\n",
         "expected 'ABBR."),
    ],
)
def test_malformed_data_file_is_a_data_error(ontology_copy, file, content, message):
    (ontology_copy / file).write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=r"\.tsv") as info:
        load_rules(ontology_copy)
    assert message in str(info.value)


# ---------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "text",
    [
        "Local authorities stressed Order No. 205 issued in April.",
        "On Aug. 2, Rodong Sinmun published an article.",
        "A source in N. Hamgyong Province said so.",
        "Gen. Ri and Lt. Col. Pak arrived with Mr. Kim.",
        "The U.S. envoy met Dr. Choi on St. Valentine's day.",
        "The price is approx. 5,000 won, e.g. for rice.",
        "Traders met at 6 p.m. on Tuesday.",
        "The rate rose 3.5 percent in Sept. 2021 alone.",
        "He said “go home.” and left.",
        "J. R. Kim wrote it.",
    ],
)
def test_abbreviations_and_numbers_do_not_split(text):
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("“Seal it off.” The order came at night.", ["“Seal it off.”", "The order came at night."]),
        ('"Seal it," he said. "Now."', ['"Seal it," he said.', '"Now."']),
        ("“It is bad,” the source said. “We suffer.”", ["“It is bad,” the source said.",
                                                      "“We suffer.”"]),
        ('They left." The guards came.', ['They left."', "The guards came."]),
        ("Rice, corn, etc. The market shut.", ["Rice, corn, etc.", "The market shut."]),
        ("Really? Yes! It happened.", ["Really?", "Yes!", "It happened."]),
        ("Prices rose 20 percent. 300 people left.", ["Prices rose 20 percent.",
                                                      "300 people left."]),
        ("A headline\n\nThe body starts here", ["A headline", "The body starts here"]),
        ("one paragraph ends\n \u00a0\nnext one", ["one paragraph ends", "next one"]),
        ("It is the Tumen\nRiver in the north.", ["It is the Tumen\nRiver in the north."]),
        ("Wait... They came.", ["Wait...", "They came."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert texts(text) == expected


def all_input_files() -> list[Path]:
    roots = [CORPUS, DATA] + ([EVAL_DEV] if EVAL_DEV.is_dir() else [])
    return list(iter_inputs(roots))


@pytest.mark.parametrize("path", all_input_files(), ids=lambda p: p.name)
def test_sentence_offsets_point_into_cleaned_text(path):
    for raw in read_path(path).articles:
        article = clean(raw)
        assert article.sentences
        previous_end = 0
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text
            assert s.start >= previous_end
            assert "\n\n" not in s.text
            previous_end = s.end
        # nothing but whitespace lies between sentences
        covered = "".join(s.text for s in article.sentences)
        assert "".join(covered.split()) == "".join(article.text.split())


def test_sentence_at_finds_the_containing_sentence():
    article = clean(raw_of(CORPUS / "kaesong-lockdown-2020.md"))
    for s in article.sentences:
        assert sentence_at(article, s.start) == s
        assert sentence_at(article, s.end - 1) == s
    first, second = article.sentences[:2]
    assert first.end < second.start
    with pytest.raises(LookupError):
        sentence_at(article, first.end)  # the gap between two sentences
    with pytest.raises(LookupError):
        sentence_at(article, len(article.text) + 5)
    offset = article.text.index("Order No. 205")
    assert "Order No. 205" in sentence_at(article, offset).text


# ---------------------------------------------------------------------------- hashing


def test_content_hash_follows_text_and_metadata():
    raw = raw_of(DATA / "sample.md")
    same = raw_of(DATA / "sample.md")
    base = content_hash(raw)
    assert len(base) == 64 and int(base, 16) >= 0
    assert content_hash(same) == base
    assert clean(raw).content_hash == base
    retitled = dataclasses.replace(raw, meta=dataclasses.replace(raw.meta, title="Other"))
    assert content_hash(retitled) != base
    redated = dataclasses.replace(raw, meta=dataclasses.replace(raw.meta, published=None))
    assert content_hash(redated) != base
    assert content_hash(dataclasses.replace(raw, text=raw.text + " ")) != base
