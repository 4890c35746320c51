"""Export a results file: CSV tables, and HTML pages with quotes coloured by speaker.

Output file names are made from a slug of the article id plus a hash of it, so
nothing an id contains ("../", "/", NUL) can place a file outside the folder.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..schema import Extraction

PALETTE = ["#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#ddd6fe", "#fbcfe8", "#a5f3fc", "#fed7aa"]


def read_results(path: Path) -> Iterator[tuple[dict[str, Any], Extraction | None]]:
    """Each complete line of a results file, with its extraction when it succeeded."""
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            if not raw.endswith("\n"):
                break
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            extraction = None
            if line.get("status") == "ok" and "extraction" in line:
                extraction = Extraction.model_validate(line["extraction"])
            yield line, extraction


def safe_name(item_id: str) -> str:
    """A file name for an id that stays inside the output folder, whatever the id holds."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", item_id).strip("._")[:60] or "article"
    digest = hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


ACTOR_COLUMNS = "article_id actor_id name type title aliases mentions first_start".split()
QUOTE_COLUMNS = (
    "article_id quote_id kind speaker_id speaker_name speaker_mention cue start end text within"
).split()
CLAIM_COLUMNS = (
    "article_id claim_id claimant_id claimant_name attribution hedged start end statement evidence"
).split()


def _rows(item: str, result: Extraction) -> dict[str, list[list[Any]]]:
    names = {x.id: x.name for x in result.actors}
    return {
        "actors": [
            [
                item,
                x.id,
                x.name,
                x.type,
                x.title or "",
                " | ".join(x.aliases),
                len(x.mentions),
                x.mentions[0].start if x.mentions else "",
            ]
            for x in result.actors
        ],
        "quotes": [
            [
                item,
                x.id,
                x.kind,
                x.speaker or "",
                names.get(x.speaker or "", ""),
                x.speaker_mention.text if x.speaker_mention else "",
                x.cue or "",
                x.start,
                x.end,
                x.text,
                x.within or "",
            ]
            for x in result.quotes
        ],
        "claims": [
            [
                item,
                x.id,
                x.claimant or "",
                names.get(x.claimant or "", ""),
                x.attribution,
                x.hedged,
                x.evidence.start,
                x.evidence.end,
                x.statement,
                x.evidence.text,
            ]
            for x in result.claims
        ],
    }


def export_csv(results: Path, folder: Path) -> list[Path]:
    """``actors.csv``, ``quotes.csv`` and ``claims.csv``: one row per item, with its article."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = {"actors": ACTOR_COLUMNS, "quotes": QUOTE_COLUMNS, "claims": CLAIM_COLUMNS}
    paths = {table: folder / f"{table}.csv" for table in columns}
    handles = {table: path.open("w", newline="", encoding="utf-8") for table, path in paths.items()}
    try:
        writers = {table: csv.writer(handle) for table, handle in handles.items()}
        for table, writer in writers.items():
            writer.writerow(columns[table])
        for line, result in read_results(results):
            if result is not None:
                for table, rows in _rows(line["id"], result).items():
                    writers[table].writerows(rows)
    finally:
        for handle in handles.values():
            handle.close()
    return list(paths.values())


_STYLE = """
body{font:16px/1.55 Georgia,serif;margin:0;color:#1f2937;background:#f9fafb}
header{padding:14px 28px;background:#111827;color:#f9fafb;font-family:system-ui,sans-serif}
header a{color:#93c5fd}
main{display:flex;gap:28px;padding:24px 28px;align-items:flex-start}
article{flex:3;background:#fff;padding:24px 32px;border-radius:8px;
  box-shadow:0 1px 3px #0002;white-space:pre-wrap}
aside{flex:1;font-family:system-ui,sans-serif;font-size:14px;position:sticky;top:16px}
aside section{background:#fff;padding:14px 16px;border-radius:8px;
  box-shadow:0 1px 3px #0002;margin-bottom:16px}
aside ul{padding-left:0;list-style:none}
mark{padding:1px 0;border-radius:2px}
mark.nobody{background:#e5e7eb}
.claim{border-bottom:2px dotted #6b7280}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;
  vertical-align:-1px;border:1px solid #9ca3af}
.err{color:#b91c1c}
table{border-collapse:collapse;width:100%;font-family:system-ui,sans-serif;font-size:14px;
  background:#fff}
td,th{padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:left}
"""


def _page(title: str, body: str) -> str:
    head = f'<meta charset="utf-8"><title>{html.escape(title)}</title><style>{_STYLE}</style>'
    return f'<!doctype html><html lang="en"><head>{head}</head><body>{body}</body></html>\n'


def _highlight(text: str, result: Extraction, colours: dict[str, str]) -> str:
    """The article with quotes marked in their speaker's colour and claims underlined.

    The text is cut at every boundary and each piece is wrapped on its own, so
    overlapping quotes and claims still give well-formed HTML.
    """
    names = {a.id: a.name for a in result.actors}
    quoted: list[tuple[int, int, str, str]] = []  # start, end, colour or "", title
    for quote in result.quotes:
        if quote.within is not None:
            continue
        who = names.get(quote.speaker or "", "no speaker")
        title = f"{who} · {quote.kind} · {quote.id}"
        for part in quote.parts or []:
            quoted.append((part.start, part.end, colours.get(quote.speaker or "", ""), title))
    claims = [(c.evidence.start, c.evidence.end, f"{c.id}: {c.statement}") for c in result.claims]
    cuts = sorted(
        {0, len(text), *(x for q in quoted for x in q[:2]), *(x for c in claims for x in c[:2])}
    )
    out = []
    for start, end in pairwise(cuts):
        piece = html.escape(text[start:end])
        claim = next((c for c in claims if c[0] <= start and end <= c[1]), None)
        if claim is not None:
            piece = f'<span class="claim" title="{html.escape(claim[2])}">{piece}</span>'
        quote = next((q for q in quoted if q[0] <= start and end <= q[1]), None)
        if quote is not None:
            style = f' style="background:{quote[2]}"' if quote[2] else ' class="nobody"'
            piece = f'<mark{style} title="{html.escape(quote[3])}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def _actor_item(actor: Any, colour: str, quotes: int) -> str:
    role = f" · {html.escape(actor.title)}" if actor.title else ""
    return (
        f'<li><span class="swatch" style="background:{colour}"></span>'
        f"<b>{html.escape(actor.name)}</b> <small>{html.escape(actor.type)}{role}"
        f" · {quotes} quote{'s' if quotes != 1 else ''}</small></li>"
    )


def _article_page(item: str, text: str, result: Extraction) -> str:
    speakers = [a.id for a in result.actors if any(q.speaker == a.id for q in result.quotes)]
    colours = {a: PALETTE[n % len(PALETTE)] for n, a in enumerate(speakers)}
    cast = "".join(
        _actor_item(
            a, colours.get(a.id, "#fff"), sum(1 for q in result.quotes if q.speaker == a.id)
        )
        for a in result.actors
    )
    counts = f"{len(result.quotes)} quotes, {len(result.claims)} claims"
    return (
        f'<header><a href="index.html">← all articles</a> · {html.escape(item)} · {counts} · '
        f"engine {html.escape(result.meta.engine)}</header>"
        f"<main><article>{_highlight(text, result, colours)}</article>"
        f"<aside><section><h3>Actors</h3><ul>{cast}</ul></section>"
        "<section>Quotes are marked in their speaker's colour (grey: no speaker); claims "
        "are underlined. Hover over either for details.</section></aside></main>"
    )


def export_html(results: Path, folder: Path) -> Path:
    """One self-contained page per article plus ``index.html``; returns the index."""
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str]] = []  # (id, table row), listed in id order
    for line, result in read_results(results):
        item = html.escape(line["id"])
        if result is None:
            error = line.get("error") or {}
            reason = html.escape(f"{error.get('type', 'error')}: {error.get('message', '')}")
            rows.append(
                (line["id"], f'<tr><td>{item}</td><td class="err" colspan="3">{reason}</td></tr>')
            )
            continue
        name = safe_name(line["id"]) + ".html"
        page = _article_page(line["id"], line.get("text") or "", result)
        (folder / name).write_text(_page(line["id"], page), encoding="utf-8")
        counts = "".join(
            f"<td>{len(x)}</td>" for x in (result.actors, result.quotes, result.claims)
        )
        rows.append((line["id"], f'<tr><td><a href="{name}">{item}</a></td>{counts}</tr>'))
    header = "<tr><th>article</th><th>actors</th><th>quotes</th><th>claims</th></tr>"
    body = (
        f"<header>extractor results · {len(rows)} articles</header>"
        f"<main><table>{header}{''.join(row for _, row in sorted(rows))}</table></main>"
    )
    index = folder / "index.html"
    index.write_text(_page("extractor results", body), encoding="utf-8")
    return index
