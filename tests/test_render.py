"""Showing extractions: speaker colours, direct vs reported speech, counts, str/rich/notebook."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from rich.console import Console

from extractor import Article, Extraction
from extractor.render import html as render_html
from extractor.render.colours import NOBODY, PALETTE, colour, speaker_colours
from extractor.render.summary import summary_text
from extractor.rules import RulesEngine

from .test_export import well_formed

# Articles written for these tests.
FERRY = (
    "Council weighs new ferry route\n\n"
    "“We have waited long enough,” said Lena Park, the mayor. “The ferry must run by May.”\n\n"
    "Omar Haddad, the harbour master, said that the plan was “reckless” and too costly.\n\n"
    "Residents said the route would cut travel times.\n"
)
NAMES = [
    "Ana Lima",
    "Ben Ode",
    "Carla Ruiz",
    "Dev Patel",
    "Eva Stone",
    "Femi Adeyemi",
    "Greta Holm",
    "Hugo Marin",
    "Iris Vance",
    "Jonas Berg",
    "Kira Nakamura",
    "Luis Ortega",
]
TWELVE = (
    "Town hall hears twelve residents\n\n"
    + "\n\n".join(
        f"“The bridge needs repair number {n},” said {name}." for n, name in enumerate(NAMES)
    )
    + "\n"
)


def extract(text):
    return RulesEngine().extract(Article(text))


class Marks(HTMLParser):
    """Collects (tag, class, style, text) for every mark/span, innermost text included."""

    def __init__(self):
        super().__init__()
        self.open, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("mark", "span"):
            attrs = dict(attrs)
            self.open.append([tag, attrs.get("class") or "", attrs.get("style") or "", ""])

    def handle_endtag(self, tag):
        if tag in ("mark", "span") and self.open:
            item = self.open.pop()
            self.found.append(tuple(item))
            if self.open:
                self.open[-1][3] += item[3]

    def handle_data(self, data):
        if self.open:
            self.open[-1][3] += data


def marks(fragment):
    parser = Marks()
    parser.feed(fragment)
    return parser.found


def test_twelve_speakers_get_twelve_distinct_colours():
    result = extract(TWELVE)
    speakers = {q.speaker for q in result.quotes}
    assert len(speakers) == 12 and None not in speakers
    colours = speaker_colours(result)
    assert len({c.fill for c in colours.values()}) == 12
    assert len({c.line for c in colours.values()}) == 12
    assert NOBODY.fill not in {c.fill for c in colours.values()}
    fills = {
        style
        for tag, cls, style, _ in marks(render_html.article_html(TWELVE, result))
        if cls == "quoted"
    }
    assert len(fills) == 12
    assert len(PALETTE) >= 12
    more = [colour(n) for n in range(40)]  # past the palette: still no two alike
    assert len({c.fill for c in more}) == 40


def test_quoted_words_are_filled_and_reported_speech_underlined():
    result = extract(FERRY)
    found = marks(render_html.article_html(FERRY, result))
    colours = speaker_colours(result)
    park = next(a.id for a in result.actors if a.name == "Lena Park")
    haddad = next(a.id for a in result.actors if a.name == "Omar Haddad")
    direct = [m for m in found if m[1] == "quoted" and "waited" in m[3]]
    assert direct and direct[0][0] == "mark"
    assert f"background:{colours[park].fill}" in direct[0][2]
    assert "text-decoration" not in direct[0][2]
    reported = [m for m in found if m[1] == "reported" and "too costly" in m[3]]
    assert reported and reported[0][0] == "span"
    assert "background" not in reported[0][2]
    assert f"underline 3px {colours[haddad].line}" in reported[0][2]
    # the cue between the two parts of Lena Park's quote is not filled
    assert not any(m[1] == "quoted" and "said Lena Park" in m[3] for m in found)
    legend = render_html.legend()
    assert "filled" in legend and "underlined" in legend and "no fill" in legend


def test_a_quote_inside_another_is_drawn_but_not_counted_twice():
    result = extract(FERRY)
    nested = [q for q in result.quotes if q.within is not None]
    assert nested and nested[0].kind == "partial"  # “reckless” inside the reported speech
    fragment = render_html.article_html(FERRY, result)
    haddad = re.search(r"<b>Omar Haddad</b> <small>([^<]*)</small>", fragment)
    assert haddad and "1 quote (1 reported)" in haddad.group(1)
    inner = [m for m in marks(fragment) if m[1] == "quoted" and m[3] == "“reckless”"]
    assert inner  # the partial quote's words are still filled, inside the underline
    assert "3 quotes (1 direct, 2 indirect), 1 more inside them" in str(result)


def test_str_lists_top_level_quotes_and_unattributed_ones():
    result = extract(FERRY)
    lines = str(result).splitlines()
    # no "Council" from the headline, and "Residents" (a bare plural) is no actor
    assert lines[0].startswith("Extraction [rules]: 2 actors, 3 quotes")
    assert lines[1] == (
        "q1 direct   Lena Park: “We have waited long enough … The ferry must run by May.”"
    )
    assert lines[2].startswith("q2 indirect Omar Haddad: that the plan was")
    assert len(lines) == 4  # q3 sits inside q2
    data = result.model_dump()
    data["quotes"][0]["speaker"] = None
    data["quotes"][0]["parts"] = []
    data["quotes"][0]["text"] = "“" + "word " * 60 + "”"
    data["quotes"][0]["end"] = data["quotes"][0]["start"] + len(data["quotes"][0]["text"])
    odd = Extraction.model_validate(data)
    first = str(odd).splitlines()[1]
    assert first.startswith("q1 direct   ?: “word word") and first.endswith("…")
    assert len(first) == 100
    assert summary_text(odd, width=40).splitlines()[1].endswith("…")
    empty = Extraction.model_validate({"meta": {"engine": "none"}})
    assert str(empty) == "Extraction [none]: 0 actors, 0 quotes, 0 claims"


def test_rich_shows_the_quotes():
    result = extract(FERRY)
    console = Console(record=True, width=120, color_system=None)
    console.print(result)
    shown = console.export_text()
    assert "Lena Park" in shown and "q2" in shown and "indirect" in shown
    assert "Extraction [rules]" in shown


def test_notebook_view_with_and_without_text():
    result = extract(FERRY)
    assert result.article_text is None
    table = result._repr_html_()
    assert well_formed(table)
    assert 'class="xr-text"' not in table and "<table>" in table and "Lena Park" in table
    assert "attach_text" in table
    assert result.attach_text(FERRY) is result
    page = result._repr_html_()
    assert well_formed(page)
    assert page == render_html.article_html(FERRY, result)  # the export's renderer
    assert 'class="xr-text"' in page and "<mark" in page and "<style>" in page
    # the private text reaches neither the dump nor the schema
    assert set(result.model_dump()) == {"actors", "quotes", "claims", "warnings", "meta"}
    assert "_text" not in result.model_dump_json()
    assert "_text" not in str(Extraction.model_json_schema())


def test_spans_outside_the_text_and_odd_text_stay_well_formed():
    result = extract(FERRY)
    short = FERRY[:60]
    fragment = render_html.article_html(short, result)
    assert well_formed(fragment) and "do not match this text" in fragment
    hostile = FERRY.replace("Council", "<b>Council & </mark>")
    assert well_formed(render_html.article_html(hostile, extract(hostile)))


def test_render_modules_import_nothing_from_extractor_at_run_time():
    folder = Path(render_html.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_checking = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        ]
        guarded = {id(n) for block in type_checking for n in ast.walk(block)}
        for node in ast.walk(tree):
            if id(node) in guarded:
                continue
            if isinstance(node, ast.ImportFrom):
                sibling = node.level == 1 and (node.module or "") in {"colours", "summary", "html"}
                assert node.level == 0 or sibling, (
                    f"{path.name}: from {'.' * node.level}{node.module}"
                )
                assert not (node.module or "").startswith("extractor"), path.name
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("extractor") for a in node.names), path.name
