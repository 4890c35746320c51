"""The Datasette plugin `extractor serve` registers: article pages and links to them.

``/-/article/<database>/<row id>[?quote=q3]`` draws the article as the HTML
export does (`extractor.render.html.article_html`: quoted words filled in
their speaker's colour, reported speech underlined, claims dotted) and, with
``quote=``, outlines and scrolls to that quote or claim. `render_cell` turns
a quote's ``quote_id``, a claim's ``claim_id``, an article's ``article`` and
any query column named ``page`` into links to that page, and a
``corpus_actor_id`` in a query's results into a link to the actor.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from datasette import Response, hookimpl
from markupsafe import Markup

from ..render.html import article_html, page, quotes_table_html
from ..schema import Extraction

NAME = "extractor_corpus"

FOCUS = """<script>
(function(){var want=%s;if(!want)return;
var found=null;document.querySelectorAll('.xr [title]').forEach(function(el){
var parts=el.getAttribute('title').split(' · ');
var id=(parts[2]||'').split(' ')[0];
var claim=/^claim (\\S+) /.exec(el.getAttribute('title'));
if(id===want||(claim&&claim[1]===want)){el.classList.add('focus');if(!found)found=el;}});
if(found){found.scrollIntoView({block:'center'});}})();
</script>"""
FOCUS_CSS = "<style>.xr .focus{outline:3px solid #111827;outline-offset:2px}</style>"


def _raw(value: Any) -> Any:
    """A cell's value: table pages give foreign keys as {"value", "label"}."""
    return value.get("value") if isinstance(value, dict) else value


def _link(datasette: Any, database: str, article: object, item: object, text: str) -> Markup:
    article = int(_raw(article))
    path = datasette.urls.path(f"/-/article/{database}/{article}")
    query = f"?quote={escape(str(item))}" if item else ""
    return Markup(f'<a class="article-page" href="{escape(path)}{query}">{escape(text)}</a>')


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """Quote, claim and article cells link to the article page; see the module doc."""
    if value is None:
        return None
    if table == "quotes" and column == "quote_id":
        return _link(datasette, database, row["article_id"], value, str(value))
    if table == "claims" and column == "claim_id":
        return _link(datasette, database, row["article_id"], value, str(value))
    if table == "articles" and column == "article":
        return _link(datasette, database, row["id"], None, str(value))
    if table is None and column == "page" and "/" in str(value):
        article, item = str(value).split("/", 1)
        return _link(datasette, database, article, item, "article page")
    if table is None and column == "corpus_actor_id":
        path = datasette.urls.table(database, "corpus_actors") + f"/{int(value)}"
        return Markup(f'<a class="actor" href="{escape(path)}">{int(value)}</a>')
    return None


async def article_view(request: Any, datasette: Any) -> Response:
    """One article, highlighted; 404 for a database or row that is not there."""
    database = request.url_vars["database"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        return Response.html(page("not found", "<p>No such database.</p>"), status=404)
    rows = await db.execute(
        "SELECT article, status, text, extraction, error_type, error_message, source, date "
        "FROM articles WHERE id = ?",
        [int(request.url_vars["id"])],
    )
    row = rows.first()
    if row is None:
        return Response.html(page("not found", "<p>No such article.</p>"), status=404)
    want = request.args.get("quote") or ""
    home = datasette.urls.database(database)
    record = datasette.urls.table(database, "articles") + f"/{request.url_vars['id']}"
    facts = " · ".join(escape(str(v)) for v in (row["source"], row["date"]) if v)
    header = (
        f'<header><a href="{escape(home)}">← corpus</a> · <b>{escape(row["article"])}</b>'
        f'{" · " + facts if facts else ""} · <a href="{escape(record)}">row</a>'
        f"{' · quote ' + escape(want) if want else ''}</header>"
    )
    if row["status"] != "ok":
        body = (
            f'<p class="err">This article failed: {escape(str(row["error_type"]))}: '
            f"{escape(str(row['error_message']))}</p>"
        )
    else:
        result = Extraction.model_validate_json(row["extraction"])
        text = row["text"]
        body = (
            article_html(text, result)
            if text
            else quotes_table_html(result, "This results line holds no article text.")
        )
    focus = FOCUS % json.dumps(want).replace("<", "\\u003c")
    html = page(str(row["article"]), f"{header}{FOCUS_CSS}<main>{body}</main>{focus}")
    return Response.html(html)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """The article page."""
    return [(r"^/-/article/(?P<database>[^/]+)/(?P<id>\d+)$", article_view)]
