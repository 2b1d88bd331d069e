"""API configuration: one place where every knob and its environment variable is read."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Default cap on a POST body (2 MiB): reports are text; larger is an error or an attack.
DEFAULT_MAX_BODY = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Resolved settings; constructor arguments win over the environment."""

    store_url: str | None
    token: str | None
    max_body_bytes: int
    control_initial: str | None

    @classmethod
    def resolve(
        cls,
        store_url: str | None = None,
        token: str | None = None,
        max_body_bytes: int | None = None,
        control_initial: str | None = None,
    ) -> ApiSettings:
        env = os.environ
        body = max_body_bytes if max_body_bytes is not None else int(env.get("FRONTLINE_API_MAX_BYTES") or DEFAULT_MAX_BODY)
        return cls(
            store_url=store_url,
            token=token if token is not None else (env.get("FRONTLINE_API_TOKEN") or None),
            max_body_bytes=body,
            control_initial=control_initial or env.get("FRONTLINE_CONTROL_INITIAL") or None,
        )
