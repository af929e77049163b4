from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev"
FILES = ROOT / "corpora" / "files"


@pytest.fixture(scope="session")
def dev_records():
    """Records of every dev document, extracted once per test session."""
    from extractor.pipeline import extract

    return {p.stem: extract(p, strict=True, with_text=True) for p in sorted(DEV.glob("*.txt"))}
