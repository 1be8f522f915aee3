"""A token-introspection endpoint (RFC 7662) on 127.0.0.1 for the test Dovecot's oauth2 passdb,
and a token helper command that hands out tokens from a queue file, as oama or pizauth would."""

from __future__ import annotations

import json
import secrets
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import secret_watch


class IntrospectionServer:
    """Answers POST token=... with {"active": true, "username": ...} for a token it issued
    and has not expired, else {"active": false}. Runs in a thread of the test process."""

    def __init__(self) -> None:
        self.tokens: dict[str, tuple[str, bool]] = {}  # token -> (user, active)
        self.asked: list[str] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                token = (form.get("token") or [""])[0]
                body = json.dumps(owner.introspect(token)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: the default writes every request to stderr

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/introspect"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       name="introspection")
        self.thread.start()

    def introspect(self, token: str) -> dict[str, object]:
        with self._lock:
            self.asked.append(token)
            user, active = self.tokens.get(token, ("", False))
        return {"active": True, "username": user} if active else {"active": False}

    def issue(self, user: str) -> str:
        """A new valid access token for `user`."""
        token = "ya29." + secrets.token_urlsafe(24)
        secret_watch.register(token)
        with self._lock:
            self.tokens[token] = (user, True)
        return token

    def expire(self, token: str) -> None:
        with self._lock:
            user, _ = self.tokens[token]
            self.tokens[token] = (user, False)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


class TokenQueue:
    """The argv of a token command printing the next token of a queue file (the last one
    stays), counting its calls: what oama/pizauth do, minus the provider."""

    def __init__(self, directory: Path, tokens: list[str]) -> None:
        self.queue = directory / "tokens"
        self.calls = directory / "calls"
        self.queue.write_text("".join(f"{t}\n" for t in tokens))
        self.calls.write_text("")
        self.argv = [sys.executable, str(Path(__file__)), str(self.queue), str(self.calls)]

    @property
    def count(self) -> int:
        return len(self.calls.read_text().splitlines())

    def push(self, *tokens: str) -> None:
        with open(self.queue, "a") as f:
            f.writelines(f"{t}\n" for t in tokens)


def _next_token(queue: Path, calls: Path) -> str:
    tokens = queue.read_text().split()
    if len(tokens) > 1:
        queue.write_text("".join(f"{t}\n" for t in tokens[1:]))
    with open(calls, "a") as f:
        f.write("called\n")
    return tokens[0]


if __name__ == "__main__":
    print(_next_token(Path(sys.argv[1]), Path(sys.argv[2])))
