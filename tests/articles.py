"""Short articles written for these tests (not copied from any publication)."""

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
