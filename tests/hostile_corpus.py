"""A generated corpus of broken and hostile files (issue 8): every kind of input a public
upload endpoint meets — empty, truncated, wrong suffix, random bytes, zip bombs posing
as DOCX, deeply nested and huge XML, PDFs with broken cross-references, reference loops
or encryption, HTML full of scripts, very large text, NUL bytes, invalid UTF-8.

`cases(seed)` yields (name, bytes) pairs, deterministic for a seed. Expensive pieces
(compressed bombs) are built once and reused.
"""
from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev"
FILES = ROOT / "corpora" / "files"

SENTENCE = "Quyết định số 34/QĐ-BTTTT ngày 10/01/2022 về việc kiện toàn Ban chỉ đạo."


# --- PDF building blocks ----------------------------------------------------------------

def make_pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"",
             xref: bool = True, bad_offsets: bool = False, startxref: int | None = None) -> bytes:
    """A PDF whose objects are numbered 1..n in order; a correct xref unless told otherwise."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref_at = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % ((off * 7 + 13) if bad_offsets else off)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\n" % (len(objects) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref_at if startxref is None else startxref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", length: bytes | None = None) -> bytes:
    return b"<< /Length " + (length or b"%d" % len(data)) + b" " + extra + b" >>\nstream\n" + data + b"\nendstream"


def text_pdf(text: bytes = b"Quyet dinh so 34/QD-BTTTT", media: bytes = b"[0 0 595 842]") -> list[bytes]:
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media + b" /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def encrypted_pdf(seed: int = 0) -> bytes:
    """Standard security handler with a user password (random O/U entries: the empty
    password does not open it)."""
    rng = random.Random(seed)
    o, u = (bytes(rng.randrange(256) for _ in range(32)).hex().encode() for _ in range(2))
    objects = text_pdf() + [b"<< /Filter /Standard /V 1 /R 2 /O <" + o + b"> /U <" + u + b"> /P -44 >>"]
    fid = bytes(rng.randrange(256) for _ in range(16)).hex().encode()
    return make_pdf(objects, trailer_extra=b"/Encrypt 6 0 R /ID [<" + fid + b"> <" + fid + b">]")


def _pdf_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    yield "pdf/encrypted", encrypted_pdf(rng.randrange(1 << 30))
    yield "pdf/broken-xref-offsets", make_pdf(text_pdf(), bad_offsets=True)
    yield "pdf/no-xref", make_pdf(text_pdf(), xref=False)
    yield "pdf/startxref-beyond-end", make_pdf(text_pdf(), startxref=10**9)
    yield "pdf/startxref-negative", make_pdf(text_pdf(), startxref=-5)
    yield "pdf/xref-prev-loop", make_pdf(text_pdf(), trailer_extra=b"/Prev 0")
    objs = text_pdf()
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"  # the page tree contains itself
    yield "pdf/pages-loop", make_pdf(objs)
    objs = text_pdf()
    objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>"
    yield "pdf/count-lie", make_pdf(objs)
    objs = text_pdf()
    objs[0] = b"<< /Type /Catalog /Pages 1 0 R >>"
    yield "pdf/root-self-loop", make_pdf(objs)
    objs = text_pdf()
    objs[3] = _stream(b"BT /F1 12 Tf (x) Tj ET", length=b"4 0 R")  # /Length refers to itself
    yield "pdf/length-self-reference", make_pdf(objs)
    yield "pdf/huge-mediabox", make_pdf(text_pdf(media=b"[0 0 14400 14400]"))
    yield "pdf/negative-mediabox", make_pdf(text_pdf(media=b"[0 0 -1e30 1e30]"))
    depth = rng.choice([1000, 10000, 100000])
    objs = text_pdf()
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /X " + b"[" * depth + b"]" * depth + b" >>"
    yield f"pdf/nested-arrays-{depth}", make_pdf(objs)
    objs = text_pdf()
    objs[3] = _stream(b"q " * 200_000 + b"BT /F1 12 Tf (x) Tj ET")  # deep graphics-state nesting
    yield "pdf/graphics-state-nesting", make_pdf(objs)
    objs = text_pdf()
    objs[3] = _stream(flate_bomb(), extra=b"/Filter /FlateDecode")
    yield "pdf/flate-bomb-content", make_pdf(objs)
    objs = text_pdf()
    objs[3] = _stream(b"\x78\x9c" + rng.randbytes(500), extra=b"/Filter /FlateDecode")
    yield "pdf/corrupt-flate", make_pdf(objs)
    many = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"3 0 R" for _ in range(3000)) + b"] /Count 3000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    yield "pdf/same-page-3000-times", make_pdf(many)
    yield "pdf/header-only", b"%PDF-1.7\n"
    yield "pdf/header-and-garbage", b"%PDF-1.4\n" + rng.randbytes(rng.randrange(10, 5000))
    real = corpus_pdf()
    cut = rng.randrange(16, len(real))
    yield f"pdf/truncated-at-{cut}", real[:cut]
    pos = rng.randrange(200, len(real) - 200)
    yield f"pdf/bytes-flipped-at-{pos}", real[:pos] + rng.randbytes(64) + real[pos + 64:]
    yield "pdf/xref-zeroed", real.replace(b"xref", b"xxxx")
    yield "pdf/image-only-random-pixels", image_pdf(rng)


def image_pdf(rng: random.Random) -> bytes:
    """A page that is one (noise) image and no text: the reader must treat it as a scan."""
    w, h = 200, 100
    pixels = rng.randbytes(w * h)
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 400 0 0 200 100 500 cm /Im1 Do Q"),
        _stream(pixels, extra=b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                              b"/ColorSpace /DeviceGray /BitsPerComponent 8" % (w, h)),
    ])


@cache
def flate_bomb(size: int = 200 * 1024 * 1024) -> bytes:
    """`size` bytes of spaces, deflated (about 200 KB)."""
    z = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    return b"".join(z.compress(chunk) for _ in range(size // len(chunk))) + z.flush()


@cache
def corpus_pdf() -> bytes:
    return (FILES / "nd-55-2023-nd-cp_signed.pdf").read_bytes()


# --- DOCX (zip) building blocks ------------------------------------------------------------

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                 b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
                 b'application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
                 b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document_xml(body: bytes, prolog: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + b"<w:document " + W_NS + b"><w:body>"
            + body + b"</w:body></w:document>")


def paragraph(text: str) -> bytes:
    return b"<w:p><w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p>"


def make_docx(document: bytes, extra: dict[str, bytes] | None = None, *, compress: bool = True) -> bytes:
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


@cache
def zip_bomb_docx(size: int = 256 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml inflates to `size` bytes (256 MB by default, over the 200 MB limit)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(document_xml(b"<w:p><w:r><w:t>"))
            chunk = b"a" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p>" + b"</w:body></w:document>")
    return buf.getvalue()


@cache
def huge_xml_docx() -> bytes:
    """A document.xml of about 90 MB (compressing well to under 1 MB)."""
    return make_docx(document_xml(paragraph("a" * 100) * 700_000))


def lying_size_docx(real: bytes) -> bytes:
    """Patch the uncompressed sizes the zip declares for document.xml down to 100 bytes."""
    data = bytearray(real)
    name = b"word/document.xml"
    pos = 0
    while (pos := data.find(name, pos + 1)) != -1:
        if data[pos - 30:pos - 26] == b"PK\x03\x04":        # local header: size at +22
            data[pos - 30 + 22:pos - 30 + 26] = (100).to_bytes(4, "little")
        elif data[pos - 46:pos - 42] == b"PK\x01\x02":      # central directory: size at +24
            data[pos - 46 + 24:pos - 46 + 28] = (100).to_bytes(4, "little")
    return bytes(data)


def _docx_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    good = make_docx(document_xml(paragraph(SENTENCE)))
    yield "docx/zip-bomb", zip_bomb_docx()
    yield "docx/lying-sizes", lying_size_docx(make_docx(document_xml(paragraph(SENTENCE * 2000))))
    depth = rng.choice([300, 5000, 100_000])
    yield f"docx/nested-xml-{depth}", make_docx(document_xml(b"<w:sdt><w:sdtContent>" * depth
                                                             + b"</w:sdtContent></w:sdt>" * depth))
    yield f"docx/nested-tables-{depth}", make_docx(document_xml(b"<w:tbl><w:tr><w:tc>" * min(depth, 3000)
                                                                + paragraph("x")
                                                                + b"</w:tc></w:tr></w:tbl>" * min(depth, 3000)))
    laughs = (b'<!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
              b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>')
    yield "docx/billion-laughs", make_docx(document_xml(b"<w:p><w:r><w:t>&h;</w:t></w:r></w:p>", laughs))
    xxe = b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    yield "docx/external-entity", make_docx(document_xml(b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", xxe))
    yield "docx/huge-xml", huge_xml_docx()
    yield "docx/many-members", _many_members(rng.choice([2500, 5000]))
    yield "docx/not-xml", make_docx(rng.randbytes(rng.randrange(1, 4000)))
    yield "docx/unclosed-xml", make_docx(document_xml(paragraph(SENTENCE))[:-30])
    yield "docx/no-document-part", _zip({"[Content_Types].xml": CONTENT_TYPES, "word/other.xml": b"<a/>"})
    yield "docx/empty-body", make_docx(document_xml(b""))
    yield "docx/wrong-namespace", make_docx(b"<document><body><p>x</p></body></document>")
    cut = rng.randrange(4, len(good))
    yield f"docx/truncated-at-{cut}", good[:cut]
    pos = rng.randrange(30, len(good) - 30)
    yield f"docx/bytes-flipped-at-{pos}", good[:pos] + rng.randbytes(16) + good[pos + 16:]
    yield "docx/nul-bytes-in-text", make_docx(document_xml(b"<w:p><w:r><w:t>a&#0;b</w:t></w:r></w:p>"))
    yield "docx/control-chars", make_docx(document_xml(paragraph("Số\x01\x02 12/QĐ")))


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _many_members(n: int) -> bytes:
    return make_docx(document_xml(paragraph(SENTENCE)), {f"word/media/x{i}.xml": b"<a/>" for i in range(n)})


# --- HTML, text, images -----------------------------------------------------------------------

def _html_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    article = "".join(f"<p>{SENTENCE} {i}</p>" for i in range(20))
    scripts = "".join(f"<script>{'alert(1);' * rng.randrange(1, 2000)}</script>" for _ in range(50))
    yield "html/scripts", f"<html><body>{scripts}<article>{article}</article>{scripts}</body></html>".encode()
    yield "html/only-scripts", f"<html><head></head><body>{scripts}</body></html>".encode()
    depth = rng.choice([500, 5000, 200_000])
    yield f"html/nested-divs-{depth}", (b"<html><body>" + b"<div>" * depth + SENTENCE.encode()
                                        + b"</div>" * depth + b"</body></html>")
    yield "html/unclosed-tags", b"<html><body>" + b"<p><b><i><table><tr><td>" * 3000
    yield "html/huge", b"<html><body>" + b"<p>" + b"x" * (16 * 1024 * 1024) + b"</p></body></html>"
    yield "html/invalid-utf8", b"<html><body><p>" + rng.randbytes(3000) + b"</p></body></html>"
    yield "html/nul-bytes", b"<html><body><p>" + SENTENCE.encode() + b"\x00" * 100 + b"</p></body></html>"
    yield "html/entities", b"<html><body><p>" + b"&#0;&#xD800;&#x110000;&bogus;&amp;" * 500 + b"</p></body></html>"
    yield "html/svg-onload", b'<html><body><svg onload="alert(1)"><script>x</script></svg><p>ok</p></body></html>'
    yield "html/doctype-only", b"<!DOCTYPE html>"
    yield "html/xml-prolog-garbage", b"<?xml version='1.0'?>" + rng.randbytes(2000)


def _text_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    real = SENTENCE.encode()
    yield "text/nul-bytes", real + b"\x00" * rng.randrange(1, 5000) + real
    yield "text/only-nul", b"\x00" * rng.randrange(1, 100_000)
    yield "text/invalid-utf8", real + bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC]) * 50
    yield "text/lone-surrogates", real + b"\xed\xa0\x80\xed\xbf\xbf" * 100
    yield "text/overlong", b"\xc0\xaf\xe0\x80\xaf" * 300
    yield "text/utf16-odd-length", b"\xff\xfe" + "Quyết định".encode("utf-16-le") + b"\x00"
    yield "text/bom-only", b"\xef\xbb\xbf"
    yield "text/whitespace", b" \n\t\r\n" * rng.randrange(1, 1000)
    yield "text/one-long-line", b"a" * rng.randrange(10_000, 2_000_000)
    yield "text/control-soup", bytes(rng.randrange(0, 32) for _ in range(rng.randrange(1, 5000)))


def _image_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    png = _png(40, 20)
    yield "image/png-truncated", png[: rng.randrange(8, len(png) - 1)]
    yield "image/png-bomb-header", _png_header_only(200_000, 200_000)
    yield "image/jpeg-header-only", b"\xff\xd8\xff\xe0" + rng.randbytes(200)
    yield "image/tiff-garbage", b"II*\x00" + rng.randbytes(rng.randrange(10, 3000))
    yield "image/tiny-blank-png", png


def _png(w: int, h: int) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (w, h), 255).save(buf, format="PNG")
    return buf.getvalue()


def _png_header_only(w: int, h: int) -> bytes:
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    idat = zlib.compress(b"\x00" * 1000)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def _random_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    n = rng.choice([0, 1, 2, 7, 100, 4096, 100_000])
    yield f"random/{n}-bytes", rng.randbytes(n)
    magic = rng.choice([b"%PDF-", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00",
                        b"\xd0\xcf\x11\xe0", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"])
    yield f"random/magic-{magic[:4].hex()}", magic + rng.randbytes(rng.randrange(0, 20_000))


def _wrong_suffix(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    # The name lies; the content decides. (Names matter only to messages.)
    dev = sorted(DEV.glob("*.txt"))
    text = rng.choice(dev).read_bytes()
    yield f"wrong-suffix/text-as-{rng.choice(['pdf', 'docx', 'png'])}", text
    yield "wrong-suffix/pdf-as-txt", corpus_pdf()


def _issue17_variants(rng: random.Random) -> Iterator[tuple[str, bytes]]:  # noqa: ARG001 - fixed cases
    yield from ISSUE17_TEXT.items()
    yield "docx/lying-sizes-bomb", lying_bomb_docx(256 * 1024 * 1024)
    yield "docx/xml-flood", xml_flood_docx()


FAMILIES = (_pdf_variants, _docx_variants, _html_variants, _text_variants, _image_variants, _wrong_suffix,
            _issue17_variants)


def mutations(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """Cheap randomized damage to small good files of every format, and random bytes."""
    bases = {"pdf": make_pdf(text_pdf()), "docx": make_docx(document_xml(paragraph(SENTENCE) * 5)),
             "html": f"<html><body><p>{SENTENCE}</p></body></html>".encode(), "text": SENTENCE.encode() * 5}
    for kind, good in bases.items():
        cut = rng.randrange(0, len(good))
        yield f"{kind}/truncated-at-{cut}", good[:cut]
        pos, n = rng.randrange(0, len(good)), rng.randrange(1, 64)
        yield f"{kind}/flipped-{n}-at-{pos}", good[:pos] + rng.randbytes(n) + good[pos + n:]
        pos = rng.randrange(0, len(good))
        yield f"{kind}/inserted-at-{pos}", good[:pos] + rng.randbytes(rng.randrange(1, 2000)) + good[pos:]
    yield from _random_variants(rng)


def cases(seed: int = 8, rounds: int = 70) -> Iterator[tuple[str, bytes]]:
    """The crafted cases of every family once, then `rounds` rounds of mutations
    (14 each): over 1,000 inputs in all."""
    rng = random.Random(seed)
    for family in FAMILIES:
        yield from family(rng)
    for r in range(rounds):
        for name, data in mutations(rng):
            yield f"m{r:02d}/{name}", data


def huge_text(size: int = 50 * 1024 * 1024) -> bytes:
    """50 MB of real Vietnamese text."""
    base = b"\n\n".join(p.read_bytes() for p in sorted(DEV.glob("*.txt")))
    return (base * (size // len(base) + 1))[:size]


# --- issue 17: inputs that cost super-linear time or unbounded memory ------------------------
# Each builder is small on disk and expands (or costs) far beyond it; `ISSUE17` names them.

def _deflated(unit: bytes, size: int, level: int = 9) -> bytes:
    z = zlib.compressobj(level, zlib.DEFLATED, -15)
    chunk = unit * (1024 * 1024 // len(unit))
    return b"".join(z.compress(chunk) for _ in range(size // len(chunk))) + z.flush()


@cache
def gzip_bomb(size: int = 1 << 30, unit: bytes = b"\x00") -> bytes:
    """A gzip of `size` bytes of `unit` (1 GiB of zeros: about 1 MB)."""
    import gzip as _gzip

    buf = io.BytesIO()
    with _gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        chunk = unit * (1024 * 1024 // len(unit))
        for _ in range(size // len(chunk)):
            gz.write(chunk)
    return buf.getvalue()


@cache
def zip_with_bomb_member(size: int = 1 << 30) -> bytes:
    """A zip archive (not a DOCX) whose one member inflates to `size` bytes of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("zeros.txt", "w", force_zip64=True) as f:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                f.write(chunk)
    return buf.getvalue()


