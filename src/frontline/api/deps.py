"""Shared request plumbing: the store, JSON errors, the body-size guard, auth, headers."""

from __future__ import annotations

import hmac
import math
from collections.abc import Iterator
from typing import Any

from fastapi import Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ApiError(HTTPException):
    """An error with a clear message, rendered as ``{"error": ..., "status": ...}``."""


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": message, "status": status}
    if detail is not None:
        body["detail"] = detail
    return body


async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in exc.errors()]
    where = ", ".join(".".join(d["loc"]) + ": " + d["msg"] for d in detail[:5])
    return JSONResponse(error_body(422, f"invalid request: {where}", detail), status_code=422)


async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    """Last resort: still JSON, never a stack trace (a 500 here is a bug to fix)."""
    return JSONResponse(error_body(500, f"internal error: {type(exc).__name__}"), status_code=500)


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_conn(engine: Engine = Depends(get_engine)) -> Iterator[Connection]:
    with engine.connect() as conn:
        yield conn


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` → floats, or a 422 saying what is wrong."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or not all(math.isfinite(n) for n in nums):
        raise ApiError(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ApiError(422, "bbox out of range or inverted (need -180<=min_lon<=max_lon<=180, -90<=min_lat<=max_lat<=90)")
    return min_lon, min_lat, max_lon, max_lat


_bearer = HTTPBearer(auto_error=False, description="The token configured by FRONTLINE_API_TOKEN")


def require_token(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Writes need the configured bearer token: none sent → 401, wrong (or none configured) → 403."""
    expected: str | None = request.app.state.settings.token
    if creds is None or not creds.credentials:
        raise ApiError(401, "missing bearer token (Authorization: Bearer <token>)", headers={"WWW-Authenticate": "Bearer"})
    if not expected:
        raise ApiError(403, "writes are disabled: no API token is configured on the server (FRONTLINE_API_TOKEN)")
    if not hmac.compare_digest(creds.credentials.encode(), expected.encode()):
        raise ApiError(403, "invalid bearer token")


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 before the app reads them.

    The body is buffered (up to the limit) and replayed, so an oversized or
    lying ``Content-Length`` upload is cut off early instead of filling memory.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(error_body(413, f"request body larger than {self.limit} bytes"), status_code=413)
        await response(scope, receive, send)


#: Defence in depth for the map page: scripts only from this server, no inline
#: script, no plugins.  (The page never needs inline script; Leaflet needs inline styles.)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class SecurityHeaders:
    """Adds CSP (unless the response set its own), nosniff and no-referrer headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                # a page may bring a stricter policy of its own (/docs allows its one inline script by hash)
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)
