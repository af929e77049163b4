"""Committee case tables: one per membership frame and one per concern the frames share.

`tests/cases/committees/<frame>.yaml` holds the cases of the frame module
`extractor/recognizers/committees/frames/<frame>.py`: short texts written from the language
(never copied from a corpus document) with what the recognizer must find. A case of a frame's
table is read by that frame: where members are found, that frame proposes some of them
(arbitration may keep another frame's reading of the same member). Tables
named for a concern (CONCERNS) hold cases that no one frame reads: how committees are named,
how arbitration merges or drops candidates, sub-groups, and texts with no members.

A case is a mapping:

    about:      what the case shows (required)
    text:       the text (required)
    members:    every member of every committee, in order, each "name | role | position |
                organization" with ~ for null; [] for none
    committees: the committees that have members, in order: name, and where given parent,
                member_count, members (as above)
    names:      the names of every committee the text names, members or not, in order
    warnings:   words that some warning must contain, one string per warning
    xfail:      the behaviour that is missing (the case must fail: strict)
"""
from __future__ import annotations


import pytest
import yaml

from conftest import ROOT
from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import committees, document, people
from extractor.recognizers.committees.context import Context

CASES = ROOT / "tests" / "cases" / "committees"
FRAMES = ROOT / "extractor" / "recognizers" / "committees" / "frames"
CONCERNS = ("names", "arbitrate", "subgroups", "not_members")
KEYS = {"about", "text", "members", "committees", "names", "warnings", "xfail"}


def _tables() -> dict[str, list[dict]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.yaml"))}


def _params():
    out = []
    for table, cases in _tables().items():
        for n, case in enumerate(cases):
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            out.append(pytest.param(table, case, id=f"{table}-{n + 1}", marks=marks))
    return out


def member(line: str) -> tuple:
    fields = [f.strip() for f in line.split("|")]
    assert len(fields) == 4, f"a member is 'name | role | position | organization': {line!r}"
    return tuple(None if f == "~" else f for f in fields)


def run(text: str):
    """Committees and warnings of one text, the frames that propose members in it, the names
    of every committee the text names."""
    doc = Doc(text=normalize(text), source="t")
    doc.document = document.recognize(doc)   # the header: a committee's own document signed by its head
    doc.cache["people"] = people.recognize(doc)
    items = committees.recognize(doc)
    for c in items:   # evidence points into the normalized text
        assert doc.text[c.evidence.start:c.evidence.end] == c.evidence.text
        for m in c.members:
            assert doc.text[m.evidence.start:m.evidence.end] == m.evidence.text
    ctx = Context.build(doc)
    frames = {c.frame for c in committees.candidates(ctx)} if ctx.entities else set()
    named = [e.name for e in ctx.entities if e.mentions]
    return items, doc.warnings, frames, named


def _members(c) -> list[tuple]:
    return [(m.name, m.role, m.position, m.organization) for m in c.members]


@pytest.mark.parametrize("table,case", _params())
def test_case(table, case):
    assert set(case) <= KEYS and "about" in case and "text" in case, case
    items, warnings, frames, named = run(case["text"])
    if "members" in case:
        assert [m for c in items for m in _members(c)] == [member(x) for x in case["members"]]
    if "committees" in case:
        got = [c for c in items if c.members]
        assert [c.name for c in got] == [c["name"] for c in case["committees"]]
        for c, want in zip(got, case["committees"]):
            if "parent" in want:
                assert c.parent == want["parent"]
            if "member_count" in want:
                assert c.member_count == want["member_count"]
            if "members" in want:
                assert _members(c) == [member(x) for x in want["members"]]
    if "names" in case:
        assert named == case["names"]
    for words in case.get("warnings", ()):
        assert any(words in w for w in warnings), (words, warnings)
    if table not in CONCERNS and any(c.members for c in items):
        assert table in frames, f"{table}.yaml: members here are proposed by {sorted(frames)}, not by frame {table}"


def test_every_frame_has_a_table_and_every_table_a_frame_or_concern():
    frames = {p.stem for p in FRAMES.glob("*.py")} - {"__init__", "common"}
    tables = {p.stem for p in CASES.glob("*.yaml")}
    assert frames - tables == set(), "frames without a case table"
    assert tables - frames - set(CONCERNS) == set(), "case tables that name no frame and no concern"
    for name, cases in _tables().items():
        assert cases, f"{name}.yaml has no case"


def test_frames_are_listed():
    """A frame module that FRAMES does not list never runs."""
    from extractor.recognizers.committees.frames import FRAMES as listed

    assert {m.__name__.rsplit(".", 1)[1] for m in listed} == {p.stem for p in FRAMES.glob("*.py")} - {"__init__", "common"}