@cache
def jsonl_huge_line(size: int = 1 << 30) -> bytes:
    """A gzipped JSONL file: a good line, one line whose text is `size` bytes, a good line."""
    import gzip as _gzip

    good = ('{"id": "a", "text": "%s"}\n' % SENTENCE).encode()
    buf = io.BytesIO()
    with _gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(good)
        gz.write(b'{"id": "huge", "text": "')
        chunk = b"a" * (1024 * 1024)
        for _ in range(size // len(chunk)):
            gz.write(chunk)
        gz.write(b'"}\n' + good.replace(b'"a"', b'"b"'))
    return buf.getvalue()


@cache
def lying_bomb_docx(size: int = 1 << 30, declared: int = 100 * 1024) -> bytes:
    """A DOCX whose document.xml says it is `declared` bytes (and so passes every check
    on the zip directory) but inflates to `size` bytes."""
    body = document_xml(b"<w:p><w:r><w:t>")
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"a" * (1024 * 1024)
    deflated = z.compress(body) + b"".join(z.compress(chunk) for _ in range(size // len(chunk))) \
        + z.compress(tail) + z.flush()
    base = _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": b""})
    return _patch_member(base, "word/document.xml", deflated, declared)


def _patch_member(archive: bytes, name: str, deflated: bytes, declared: int) -> bytes:
    """`archive` with member `name` (written empty) replaced by raw `deflated` data that
    declares `declared` uncompressed bytes and the CRC of nothing that matches."""
    import struct

    src = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    central = []
    for info in src.infolist():
        raw = deflated if info.filename == name else None
        offset = out.tell()
        fname = info.filename.encode()
        if raw is None:
            data = src.read(info)
            comp = zlib.compressobj(9, zlib.DEFLATED, -15)
            raw = comp.compress(data) + comp.flush()
            crc, usize = zlib.crc32(data), len(data)
        else:
            crc, usize = 0, declared
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(raw), usize,
                              len(fname), 0) + fname + raw)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(raw),
                                   usize, len(fname), 0, 0, 0, 0, 0, offset) + fname)
    cd_at = out.tell()
    cd = b"".join(central)
    out.write(cd + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(cd), cd_at, 0))
    return out.getvalue()


