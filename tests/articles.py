"""Short articles written for these tests (not copied from any publication)."""

from __future__ import annotations

from pathlib import Path

HARBOUR = (
    "Port authority approves harbour expansion\n\n"
    "The Lakeside Port Authority on Tuesday approved a $40 million expansion of the "
    "north harbour, ending a two-year dispute with residents.\n\n"
    "“This is the biggest investment in the port since 1998,” said Maria Okafor, the "
    "authority's chair. She added that construction would begin in March.\n\n"
    "Residents' group Harbour Watch said the plan ignored flood risks. "
    '"We will keep fighting it in court," its spokesman, Tom Reyes, told reporters.\n'
)

HARBOUR_ANSWER = {
    "actors": [
        {
            "id": "a1",
            "name": "Lakeside Port Authority",
            "type": "organization",
            "title": None,
            "aliases": ["the authority"],
        },
        {
            "id": "a2",
            "name": "Maria Okafor",
            "type": "person",
            "title": "chair of the Lakeside Port Authority",
            "aliases": [],
        },
        {"id": "a3", "name": "Harbour Watch", "type": "group", "title": None, "aliases": []},
        {
            "id": "a4",
            "name": "Tom Reyes",
            "type": "person",
            "title": "spokesman for Harbour Watch",
            "aliases": [],
        },
    ],
    "quotes": [
        {
            "text": "“This is the biggest investment in the port since 1998,”",
            "kind": "direct",
            "speaker": "a2",
            "speaker_mention": "Maria Okafor",
            "cue": "said",
        },
        {
            "text": "construction would begin in March",
            "kind": "indirect",
            "speaker": "a2",
            "speaker_mention": "She",
            "cue": "added",
        },
        {
            "text": "the plan ignored flood risks",
            "kind": "indirect",
            "speaker": "a3",
            "speaker_mention": "Harbour Watch",
            "cue": "said",
        },
        {
            "text": '"We will keep fighting it in court,"',
            "kind": "direct",
            "speaker": "a4",
            "speaker_mention": "Tom Reyes",
            "cue": "told",
        },
    ],
    "claims": [
        {
            "statement": "The Lakeside Port Authority approved a $40 million harbour expansion.",
            "claimant": None,
            "evidence": "The Lakeside Port Authority on Tuesday approved a $40 million expansion "
            "of the north harbour",
            "attribution": "asserted",
            "hedged": False,
        },
    ],
}

SPEAKERS = ["Ana Lima", "Ben Ode", "Carla Ruiz", "Dev Patel", "Eva Stone"]


def long_article(words: int = 30_000) -> str:
    """A long council report written for these tests: many speakers, quotes everywhere,
    one quote running over two paragraphs."""
    paragraphs = ["Harbour inquiry: a long day of evidence"]
    n = count = 0
    while count < words:
        speaker = SPEAKERS[n % len(SPEAKERS)]
        paragraphs.append(
            f"On day {n + 1} the inquiry heard from {speaker}, who reviewed berth {n % 40 + 1} "
            f"and the spending of {n * 7 % 90 + 10} million on dredging, cranes and the rail link. "
            "Members asked about delays, costs, contracts and the state of the north quay, and "
            "the chair noted that the record would stay open for written submissions."
        )
        paragraphs.append(
            f"“Berth {n % 40 + 1} will be ready before the winter storms of year {n + 1},” "
            f"{speaker} said."
        )
        if n % 25 == 12:
            paragraphs.append(
                f"“The second phase depends on the budget vote of session {n},\n\n"
                f"“and on the weather, which nobody on this committee controls,” {speaker} said."
            )
        n += 1
        count = sum(len(p.split()) for p in paragraphs)
    return "\n\n".join(paragraphs) + "\n"


def harbour_folder(tmp_path: Path, count: int) -> Path:
    """``count`` articles (HARBOUR, each day its own), an empty file and a record
    without text (two error lines), in ``tmp_path / "in"``."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:02}.txt").write_text(HARBOUR.replace("Tuesday", f"day {n}"), "utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "records.jsonl").write_text('{"id": "r1", "body": "no text"}\n', encoding="utf-8")
    return folder
