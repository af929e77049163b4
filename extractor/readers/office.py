"""Office files other than DOCX: which kind a file is, and the old word-processor
formats (Word 97-2003 `.doc`, RTF, OpenDocument `.odt`) read through a converter.

Offices still circulate `.doc` files. They are converted by LibreOffice (headless,
Debian's `libreoffice-writer-nogui`) to DOCX and read by the DOCX reader, so their
header tables come out as a DOCX's do; where LibreOffice is missing, `antiword`
(Debian's `antiword`) gives the text of a `.doc`. Without either the error says
what to install. Spreadsheets and presentations are refused: not documents.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from functools import cache

from extractor.readers import ReadError, ReadResult
from extractor.readers.limits import Limits

INSTALL_HINT = ("install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) "
                "or, for .doc only, antiword (apt-get install antiword)")
NAMES = {"doc": "a Word 97-2003 document (.doc)", "rtf": "an RTF document", "odt": "an OpenDocument text (.odt)",
         "xls": "an Excel spreadsheet (.xls)", "ppt": "a PowerPoint presentation (.ppt)",
         "xlsx": "an Excel spreadsheet (.xlsx)", "pptx": "a PowerPoint presentation (.pptx)",
         "ods": "an OpenDocument spreadsheet (.ods)", "odp": "an OpenDocument presentation (.odp)"}
NOT_DOCUMENTS = {"xls", "ppt", "xlsx", "pptx", "ods", "odp"}

# Names of the streams that say what an OLE compound file holds (stored in UTF-16).
_OLE_STREAMS = (("doc", "WordDocument"), ("xls", "Workbook"), ("xls", "Book"), ("ppt", "PowerPoint Document"))
_ODF_TYPES = {"application/vnd.oasis.opendocument.text": "odt",
              "application/vnd.oasis.opendocument.spreadsheet": "ods",
              "application/vnd.oasis.opendocument.presentation": "odp"}


def ole_kind(data: bytes) -> str | None:
    """"doc", "xls" or "ppt" for an OLE compound file, by the streams its directory names."""
    for kind, stream in _OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return kind
    return None


def zip_kind(data: bytes) -> str | None:
    """"docx", "xlsx", "pptx", "odt", "ods" or "odp" for an office file in a zip, by its
    members (Word writes "word/document.xml"; some tools "word\\document.xml")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = [n.replace("\\", "/") for n in z.namelist()]
            if "mimetype" in names:
                info = z.getinfo(z.namelist()[names.index("mimetype")])
                if info.file_size < 200:
                    kind = _ODF_TYPES.get(z.read(info).decode("ascii", "replace").strip())
                    if kind:
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError):
        return None
    for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


def refuse(kind: str, source: str) -> ReadError:
    return ReadError(source, f"{NAMES[kind]}, not a document: save the text as DOCX, PDF or plain text")


@cache
def converter() -> str | None:
    """LibreOffice's program, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(data: bytes, kind: str, source: str, lim: Limits) -> ReadResult:
    """A `.doc`, RTF or `.odt` file: converted to DOCX by LibreOffice and read as DOCX;
    a `.doc` by antiword where LibreOffice is missing."""
    if converter():
        from extractor.readers.docx import read_docx

        result = read_docx(_to_docx(data, kind, source, lim), source, lim)
        result.format = kind
        return result
    if kind == "doc" and shutil.which("antiword"):
        return ReadResult(text=_antiword(data, source, lim), format=kind,
                          meta={"warnings": ["read with antiword (LibreOffice is not installed): tables "
                                             "come out as plain lines"]})
    raise ReadError(source, f"{NAMES[kind]}; reading it needs a converter: {INSTALL_HINT}")


def _to_docx(data: bytes, kind: str, source: str, lim: Limits) -> bytes:
    with tempfile.TemporaryDirectory(prefix="vanban-convert-") as tmp:
        src = os.path.join(tmp, f"in.{kind}")
        with open(src, "wb") as f:
            f.write(data)
        # a profile of its own: two conversions at once must not share one
        profile = "file://" + os.path.join(tmp, "profile")
        cmd = [converter(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", os.path.join(tmp, "out"), src]
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=lim.max_seconds,
                                 env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise ReadError(source, f"LibreOffice took more than {lim.max_seconds:.0f} s to convert "
                                    f"{NAMES[kind]}") from None
        except OSError as e:
            raise ReadError(source, f"LibreOffice failed to start: {e}") from None
        out = os.path.join(tmp, "out", "in.docx")
        if not os.path.exists(out):
            err = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
            raise ReadError(source, f"LibreOffice could not convert {NAMES[kind]} (corrupt file?)"
                                    + (f": {err[-1][:160]}" if err else ""))
        with open(out, "rb") as f:
            return f.read()


def _antiword(data: bytes, source: str, lim: Limits) -> str:
    with tempfile.NamedTemporaryFile(suffix=".doc") as f:
        f.write(data)
        f.flush()
        try:
            # -w 0: paragraphs on one line each, as the other readers give them
            run = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", f.name],
                                 capture_output=True, timeout=lim.max_seconds)
        except (subprocess.TimeoutExpired, OSError) as e:
            raise ReadError(source, f"antiword failed ({type(e).__name__})") from None
    if run.returncode != 0:
        err = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(source, f"antiword could not read the .doc file: {err[-1][:160] if err else run.returncode}")
    return run.stdout.decode("utf-8", "replace")
