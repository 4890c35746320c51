"""Find the parts of a scraped page that are not the story.

Scraped news pages carry text that no reader counts as the article: link-hover
cards glued into names ("President TrumpDonald John TrumpBarr criticizes ...
MORE"), photo credits ("© Getty Images"), and a headline repeated by the page
template, bylines and agency tags ("By Staff Reporter", "AFP", "(UPI) —"). Nothing may
be extracted from these zones, whatever the engine.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

# A name glued to the card that follows it: lower-case letter then capital, and the
# card ends with "MORE" within a few hundred characters.
_HOVER_CARD = re.compile(r"(?<=[a-z])(?=[A-Z][\w.'’-]*)(?:(?!\n\n).){20,900}?\bMORE\b", re.S)
# (Tried at line starts only, by `_line_matches`.)
_CREDIT_LINE = re.compile(
    r"[ \t]*(?:©|\(c\)|(?:photo|image|picture|video)(?: credit)?s?\s*:|credit\s*:|"
    r"getty images|reuters/|ap photo|afp via getty)[^\n]*$"
    # a contributors' line: "Ana Lima and Ben Ode contributed reporting."
    r"|[^\n]{0,200}\bcontributed (?:reporting|to this (?:report|article|story))[^\n]{0,80}$",
    re.I | re.M,
)


def _line_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern`` matched at the start of each line (a pattern whose matches end at
    their line's end: the matches of ``"^" + pattern`` under ``re.M``, found without
    calling the matcher at every character of the text)."""
    found = []
    start = 0
    while start != -1:
        m = pattern.match(text, start)
        if m:
            found.append(m)
        start = text.find("\n", start)
        start = start if start == -1 else start + 1
    return found


# A byline or an agency's tag: "By Staff Reporter", a line that is only "AFP", or
# "(UPI) —" after a dateline. The lines are tried at line starts only and the tags
# found by their "(" (one scan opening with "^" would call the matcher at every
# character); no match of one can overlap one of the other (a byline holds no "(").
_BYLINE_LINE = re.compile(
    r"[ \t]*(?:By|BY) [A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|and|&|in|of))*[ \t]*$"
    r"|[ \t]*(?:AFP|AP|Reuters|REUTERS|UPI|PA|dpa|Xinhua|Bloomberg)[ \t]*$",
    re.M,
)
_AGENCY_TAG = re.compile(r"\((?:AFP|AP|Reuters|UPI|PA|dpa|Xinhua)\)(?= [—–-])")


def _bylines(text: str) -> list[re.Match[str]]:
    """Byline and agency lines, and agency tags, in text order."""
    found = _line_matches(_BYLINE_LINE, text)
    if "(" in text:
        found.extend(_AGENCY_TAG.finditer(text))
        found.sort(key=re.Match.start)
    return found


#: What every credit line holds, in a lower-case copy of the text.
_CREDIT_WORDS = (
    "©",
    "(c)",
    "photo",
    "image",
    "picture",
    "video",
    "credit",
    "getty images",
    "reuters/",
    "afp via getty",
    "contributed ",
)


def _credit_lines(text: str) -> Iterable[re.Match[str]]:
    """`_CREDIT_LINE`'s matches: the scan (a match tried at every position) runs only on a
    text whose lower-case copy holds one of its words, or a letter that ``re.I`` folds on
    its own (long s, dotted and dotless i: ``lower()`` does not give the ASCII letter)."""
    low = text.lower()
    if any(w in low for w in _CREDIT_WORDS) or any(c in text for c in "ſİı"):
        return _line_matches(_CREDIT_LINE, text)
    return ()


@dataclass(frozen=True, slots=True)
class Zone:
    start: int
    end: int
    reason: str  # hover_card | credit | byline | repeated_paragraph


def junk_zones(text: str) -> list[Zone]:
    """The zones of ``text`` that are page furniture, in text order."""
    zones = []
    if "MORE" in text:  # the cards all end with it; skip the costly scan otherwise
        zones = [Zone(m.start(), m.end(), "hover_card") for m in _HOVER_CARD.finditer(text)]
    zones += [Zone(m.start(), m.end(), "credit") for m in _credit_lines(text)]
    zones += [Zone(m.start(), m.end(), "byline") for m in _bylines(text)]
    zones += _repeated_paragraphs(text)
    return sorted(zones, key=lambda z: z.start)


def junk_zones_kept(text: str) -> list[Zone]:
    """`junk_zones`, remembered for the last `KEPT_TEXTS` texts asked about.

    A model's answer looks at its article's zones twice, when it is grounded and when
    the offline engine's quotes check it (~0.3 ms each for a 1,000-word article), with
    up to a batch's concurrency of other articles in between; with ``--workers`` a
    worker finds them while the model is asked (`keep_zones`)."""
    with _KEPT_LOCK:
        zones = _KEPT.get(text)
        if zones is not None:
            _KEPT.move_to_end(text)
    if zones is None:
        zones = tuple(junk_zones(text))
        keep_zones(text, zones)
    return list(zones)


def keep_zones(text: str, zones: Iterable[Zone]) -> None:
    """Remember ``zones`` as the `junk_zones` of ``text`` (found elsewhere: a worker)."""
    with _KEPT_LOCK:  # the sync API may be called from several threads
        _KEPT[text] = tuple(zones)
        if len(_KEPT) > KEPT_TEXTS:
            _KEPT.popitem(last=False)


#: How many articles' zones `junk_zones_kept` remembers (more than a batch has in flight).
KEPT_TEXTS = 512
_KEPT: OrderedDict[str, tuple[Zone, ...]] = OrderedDict()
_KEPT_LOCK = threading.Lock()


def _repeated_paragraphs(text: str) -> list[Zone]:
    """Later copies of one of the page's first lines (a template's second headline).

    Only the top of the page is compared: a line said twice further down ("“No
    comment,” he said.") is still story.
    """
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    head = {m.group().strip() for m in lines[:3] if len(m.group().strip()) >= 20}
    zones: list[Zone] = []
    seen: set[str] = set()
    for m in lines[:12]:
        line = m.group().strip()
        if line in head and line in seen:
            zones.append(Zone(m.start(), m.end(), "repeated_paragraph"))
        seen.add(line)
    return zones


def in_junk(zones: list[Zone], start: int, end: int) -> Zone | None:
    """The junk zone this span overlaps, if any."""
    for zone in zones:
        if zone.start < end and start < zone.end:
            return zone
    return None
