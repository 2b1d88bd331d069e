"""``POST /api/documents``: ingest one report through the store and return what was extracted."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from frontline.api.deps import ApiError, get_conn, require_token
from frontline.model import to_jsonable
from frontline.store import queries

router = APIRouter(prefix="/api")

_SUFFIX = {"text": ".txt", "html": ".html", "jsonl": ".jsonl", "feed": ".xml"}


class IngestRequest(BaseModel):
    """One report to ingest: its name (for provenance), its text and its format."""

    name: str = Field(min_length=1, max_length=255, description="file name or URL the text came from")
    text: str = Field(min_length=1, description="the report as read (UTF-8)")
    media_type: Literal["text", "html", "jsonl", "feed"] = "text"


def _safe_name(name: str, media_type: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._") or "report"
    return base if "." in base else base + _SUFFIX[media_type]


def _ingest(store: Any, req: IngestRequest) -> Any:
    data = req.text.encode("utf-8")
    if hasattr(store, "ingest_bytes"):
        return store.ingest_bytes(req.name, data, req.media_type)
    # Until the store grows ingest_bytes: the same runner `frontline run` uses, on a temp file.
    from frontline.runner import run_paths

    with tempfile.TemporaryDirectory(prefix="frontline-api-") as tmp:
        path = Path(tmp) / _safe_name(req.name, req.media_type)
        path.write_bytes(data)
        return run_paths(store, [path])


@router.post(
    "/documents",
    status_code=201,
    dependencies=[Depends(require_token)],
    summary="Ingest a report (bearer token required); returns the stored documents and their events",
    responses={401: {"description": "no token"}, 403: {"description": "wrong token"}, 413: {"description": "body too large"}},
)
def post_document(
    request: Request, req: IngestRequest, conn: Annotated[Connection, Depends(get_conn)]
) -> Any:
    store = request.app.state.store
    if store is None:
        raise ApiError(503, "ingest unavailable: the store could not be opened for writing")
    try:
        report = _ingest(store, req)
    except (ValueError, UnicodeError) as exc:
        raise ApiError(422, f"could not ingest: {exc}") from exc
    results = to_jsonable(getattr(report, "results", []))
    ids = list(getattr(report, "stored_ids", []))
    conn.rollback()  # see the rows the ingest just committed
    docs = [queries.get_document(conn, i) for i in ids]
    return {"results": results, "documents": to_jsonable([d for d in docs if d is not None])}
