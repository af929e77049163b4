"""/documents: upload (stored and extracted), list, get, original file, delete."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from api.deps import DeclaredQueryOnly, CanRead, CanWrite, ExtractorDep, SettingsDep, StoreDep
from api.schemas import ERRORS, ISO_BOUND, UPLOAD_BODY, UPLOAD_ERRORS, DocumentOut, Error
from api.settings import Settings
from api.uploads import content_hash, read_upload
from api.worker import Extractor
from extractor import __version__
from models.records import DocumentKind
from models.store import DocumentSummary, Store

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=[DeclaredQueryOnly])

DocId = Annotated[str, Path(min_length=1, max_length=128, description="the document's id (sha256 of its text, "
                                                                            "or of its file's bytes when it has no text)")]
NOT_FOUND = {404: {"model": Error, "description": "no document with this id"}}


async def store_upload(request: Request, settings: Settings, store: Store,
                       extractor: Extractor) -> tuple[DocumentOut, bool]:
    """Read, extract and store the document a request carries: (document, extracted).
    A file stored before by this extractor version is not extracted again."""
    job, original = await read_upload(request, settings)
    digest = content_hash(original)
    if await run_in_threadpool(store.has, digest, __version__):
        doc_id = await run_in_threadpool(_id_of_hash, store, digest)
        stored = await run_in_threadpool(store.get, doc_id) if doc_id else None
        if stored is not None:  # else deleted meanwhile: extract afresh
            return DocumentOut.of(stored), False
    record = await extractor.extract(job)
    doc_id = await run_in_threadpool(store.add, record, original=original, filename=job.source,
                                     content_hash=digest)
    stored = await run_in_threadpool(store.get, doc_id)
    if stored is None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"document {doc_id} was deleted while it was being added")
    return DocumentOut.of(stored), True


def _id_of_hash(store: Store, digest: str) -> str | None:
    """The document an uploaded file gave (the Store answers `has` but not which)."""
    from sqlalchemy import select

    from models.store import DocumentRow, SourceRow

    with store.session() as s:
        found = s.execute(select(SourceRow.document_id).where(SourceRow.content_hash == digest)).scalar()
        return found or s.execute(select(DocumentRow.id).where(DocumentRow.id == digest)).scalar()


@router.post("", response_model=DocumentOut, status_code=status.HTTP_201_CREATED, dependencies=[CanWrite],
             responses={200: {"model": DocumentOut, "description": "the same content was stored before"},
                        **UPLOAD_ERRORS}, openapi_extra=UPLOAD_BODY)
async def add_document(request: Request, response: Response, settings: SettingsDep, store: StoreDep,
                       extractor: ExtractorDep) -> DocumentOut:
    """Store a document and its record: a multipart field `file` (PDF, DOCX, HTML,
    text; the format is read from the content), or JSON `{"text": ..., "source": ...}`.
    201 when new; 200 with the stored document when the same content was added before."""
    document, created = await store_upload(request, settings, store, extractor)
    if not created:
        response.status_code = status.HTTP_200_OK
    return document


@router.get("", response_model=list[DocumentSummary], dependencies=[CanRead], responses=ERRORS)
async def list_documents(
    store: StoreDep,
    kind: Annotated[DocumentKind | None, Query(description="decision, decree, report, news ...")] = None,
    issuer: Annotated[str | None, Query(max_length=300, description="issuing body; accents, case and "
                                                                    "abbreviations do not matter")] = None,
    date_from: Annotated[str | None, Query(pattern=ISO_BOUND, description="ISO day, month or year")] = None,
    date_to: Annotated[str | None, Query(pattern=ISO_BOUND, description="ISO day, month or year")] = None,
    q: Annotated[str | None, Query(max_length=300, description="words of the text, or a legal number")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[DocumentSummary]:
    """Stored documents, newest first."""
    return await run_in_threadpool(store.documents, kind=kind, issuer=issuer, date_from=date_from,
                                   date_to=date_to, q=q, limit=limit, offset=offset)


@router.get("/{doc_id}", response_model=DocumentOut, dependencies=[CanRead], responses={**ERRORS, **NOT_FOUND})
async def get_document(doc_id: DocId, store: StoreDep) -> DocumentOut:
    """A stored document with its record and normalized text."""
    stored = await run_in_threadpool(store.get, doc_id)
    if stored is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {doc_id}")
    return DocumentOut.of(stored)


@router.get("/{doc_id}/original", dependencies=[CanRead], response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}, "description": "the file as uploaded"},
                       **ERRORS, **NOT_FOUND})
async def get_original(doc_id: DocId, store: StoreDep) -> Response:
    """The file as it was uploaded. Always a download, never shown inline: an
    uploaded HTML page must not run in this site's origin."""
    stored = await run_in_threadpool(store.get, doc_id)
    if stored is None or stored.original is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no original file for document {doc_id}")
    name = stored.filename or f"{doc_id}.bin"
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return Response(stored.original, media_type="application/octet-stream", headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}",
    })


@router.delete("/{doc_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[CanWrite],
               responses={**ERRORS, **NOT_FOUND})
async def delete_document(doc_id: DocId, store: StoreDep) -> Response:
    """Remove a document, its original file and all its record items."""
    if not await run_in_threadpool(store.delete, doc_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {doc_id}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
