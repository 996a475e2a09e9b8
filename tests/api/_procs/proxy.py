"""A TCP proxy in front of PostgreSQL that a test switches between passing, refusing, resetting and dropping.

Modes: ``pass`` forwards both ways; ``refuse`` closes the listening socket (connects are
refused); ``reset`` answers every connection, new and open, with a TCP reset; ``drop``
accepts new connections and lets open ones fall silent, forwarding nothing either way, as
a dead network path or a hung server would: the client's bytes are acknowledged and never
answered (so neither TCP keepalive nor tcp_user_timeout notices; the app's deadline must).
"""
import socket
import struct
import threading

MODES = ("pass", "refuse", "reset", "drop")


class TcpProxy:
    """Forward 127.0.0.1:<port> to ``target`` while the mode says so."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.mode = "pass"
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]

    def set_mode(self, mode: str) -> None:
        """Switch mode. Into ``drop`` open connections stay open and fall silent; any other switch resets them."""
        assert mode in MODES, mode
        self.mode = mode
        if mode != "drop":
            self._reset_all()
        if mode == "refuse":
            self._stop_listening()
        elif mode != "refuse" and self._listener is None:
            self._listener = self._listen(self.port)

    def close(self) -> None:
        """Stop listening and reset every connection."""
        self.mode = "refuse"
        self._stop_listening()
        self._reset_all()

    def _stop_listening(self) -> None:
        # shutdown, not just close: a close leaves the blocked accept() (and so the port) alive on Linux.
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return listener

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # the listener was closed
                return
            if self.mode == "reset":
                _reset(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._pairs.append((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        source.settimeout(0.05)
        while True:
            if source.fileno() == -1:  # reset by a mode switch
                return
            if self.mode == "drop":
                threading.Event().wait(0.05)  # read nothing, send nothing
                continue
            try:
                data = source.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if self.mode == "drop":  # switched while waiting for it: that data is dropped too
                continue
            if not data:
                _reset(sink)
                return
            try:
                sink.sendall(data)
            except OSError:
                return

    def _reset_all(self) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for client, server in pairs:
            _reset(client)
            _reset(server)


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (linger 0) rather than an orderly FIN."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass
