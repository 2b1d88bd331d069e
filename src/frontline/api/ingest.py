"""``POST /api/documents``: ingest one report through the store and return what was extracted."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from frontline.api.deps import ApiError, get_conn, require_token
from frontline.model import to_jsonable
from frontline.store import queries

router = APIRouter(prefix="/api")

class IngestRequest(BaseModel):
    """One report to ingest: its name (for provenance), its text and its format."""

    name: str = Field(min_length=1, max_length=255, description="file name or URL the text came from")
    text: str = Field(min_length=1, description="the report as read (UTF-8)")
    media_type: Literal["text", "html", "jsonl", "feed"] = "text"


def _ingest(store: Any, req: IngestRequest) -> Any:
    from frontline.runner import run_bytes

    name = "api:" + (re.sub(r"[\x00-\x1f]+", " ", req.name).strip() or "report")
    return run_bytes(store, name, req.text.encode("utf-8"), req.media_type)


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
    if results and all(r.get("status") == "error" for r in results):
        # nothing could be read (bad JSON lines, a broken feed, …): the request was bad, say why
        reasons = "; ".join(str(r.get("reason", "")) for r in results[:5])
        raise ApiError(422, f"could not ingest: {reasons}")
    ids = list(getattr(report, "stored_ids", []))
    conn.rollback()  # see the rows the ingest just committed
    docs = [queries.get_document(conn, i) for i in ids]
    return {"results": results, "documents": to_jsonable([d for d in docs if d is not None])}
