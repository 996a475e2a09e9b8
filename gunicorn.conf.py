"""gunicorn's settings for Encounter Log (loaded from the working directory, or with ``-c gunicorn.conf.py``).

Limits on what a client may send before the app sees it; each is documented in the
README ("Serving"). Anything gunicorn refuses itself is answered in the app's JSON
error shape (server/serving.py).
"""
from server.serving import install_json_errors

# A request line (method, path and query) of at most this many bytes; longer is 414.
limit_request_line = 4094
# At most this many header fields, each at most this many bytes; more is 400 / 431.
limit_request_fields = 100
limit_request_field_size = 8190
# Threads, not one request per process: the desk's live stream (GET /api/v1/events) holds a
# thread for up to EVENTS_STREAM_SECONDS, and a sync worker would be pinned by it. Each worker
# serves at most EVENTS_MAX_STREAMS streams (4 by default), so most of its threads stay free.
worker_class = "gthread"
threads = 8
# A worker silent this long is killed and restarted. The app bounds its own waits well
# below it (database: DATABASE_*_TIMEOUT; request bodies: REQUEST_READ_TIMEOUT).
timeout = 30
# No run-time control socket (gunicorn 25.1+ opens one at $XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl):
# nothing here uses it, every server of one user on a host would share that one path (two app
# servers on a host, or tests and benches beside the app, replace each other's), and it is one
# more way into a running server. Older gunicorn ignores the name.
control_socket_disable = True


def on_starting(server):
    """Before workers fork: their error answers use the JSON shape."""
    install_json_errors()
