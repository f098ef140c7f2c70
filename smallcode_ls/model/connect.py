"""From settings to a working client, starting the embedded model when it is the endpoint."""

from __future__ import annotations

import asyncio

from ..config import EndpointSettings
from .client import ModelClient
from .endpoints import EMBEDDED, Endpoint, resolve_endpoint, with_base_url

EMBEDDED_CONTEXT = 8192


async def open_client(settings: EndpointSettings, endpoint: Endpoint | None = None) -> ModelClient:
    """A client for these settings. The embedded model's server is started (or joined) first, and
    released when the client closes."""
    endpoint = endpoint or resolve_endpoint(settings)
    if endpoint.kind != EMBEDDED:
        return ModelClient(endpoint)
    from . import embedded  # llama_cpp stays out of processes that never use it

    name = embedded.parse_embedded(settings.endpoint) or embedded.DEFAULT_MODEL
    n_ctx = settings.context_window or EMBEDDED_CONTEXT
    handle = await asyncio.to_thread(embedded.ensure_server, name, n_ctx=n_ctx, keep_alive=settings.keep_alive)
    ready = with_base_url(endpoint, handle.base_url, model=handle.model)
    return ModelClient(ready, context_window=handle.n_ctx, on_close=lambda: embedded.release(handle))
