"""Whom a pronoun or a role means: the actors named before a point of the text, read
off `ActorIndex`'s timeline of mentions (outside quotes, by type)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .descriptions import title_fits
from .entity import Entity

if TYPE_CHECKING:
    from .document import SortedBlocks


_BARRED = {"he": "f", "him": "f", "she": "m", "her": "m"}  # whom the pronoun cannot mean


class Referents:
    """Pronoun and role lookups for `ActorIndex`, which holds the timeline."""

    text: str
    _by_type: dict[str, SortedBlocks]

    def _timeline(self) -> SortedBlocks:  # built by ActorIndex, which overrides this
        raise NotImplementedError

    def last_before(self, pos: int, types: set[str]) -> Entity | None:
        """The actor of one of ``types`` mentioned last before ``pos``, outside quotes."""
        self._timeline()
        last = [t.last_below((pos,)) for kind, t in self._by_type.items() if kind in types]
        found = [entry for entry in last if entry is not None]
        return max(found)[4] if found else None  # the latest in the timeline's order

    def _person_before(self, pos: int, pronoun: str = "") -> Entity | None:
        """Whom "he" or "she" at ``pos`` means: the person named last, unless that was in a
        possessive ("... boost Trump’s poll numbers,” he said") and a speaker was named
        just before it: then the speaker, who is what the story is following; and never a
        person whose title says the other sex ("Baroness Quaile" for "he")."""
        self._timeline()
        people = self._by_type.get("person")
        last = people.last_below((pos,)) if people else None
        if people is None or last is None:
            return None
        earlier: tuple | None = last
        while earlier is not None and self.text.startswith(("’s", "'s"), earlier[3]):
            earlier = people.last_below((earlier[0],))  # back over "Pence’s", "Trump’s"
        if earlier is not None and earlier[4].speaker and last[0] - earlier[0] < 300:
            choice = earlier[4]
        else:
            choice = last[4]
        barred = _BARRED.get(pronoun)
        if barred is None or choice.sex() != barred:
            return choice
        entry: tuple | None = last
        for _ in range(8):  # the last person named whom the pronoun can mean
            if entry is None:
                break
            if entry[4].sex() != barred:
                return entry[4]
            entry = people.last_below((entry[0],))
        return choice

    def _titled_before(self, pos: int, role: str) -> Entity | None:
        """The person named last before ``pos`` (of the last eight) whose title is
        ``role``."""
        self._timeline()
        people = self._by_type.get("person")
        entry = people.last_below((pos,)) if people else None
        for _ in range(8):
            if people is None or entry is None:
                return None
            if entry[4].title and title_fits(entry[4].title, role):
                return entry[4]
            entry = people.last_below((entry[0],))
        return None
