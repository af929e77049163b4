"""The documentation a fresh clone gives: README's and docs/'s links resolve to files
the repository holds (and to anchors those files have), the paths its commands name
exist, and the contract's field tables are what the models say."""
from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

from api.contract_docs import DOC, MODELS, field_table, render
from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


@cache
def tracked() -> set[str]:
    """Files a clone has: those git tracks (untracked files in a worktree do not count)."""
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an sdist): what is there
        return {str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()}
    files = set(out.splitlines())
    return files | {str(Path(f).parent) for f in files} | {str(p) for f in files for p in Path(f).parents}


def anchors(page: Path) -> set[str]:
    """GitHub's heading anchors of a Markdown page, and its explicit `<a id>`s."""
    text = page.read_text(encoding="utf-8")
    found = set(re.findall(r'<a id="([^"]+)"', text))
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def links() -> list[tuple[Path, str]]:
    return [(page, target) for page in PAGES for target in LINK.findall(page.read_text(encoding="utf-8"))]


def test_pages_have_links():
    targets = {t for _, t in links()}
    assert "docs/records.md" in targets


@pytest.mark.parametrize("page, target", links(), ids=lambda x: str(x) if isinstance(x, str) else x.name)
def test_every_link_resolves_in_a_clone(page, target):
    if re.match(r"[a-z]+:", target):  # http(s), mailto: outside the repository
        return
    path, _, anchor = target.partition("#")
    resolved = (page.parent / path).resolve() if path else page
    relative = str(resolved.relative_to(ROOT))
    assert relative in tracked(), f"{page.name}: link to {target}, which a clone does not have"
    if anchor:
        assert anchor in anchors(resolved), f"{page.name}: no anchor #{anchor} in {relative}"


def test_paths_in_readme_commands_exist():
    """Files the README's commands and text name inside the repository are in it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(?<![\w./-])((?:corpora|bench|docs|models|extractor|api|tests)/[\w./-]*\w)", text))
    assert "corpora/archive/sample-200.jsonl.gz" in named
    missing = [p for p in sorted(named) if p not in tracked()]
    assert not missing, f"README.md names paths a clone does not have: {missing}"
    assert "../" not in re.sub(r"\]\([^)]*\)", "", text), "README.md names a path outside the repository"


def test_contract_tables_are_what_the_models_say():
    text = DOC.read_text(encoding="utf-8")
    assert render(text) == text, "docs/records.md differs from models/records.py: run python -m api.contract_docs"
    for name, model in MODELS.items():  # every model of the contract has its table, every field a meaning
        assert f"<!-- fields: {name} -->" in text, name
        for field, info in model.model_fields.items():
            assert info.description, f"models/records.py: {name}.{field} has no description"


def test_a_new_field_shows_in_its_table():
    from pydantic import Field

    from models.records import Person

    class Wider(Person):
        birth_year: int | None = Field(default=None, description="the year of birth, where given")

    assert "| `birth_year` | int or null | null | the year of birth, where given |" in field_table(Wider)
    assert "| `evidence` | [Evidence](#evidence) | required |" in field_table(Person)


def test_no_page_or_help_points_to_a_file_outside_the_repository():
    from typer.testing import CliRunner

    from api.cli import app

    for command in (["evaluate", "--help"], ["--help"]):
        assert "RECORDS.md" not in CliRunner().invoke(app, command).stdout
    for page in PAGES:
        assert "RECORDS.md" not in page.read_text(encoding="utf-8"), page
