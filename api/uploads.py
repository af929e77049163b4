"""Reading a document out of a request: a multipart field `file`, or JSON
`{"text": ...}`. Every problem is an HTTP error that says what is wrong."""
from __future__ import annotations

import hashlib
import json

from fastapi import HTTPException, Request, status
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from api.schemas import TextIn
from api.settings import Settings
from api.worker import Job, source_name


def _too_large(settings: Settings) -> HTTPException:
    return HTTPException(status.HTTP_413_CONTENT_TOO_LARGE,
                         f"the document is larger than the limit of {settings.max_upload_bytes} bytes")


async def read_upload(request: Request, settings: Settings) -> tuple[Job, bytes]:
    """The job to extract and the bytes to keep as the original (the file, or the
    text in UTF-8)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                    "the multipart field `file` is missing or is not a file")
            data = await upload.read(settings.max_upload_bytes + 1)
            filename = upload.filename
        if len(data) > settings.max_upload_bytes:
            raise _too_large(settings)
        if not data:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "the file is empty")
        return Job(source=source_name(filename), data=data), data
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            body = json.loads(await request.body())
        except (ValueError, RecursionError):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "the body is not valid JSON") from None
        try:
            sent = TextIn.model_validate(body)
        except ValidationError as e:
            problems = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'body'}: {err['msg']}" for err in e.errors())
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, problems) from None
        data = sent.text.encode("utf-8")  # pydantic has refused lone surrogates
        if len(data) > settings.max_upload_bytes:
            raise _too_large(settings)
        return Job(source=source_name(sent.source, default="text"), data=data), data
    raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                        "send multipart/form-data with a field `file`, or application/json with `text`")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
