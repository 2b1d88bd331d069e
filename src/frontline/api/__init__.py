"""The REST API and the offline map: ``create_app`` builds it, ``serve`` runs it.

The app only formats what ``frontline.store.queries`` and ``frontline.control``
return, so the CLI, the map and outside tools see the same data.  Every error
is JSON ``{"error", "status"[, "detail"]}``; bad parameters are 4xx.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontline import __version__
from frontline.api.deps import CSP, BodyLimit, SecurityHeaders, http_error, unexpected_error, validation_error
from frontline.api.settings import ApiSettings
from frontline.control import load_initial

__all__ = ["create_app", "serve"]

WEB_DIR = Path(str(resources.files("frontline") / "web"))
SWAGGER = "/static/vendor/swagger-ui"


def swagger_page(root_path: str = "") -> HTMLResponse:
    """``/docs``: FastAPI's Swagger UI page on the vendored files, so the API docs work offline.

    The page's one inline script (the Swagger UI set-up) is allowed by its
    SHA-256 hash in the Content-Security-Policy instead of ``'unsafe-inline'``,
    so report text that ever reached this page still could not run.
    ``validatorUrl: null`` keeps Swagger UI from calling swagger.io's validator.
    """
    page = get_swagger_ui_html(
        openapi_url=f"{root_path}/openapi.json",
        title="frontline API",
        swagger_js_url=f"{root_path}{SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{root_path}{SWAGGER}/swagger-ui.css",
        swagger_favicon_url=f"{root_path}{SWAGGER}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )
    html = bytes(page.body).decode("utf-8")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"
        for code in re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    )
    csp = CSP.replace("script-src 'self'", f"script-src 'self' {hashes}")
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})


def _open(url: str | None) -> tuple[Any, Any]:
    """(store, engine): the lead's Store when available, else a bare engine on the schema."""
    try:
        from frontline.store import open_store
    except ImportError:
        open_store = None
    if open_store is not None:
        store = open_store(url)
        return store, store.engine
    from frontline.store.engine import make_engine  # pragma: no cover - transitional
    from frontline.store.schema import metadata

    engine = make_engine(url)
    metadata.create_all(engine)
    return None, engine


def _refresh_planner_stats(engine: Any) -> None:
    """Give SQLite's query planner table statistics (approximate ANALYZE, ~50 ms at 100k events).

    Without them SQLite picks the low-selectivity event_type index over the
    date index for "one week of Battles" and is 3-10x slower.  PostgreSQL
    keeps its own statistics.  A read-only database simply keeps its old ones.
    """
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
    except SQLAlchemyError:  # read-only file or locked by a writer: planning still works, just slower
        return


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    *,
    max_body_bytes: int | None = None,
    control_initial: str | None = None,
) -> FastAPI:
    """The API + map app for the database at ``store_url`` (``--db``/env/default).

    ``token`` (else ``FRONTLINE_API_TOKEN``) guards ``POST /api/documents``;
    with none configured, writes are refused.  ``control_initial`` (else
    ``FRONTLINE_CONTROL_INITIAL``) names an initial-control CSV/YAML file.
    """
    settings = ApiSettings.resolve(store_url, token, max_body_bytes, control_initial)
    app = FastAPI(
        title="frontline",
        version=__version__,
        description="Conflict events with their evidence, documents, republication clusters and territorial control.",
        docs_url=None,  # FastAPI's own /docs loads Swagger UI from a CDN: served below from vendored files
        redoc_url=None,  # ReDoc is not vendored; /docs covers the same spec
    )
    store, engine = _open(settings.store_url)
    _refresh_planner_stats(engine)
    app.state.settings = settings
    app.state.store = store
    app.state.engine = engine
    app.state.gazetteer = None
    app.state.control_cache = {}
    # read (and validate) the initial-control file now: a bad file fails at start, not per request
    app.state.control_initial = load_initial(settings.control_initial) if settings.control_initial else None

    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, unexpected_error)

    from frontline.api import ingest, routes

    app.include_router(routes.router)
    app.include_router(ingest.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return swagger_page(request.scope.get("root_path", ""))

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def serve(store_url: str | None = None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the API and map with uvicorn until interrupted (used by ``frontline serve`` and ``demo``)."""
    import uvicorn

    uvicorn.run(create_app(store_url, token), host=host, port=port, log_level="info")