@cache
def xml_flood_docx(size: int = 55 * 1024 * 1024) -> bytes:
    """A DOCX within the size limits whose document.xml is `size` bytes of tiny elements
    (a tree of millions of nodes)."""
    rng = random.Random(17)
    letters = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    parts, n = [], 0
    while n < size:  # a different word in each (compresses 10:1, under the ratio limit)
        unit = b"<w:p><w:r><w:t>" + bytes(rng.choice(letters) for _ in range(3)) + b"</w:t></w:r></w:p>"
        parts.append(unit)
        n += len(unit)
    return make_docx(document_xml(b"".join(parts)))


def blank_pngs() -> tuple[bytes, bytes]:
    """Two different images without text: each a document of its own."""
    return _png(40, 20), _png(41, 20)


ISSUE17_TEXT = {
    # item 1: a table-row pattern cubic on a long run of blanks
    "text/blank-line-5000": ("Quyết định\n" + " " * 5000 + "\n").encode(),
    "text/blank-line-200k": ("Quyết định\n" + " \t" * 100_000 + "\n").encode(),
    "text/type-word-before-blanks": ("Quyết định" + " " * 200_000 + "số 12/2020/NĐ-CP").encode(),
    # item 2: overlap checks quadratic in the number of references
    "text/many-references": ("Nghị định số 12/2020/NĐ-CP ngày 01/02/2020; " * 15_000).encode(),
    "text/many-bare-symbols": ("12/2020/NĐ-CP, " * 30_000).encode(),
    # UTF-16 big-endian without a byte-order mark
    "text/utf16be-no-bom": ("Quyết định số 12/2020/NĐ-CP\n" * 20).encode("utf-16-be"),
}
