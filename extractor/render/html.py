"""One article as HTML: quotes marked in their speaker's colour, claims underlined, the actors.

`article_html` is the one renderer of a highlighted article: the HTML export
writes it into a page (`page`) and ``Extraction._repr_html_`` shows it in a
notebook. Fragments carry their own scoped ``<style>`` and put every colour in
inline styles, so they look right on their own. Direct and partial quotes
(the speaker's words) get a fill in the speaker's colour; indirect quotes
(reported speech) get an underline in that colour and no fill.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING

from .colours import NOBODY, PALETTE, Colour, speaker_colours
from .summary import counts_line, quoted_words, speaker_name, top_level

if TYPE_CHECKING:
    from ..schema import Actor, Extraction, Quote

CSS = """
.xr{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;color:#1f2937;
  font:15px/1.6 Georgia,serif;background:#f9fafb;padding:12px;border-radius:8px}
.xr .xr-text{flex:3 1 420px;white-space:pre-wrap;background:#fff;padding:20px 28px;
  border-radius:8px;box-shadow:0 1px 3px #0002}
.xr aside{flex:1 1 220px;font:13px/1.5 system-ui,sans-serif;position:sticky;top:12px}
.xr aside section{background:#fff;padding:12px 14px;border-radius:8px;
  box-shadow:0 1px 3px #0002;margin-bottom:14px}
.xr h3{margin:0 0 8px;font-size:14px}
.xr ul{padding-left:0;margin:0;list-style:none}
.xr li{margin:5px 0}
.xr mark{color:inherit;padding:1px 0;border-radius:2px}
.xr .swatch{display:inline-block;width:14px;height:11px;border-radius:3px;margin-right:6px;
  vertical-align:-1px}
.xr .warn{color:#b91c1c;flex-basis:100%;margin:0;font:13px system-ui,sans-serif}
.xr table{border-collapse:collapse;width:100%;font:13px/1.45 system-ui,sans-serif;background:#fff}
.xr td,.xr th{padding:5px 9px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
"""

PAGE_CSS = """
body{margin:0;color:#1f2937;background:#f9fafb;font:15px/1.5 system-ui,sans-serif}
header{padding:14px 28px;background:#111827;color:#f9fafb}
header a{color:#93c5fd}
main{padding:20px 28px}
main>.xr{padding:0}
table.index{border-collapse:collapse;width:100%;background:#fff}
table.index td,table.index th{padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:left}
.err{color:#b91c1c}
"""

CLAIM_STYLE = "border-bottom:2px dotted #6b7280"


def fill_style(colour: Colour) -> str:
    """Quoted words (direct and partial quotes): the speaker's colour as a fill."""
    return f"background:{colour.fill}"


def line_style(colour: Colour) -> str:
    """Reported speech (indirect quotes): an underline in the speaker's colour, no fill."""
    return (
        f"text-decoration:underline 3px {colour.line};text-decoration-color:{colour.line};"
        "text-underline-offset:4px;text-decoration-skip-ink:none"
    )


def who_style(colour: Colour) -> str:
    """The words that name a quote's speaker."""
    return f"font-weight:bold;color:{colour.line}"


@dataclass(frozen=True, slots=True)
class _Layer:
    start: int
    end: int
    kind: str  # "reported", "quoted", "claim" or "who"
    style: str
    title: str


def _title(extraction: Extraction, quote: Quote, extra: str = "") -> str:
    kind = "reported speech (indirect)" if quote.kind == "indirect" else f"{quote.kind} quote"
    within = f", inside {quote.within}" if quote.within else ""
    return f"{speaker_name(extraction, quote)} · {kind} · {quote.id}{within}{extra}"


def _layers(extraction: Extraction, colours: dict[str, Colour]) -> list[_Layer]:
    layers: list[_Layer] = []
    for quote in extraction.quotes:
        colour = colours.get(quote.speaker or "", NOBODY)
        parts = quote.pieces()
        kind, style = (
            ("reported", line_style(colour))
            if quote.kind == "indirect"
            else ("quoted", fill_style(colour))
        )
        for n, (start, end) in enumerate(parts, 1):
            extra = f" (part {n} of {len(parts)})" if len(parts) > 1 else ""
            layers.append(_Layer(start, end, kind, style, _title(extraction, quote, extra)))
        mention = quote.speaker_mention
        if mention is not None:
            title = f"speaker of {quote.id}: {speaker_name(extraction, quote)}"
            layers.append(_Layer(mention.start, mention.end, "who", who_style(colour), title))
    for claim in extraction.claims:
        title = f"claim {claim.id} ({claim.attribution}): {claim.statement}"
        layers.append(_Layer(claim.evidence.start, claim.evidence.end, "claim", CLAIM_STYLE, title))
    return layers


_ORDER = ("reported", "claim", "who", "quoted")  # outermost first
_TAG = {"reported": "span", "claim": "span", "who": "span", "quoted": "mark"}


def highlight(text: str, extraction: Extraction, colours: dict[str, Colour] | None = None) -> str:
    """The article's text as HTML with every quote, speaker mention and claim marked.

    The text is cut at every span boundary and each piece is wrapped on its own
    (in the innermost span of each kind that covers it), so overlapping and
    nested spans still give well-formed HTML. Spans outside the text are ignored.
    """
    if colours is None:
        colours = speaker_colours(extraction)
    size = len(text)
    layers = [x for x in _layers(extraction, colours) if 0 <= x.start < x.end <= size]
    starts: dict[int, list[_Layer]] = defaultdict(list)
    for layer in layers:
        starts[layer.start].append(layer)
    cuts = sorted({0, size, *(x.start for x in layers), *(x.end for x in layers)})
    out: list[str] = []
    active: list[_Layer] = []
    for start, end in pairwise(cuts):
        active = [x for x in active if x.end > start] + starts.get(start, [])
        piece = escape(text[start:end], quote=False)
        for kind in reversed(_ORDER):  # innermost first
            here = [x for x in active if x.kind == kind]
            if not here:
                continue
            layer = min(here, key=lambda x: x.end - x.start)
            tag = _TAG[kind]
            piece = (
                f'<{tag} class="{kind}" style="{escape(layer.style)}" '
                f'title="{escape(layer.title)}">{piece}</{tag}>'
            )
        out.append(piece)
    return "".join(out)


def _swatch(colour: Colour | None) -> str:
    if colour is None:
        return '<span class="swatch" style="border:1px solid #d1d5db"></span>'
    return (
        f'<span class="swatch" style="background:{colour.fill};'
        f'border-bottom:3px solid {colour.line}"></span>'
    )


def _quote_count(quotes: list[Quote]) -> str:
    if not quotes:
        return "no quotes"
    reported = sum(1 for q in quotes if q.kind == "indirect")
    words = len(quotes) - reported
    detail = ", ".join(
        text for n, text in ((words, f"{words} quoted"), (reported, f"{reported} reported")) if n
    )
    return f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''} ({detail})"


def actor_list(extraction: Extraction, colours: dict[str, Colour] | None = None) -> str:
    """The actors with their colour and their top-level quotes (nested ones are not recounted)."""
    if colours is None:
        colours = speaker_colours(extraction)
    quotes = top_level(extraction)
    items = []
    for actor in extraction.actors:
        items.append(
            _actor_item(actor, colours.get(actor.id), [q for q in quotes if q.speaker == actor.id])
        )
    known = {actor.id for actor in extraction.actors}
    for speaker, colour in colours.items():
        if speaker not in known:  # a speaker id that names no actor
            said = _quote_count([q for q in quotes if q.speaker == speaker])
            items.append(
                f"<li>{_swatch(colour)}<b>{escape(speaker)}</b> <small>{said}</small></li>"
            )
    nobody = [q for q in quotes if q.speaker is None]
    if nobody:
        items.append(
            f"<li>{_swatch(NOBODY)}<b>no speaker</b> <small>{_quote_count(nobody)}</small></li>"
        )
    return f"<ul>{''.join(items) or '<li>none found</li>'}</ul>"


def _actor_item(actor: Actor, colour: Colour | None, quotes: list[Quote]) -> str:
    role = f" · {escape(actor.title)}" if actor.title else ""
    return (
        f"<li>{_swatch(colour)}<b>{escape(actor.name)}</b> "
        f"<small>{escape(actor.type)}{role} · {_quote_count(quotes)}</small></li>"
    )


def legend() -> str:
    """What the marks mean, with a sample of each."""
    sample = PALETTE[1]
    rows = [
        (
            f'<mark style="{fill_style(sample)}">quoted words</mark>',
            "direct or partial quote: the speaker's own words, filled in their colour",
        ),
        (
            f'<span style="{line_style(sample)}">reported speech</span>',
            "indirect quote: what someone said in the article's words, underlined in "
            "their colour, no fill",
        ),
        (f'<span style="{who_style(sample)}">speaker</span>', "the words naming the speaker"),
        (
            f'<mark style="{fill_style(NOBODY)}">grey</mark>',
            "no speaker found",
        ),
        (f'<span style="{CLAIM_STYLE}">claim</span>', "a claim's evidence"),
    ]
    items = "".join(f"<li>{mark}: {escape(what)}</li>" for mark, what in rows)
    return (
        f"<section><h3>How to read this</h3><ul>{items}</ul>"
        "<p>Each speaker has one colour. Hover over any mark for details.</p></section>"
    )


def _mismatched(text: str, extraction: Extraction) -> int:
    spans = [p for q in extraction.quotes for p in q.parts] + [
        c.evidence for c in extraction.claims
    ]
    return sum(1 for s in spans if text[s.start : s.end] != s.text)


def article_html(text: str, extraction: Extraction) -> str:
    """The highlighted article beside its actor list and legend: one self-contained fragment."""
    colours = speaker_colours(extraction)
    bad = _mismatched(text, extraction)
    warning = (
        f'<p class="warn">{bad} span{"s" if bad != 1 else ""} do not match this text: '
        "the highlights may be misplaced.</p>"
        if bad
        else ""
    )
    return (
        f'<div class="xr"><style>{CSS}</style>{warning}'
        f'<div class="xr-text">{highlight(text, extraction, colours)}</div>'
        f"<aside><section><h3>Actors</h3>{actor_list(extraction, colours)}</section>"
        f"{legend()}</aside></div>"
    )


def quotes_table_html(extraction: Extraction, note: str = "") -> str:
    """Every quote as a table row (for results without their article's text)."""
    colours = speaker_colours(extraction)
    rows = []
    for quote in extraction.quotes:
        colour = colours.get(quote.speaker or "", NOBODY)
        style = line_style(colour) if quote.kind == "indirect" else fill_style(colour)
        tag = "span" if quote.kind == "indirect" else "mark"
        within = f"inside {escape(quote.within)}" if quote.within else ""
        rows.append(
            f"<tr><td>{escape(quote.id)}</td><td>{escape(quote.kind)}</td>"
            f"<td>{_swatch(colour)}{escape(speaker_name(extraction, quote))}</td>"
            f'<td><{tag} style="{style}">{escape(quoted_words(quote))}</{tag}></td>'
            f"<td>{quote.start}–{quote.end}</td><td>{within}</td></tr>"
        )
    head = "<tr><th>id</th><th>kind</th><th>speaker</th><th>words</th><th>span</th><th></th></tr>"
    table = f"<table>{head}{''.join(rows)}</table>" if rows else ""
    note_html = f"<p>{escape(note)}</p>" if note else ""
    return (
        f'<div class="xr"><style>{CSS}</style><div style="flex:1">'
        f"<p><b>{escape(counts_line(extraction))}</b></p>{note_html}{table}</div></div>"
    )


def extraction_html(extraction: Extraction) -> str:
    """The notebook view: the highlighted article when its text is attached, else the quotes."""
    text = extraction.article_text
    if text:
        return article_html(text, extraction)
    return quotes_table_html(
        extraction, "No article text attached (Extraction.attach_text(text) shows it highlighted)."
    )


def page(title: str, body: str) -> str:
    """A complete, self-contained HTML document around ``body``."""
    head = (
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{PAGE_CSS}</style>"
    )
    return f'<!doctype html><html lang="en"><head>{head}</head><body>{body}</body></html>\n'
