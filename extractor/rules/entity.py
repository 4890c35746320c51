"""One actor as the rules engine assembles it, before it becomes an output `Actor`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.spans import Offsets

_SUFFIXES = frozenset("Jr Sr II III IV".split())
#: Titles that say a person's sex ("Baroness Quaile" is no "he").
_TITLED = {
    **dict.fromkeys("mr mr. sir lord king prince".split(), "m"),
    **dict.fromkeys("ms ms. mrs mrs. miss dame baroness lady queen princess".split(), "f"),
}


@dataclass(slots=True)
class Entity:
    """One actor being assembled: its canonical name, type, title, aliases and mentions."""

    name: str
    type: str
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Offsets] = field(default_factory=list)
    speaker: bool = False
    described: bool = False  # made from a description ("the Pentagon spokesman"), not a name
    kin_sex: str | None = None  # "m" or "f" from "her father, X" (see `kinds.sexes_named`)
    _alias_set: set[str] = field(default_factory=set, repr=False)
    _mention_set: set[Offsets] = field(default_factory=set, repr=False)

    def add(self, alias: str, span: Offsets) -> None:
        if alias != self.name and alias not in self._alias_set:
            self.aliases.append(alias)
            self._alias_set.add(alias)
        if span not in self._mention_set:
            self.mentions.append(span)
            self._mention_set.add(span)

    def sex(self) -> str | None:
        """ "m" or "f" when a title or a kinship the story gives the person says so."""
        if self.kin_sex is not None:
            return self.kin_sex
        names = set(self.name.split())
        titled = [a.split()[0] for a in self.aliases if a.split()[-1] in names]  # "Ms Keane"
        for word in (self.title or "").split() + titled:
            found = _TITLED.get(word.lower())
            if found is not None:
                return found
        return None

    @property
    def surname(self) -> str:
        words = [w for w in self.name.split() if w.rstrip(".") not in _SUFFIXES]
        return (words or self.name.split())[-1]
