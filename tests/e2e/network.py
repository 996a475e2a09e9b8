"""The network between the phone and the server: offline for pages and service worker, held requests."""
import json

from tests.e2e.device import wait_until


def _abort_service_worker_requests(route, request):
    """Offline for the service worker too: set_offline does not reach its fetches (playwright#2311)."""
    if request.service_worker is not None:
        route.abort("internetdisconnected")
    else:
        route.fallback()


def go_offline(context) -> None:
    """Cut the network for the pages and the service worker of this context."""
    context.set_offline(True)
    context.route("**", _abort_service_worker_requests)


def go_online(context) -> None:
    """Give the network back to the pages and the service worker."""
    context.unroute("**", _abort_service_worker_requests)
    context.set_offline(False)


class HeldRequests:
    """Requests matching ``pattern`` are held, unanswered, until the test answers each in turn.

    Holding the next push lets a test look at the phone between two attempts, at the one
    moment where the previous answer has been applied and nothing else has happened yet.
    """

    def __init__(self, context, pattern):
        self.held = []
        self.taken = 0
        self.context, self.pattern = context, pattern
        self._hold = lambda route, request: self.held.append((route, request))
        context.route(pattern, self._hold)

    def next(self, page, timeout: float = 20.0):
        """Wait for the next request to arrive and return ``(route, request)`` for the test to answer."""
        wait_until(page, lambda: len(self.held) > self.taken, timeout=timeout,
                   message=f"request {self.taken + 1} (no retry came)")
        self.taken += 1
        return self.held[self.taken - 1]

    def arrived(self) -> int:
        """How many requests have arrived so far."""
        return len(self.held)

    def release(self) -> None:
        """Let every request not taken by ``next`` go on to the server, and hold no more. Unrouting sends on any
        that came while the others were let go (Playwright falls back for the routes still pending)."""
        while self.taken < len(self.held):
            self.held[self.taken][0].continue_()
            self.taken += 1
        self.context.unroute(self.pattern, self._hold)
        self.taken = len(self.held)


def refuse_pushes_as_too_large(context) -> None:
    """Answer every push 413, as a server (or a proxy before it) set to take less than one item does."""
    body = json.dumps({"code": 413, "message": "the request body is larger than the limit", "description": "",
                       "reason": "too_large"})
    context.route("**/api/v1/sync/push",
                  lambda route: route.fulfill(status=413, content_type="application/json", body=body))
