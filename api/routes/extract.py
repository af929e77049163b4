"""/extract: the record of a document, without storing anything."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import DeclaredQueryOnly, CanWrite, ExtractorDep, SettingsDep
from api.schemas import UPLOAD_BODY, UPLOAD_ERRORS
from api.uploads import read_upload
from models.records import Record

router = APIRouter(tags=["extract"], dependencies=[DeclaredQueryOnly])


@router.post("/extract", response_model=Record, response_model_exclude_none=False, dependencies=[CanWrite],
             responses=UPLOAD_ERRORS, openapi_extra=UPLOAD_BODY)
async def extract(
    request: Request, settings: SettingsDep, extractor: ExtractorDep,
    with_text: Annotated[bool, Query(description="include the normalized text the evidence offsets point into")] = False,
) -> Record:
    """The record of a document sent as a multipart field `file` or as JSON
    `{"text": ...}`, as `vanban extract` gives it. Nothing is stored; like every
    upload it needs the token when one is set (extraction is the costly part)."""
    job, _ = await read_upload(request, settings)
    record = await extractor.extract(job)
    if not with_text:
        record.text = None
    return record
