"""HTML pages: the main content without navigation, banners and footers (trafilatura,
offline — nothing is fetched), plus the title, publication date and author the page states.

Paragraphs are separated by a blank line, as in the crawled texts; a table is one line
per row with " | " between cells, so that each cell's text stays one phrase.
"""
from __future__ import annotations

import re

from lxml import etree

from extractor.readers import ReadError, ReadResult
from extractor.readers.legacy import fix_mojibake
from extractor.readers.limits import MB, Limits

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Publication timestamps with a time of day, from the meta tags news sites use.
_PUBLISHED_RE = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|pubdate|"""
    r"""og:published_time|dc\.date\.issued)["'][^>]*content\s*=\s*["'](\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)""",
    re.I,
)
_BLOCKS = {"p", "head", "quote", "code", "item"}


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET_RE.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def _text_of(el: etree._Element) -> str:
    """Text of one block, with <lb/> as a line break."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(s: str) -> str:
    return "\n".join(" ".join(line.split()) for line in s.splitlines() if line.strip())


def _blocks(main: etree._Element, tables: list[list[str]]) -> list[str]:
    out: list[str] = []
    for el in main:
        if el.tag == "table":
            for row in el.iter("row"):
                cells = [" ".join(_text_of(c).split()) for c in row if c.tag == "cell"]
                if any(cells):
                    tables.append(cells)
                    out.append(" | ".join(cells))
            out.append("")  # a blank line after the table
        elif el.tag == "list":
            out.extend(f"- {_tidy(_text_of(item))}" for item in el.iter("item") if _text_of(item).strip())
            out.append("")
        elif el.tag in _BLOCKS or len(el) == 0:
            text = _tidy(_text_of(el))
            if text:
                out += [text, ""]
        else:  # a container (div, section): its blocks in order
            out += _blocks(el, tables)
    return out


def read_html(data: bytes, source: str, lim: Limits) -> ReadResult:
    import trafilatura

    if len(data) > lim.max_html_bytes:
        raise ReadError(source, f"HTML page too large ({len(data) / MB:.1f} MB; the limit is "
                                f"{lim.max_html_bytes / MB:.0f} MB)")
    html = _decode(data)
    meta: dict = {"warnings": []}
    try:
        doc = trafilatura.bare_extraction(html, include_tables=True, include_comments=False,
                                          favor_recall=True, with_metadata=True, deduplicate=False,
                                          as_dict=False,
                                          # only dates the markup states, never one guessed from the text
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except (RecursionError, ValueError, etree.LxmlError) as e:
        raise ReadError(source, f"unreadable HTML ({type(e).__name__})") from None
    tables: list[list[str]] = []
    text = ""
    if doc is not None and doc.body is not None:
        text = "\n".join(_blocks(doc.body, tables)).strip()
    if not text:
        # No article found (a short page, a list page): all visible text, scripts and styles excluded.
        text = _tidy(trafilatura.html2txt(html) or "")
        if text:
            meta["warnings"].append("no main article found in the HTML page; all of its text was kept")
    text, legacy = fix_mojibake(text)
    if legacy:
        meta["encoding"] = legacy
    if doc is not None:
        if doc.title:
            meta["title"] = " ".join(doc.title.split())
        if doc.author:
            meta["author"] = " ".join(doc.author.split())
        if doc.date:
            meta["published"] = doc.date
    timed = _PUBLISHED_RE.search(html[:200_000])
    if timed and timed.group(1) == meta.get("published", timed.group(1)):
        meta["published"] = f"{timed.group(1)}T{timed.group(2)}"
    if tables:
        meta["tables"] = tables
    return ReadResult(text=text, format="html", meta=meta)
