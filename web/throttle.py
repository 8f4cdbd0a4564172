"""A per-client limit on how often an expensive page may be asked for, in this process.

Keyed by the client's address as the server sees it (behind the deployment's proxy that is
the proxy; deploy/haproxy.cfg limits per address in front). Counts are kept for the window
only and hold no more than an address, never a path or a body.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque

from starlette.requests import Request


class Throttle:
    def __init__(self, per_window: int, window_s: float, clients: int = 10_000) -> None:
        self.per_window, self.window_s, self.clients = per_window, window_s, clients
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, request: Request) -> bool:
        client = request.client.host if request.client else "unknown"
        now = time.monotonic()
        times = self._seen.pop(client, None) or deque()
        while times and times[0] <= now - self.window_s:
            times.popleft()
        allowed = len(times) < self.per_window
        if allowed:
            times.append(now)
        self._seen[client] = times
        while len(self._seen) > self.clients:
            self._seen.popitem(last=False)
        return allowed
