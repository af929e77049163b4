"""Images (PNG, JPEG, TIFF — scans sent as pictures): OCR of every frame."""
from __future__ import annotations

import io
import warnings

from extractor.readers import ReadError, ReadResult
from extractor.readers.limits import Limits


def read_image(data: bytes, source: str, lim: Limits) -> ReadResult:
    from PIL import Image, UnidentifiedImageError

    from extractor.readers import ocr

    try:
        with warnings.catch_warnings():  # PIL's complaints about broken files: our error says it
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))  # reads the header only
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise ReadError(source, f"unreadable image ({type(e).__name__})") from None
    width, height = image.size
    # Decoding allocates width x height pixels: refuse absurd sizes before decoding anything.
    if width * height > 4 * lim.max_pixels:
        raise ReadError(source, f"image too large ({width} x {height} pixels)")
    frames = getattr(image, "n_frames", 1)
    meta: dict = {"pages": frames, "pages_without_text": list(range(1, frames + 1)), "warnings": []}
    why_not = ocr.unavailable()
    if why_not:
        meta["warnings"].append(f"the image was not OCRed: {why_not}")
        return ReadResult(text="", format="image", meta=meta)
    texts, done = [], []
    for i in range(min(frames, lim.max_ocr_pages)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                image.seek(i)
                image.load()
            texts.append(ocr.ocr_image(image, lim, header=i == 0))
            done.append(i + 1)
        except ocr.OcrError as e:
            meta["warnings"].append(f"page {i + 1}: {e}")
        except (OSError, ValueError, EOFError, SyntaxError, Image.DecompressionBombError) as e:
            if not done:
                raise ReadError(source, f"broken image ({type(e).__name__}: {e})") from None
            meta["warnings"].append(f"page {i + 1} of the image could not be decoded ({type(e).__name__})")
    if frames > lim.max_ocr_pages:
        meta["warnings"].append(f"only {lim.max_ocr_pages} of {frames} pages were OCRed (OCR page limit)")
    meta["pages_ocr"] = done
    return ReadResult(text="\n\n".join(texts), format="image", meta=meta)
