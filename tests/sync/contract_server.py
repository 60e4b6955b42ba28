"""A small back office that follows docs/backoffice-api.md, for the sync tests (loopback only).

It keeps what the contract says the real one keeps: revisions by (case id, revision) with the
sha256 of their bytes, files by hash, and a change feed. It exists so the client can be tested
over real HTTP before and beside the real `clerk_app.backoffice`; it is not a mock of requests.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-token"
DECISIONS = {"accept", "tolerance_accept", "notify", "refuse"}
_CASE = re.compile(r"^/api/v1/cases/([0-9A-Z]{26})/revisions/(\d+)$")
_FILE = re.compile(r"^/api/v1/files/([0-9a-f]{64})$")


@dataclass
class State:
    revisions: dict[tuple[str, int], tuple[str, bytes]] = field(default_factory=dict)  # key → (sha, body)
    files: dict[str, bytes] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    case_states: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    created: int = 0  # revisions stored the first time
    replays: int = 0  # harmless repeats of a stored revision
    latency: float = 0.0  # seconds between committing a revision and answering
    lock: threading.RLock = field(default_factory=threading.RLock)

    def decide(self, case_id: str, state: str, decision: dict[str, Any] | None = None) -> None:
        """What a supervisor's decision does: a new state and an entry in the change feed."""
        with self.lock:
            revision = max(r for c, r in self.revisions if c == case_id)
            self.case_states[case_id] = state
            self.changes.append({
                "cursor": len(self.changes) + 1, "case_id": case_id, "number": "", "kind": "state",
                "state": state, "revision": revision, "at": datetime.now().astimezone().isoformat(),
                "decision": decision,
            })


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes
    server: ContractServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/api/v1/health":
            return self._send(200, {"status": "ok", "database": "memory"})
        if not self._authorised():
            return None
        if url.path == "/api/v1/changes":
            query = parse_qs(url.query)
            since, limit = int(query.get("since", ["0"])[0]), int(query.get("limit", ["100"])[0])
            with self.server.state.lock:
                page = [c for c in self.server.state.changes if c["cursor"] > since][:limit]
            return self._send(200, {"changes": page, "next": page[-1]["cursor"] if page else since})
        return self._error(404, "not_found", "no such route")

    def do_POST(self) -> None:
        if self.path == "/api/v1/auth/token":
            body = json.loads(self._body() or b"{}")
            if body.get("password") != "secret":
                return self._error(401, "unauthorised", "wrong user name or password")
            return self._send(200, {"token": TOKEN, "username": body.get("username"), "role": "clerk"})
        return self._error(404, "not_found", "no such route")

    def do_PUT(self) -> None:
        body = self._body()
        if not self._authorised():
            return None
        if match := _FILE.match(self.path):
            return self._put_file(match.group(1), body)
        if match := _CASE.match(self.path):
            return self._put_case(match.group(1), int(match.group(2)), body)
        return self._error(404, "not_found", "no such route")

    def _put_file(self, digest: str, body: bytes) -> None:
        if hashlib.sha256(body).hexdigest() != digest:
            return self._error(422, "hash_mismatch", "body does not match its sha256", [digest])
        with self.server.state.lock:
            existed = digest in self.server.state.files
            self.server.state.files.setdefault(digest, body)
        return self._send(200 if existed else 201, {"sha256": digest, "size": len(body)})

    def _put_case(self, case_id: str, revision: int, body: bytes) -> None:
        reasons = _reasons(case_id, revision, body)
        if reasons:
            return self._error(422, "invalid_case", "the case cannot be accepted", reasons)
        digest, state = hashlib.sha256(body).hexdigest(), self.server.state
        with state.lock:
            held = state.revisions.get((case_id, revision))
            if held is not None and held[0] != digest:
                return self._error(409, "conflict", "another body is stored under this revision")
            earlier = [r for c, r in state.revisions if c == case_id and r != revision]
            if held is None and earlier and state.case_states.get(case_id) != "correction_requested":
                return self._error(409, "conflict", "a new revision needs a correction request")
            state.revisions.setdefault((case_id, revision), (digest, body))
            state.created += held is None
            state.replays += held is not None
            state.case_states[case_id] = "submitted"
            missing = [s for s in _scans(body) if s not in state.files]
        time.sleep(state.latency)
        answer = {"case_id": case_id, "revision": revision, "number": json.loads(body)["number"],
                  "state": "submitted", "missing_files": missing, "complete": not missing}
        return self._send(200 if held is not None else 201, answer)

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.server.token}":
            return True
        self._error(401, "unauthorised", "sign in again")
        return False

    def _body(self) -> bytes:
        expected = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(expected)
        if len(body) < expected:  # the connection broke mid-request: nothing to process
            raise ConnectionAbortedError("incomplete request body")
        return body

    def _error(self, status: int, code: str, message: str, details: list[str] | None = None) -> None:
        self._send(status, {"error": code, "message": message, "details": details or []})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        with self.server.state.lock:
            self.server.state.requests += 1
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _reasons(case_id: str, revision: int, body: bytes) -> list[str]:
    try:
        document = json.loads(body)
    except ValueError:
        return ["body is not JSON"]
    if not isinstance(document, dict):
        return ["body is not a case"]
    reasons = []
    if document.get("id") != case_id:
        reasons.append("id does not match the path")
    if document.get("revision") != revision:
        reasons.append("revision does not match the path")
    if ((document.get("decision") or {}).get("kind")) not in DECISIONS:
        reasons.append("the window decision is not accept/tolerance_accept/notify/refuse")
    return reasons


def _scans(body: bytes) -> list[str]:
    return [s for m in json.loads(body).get("materials") or [] for s in m.get("scans") or []]


class ContractServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the fault proxy breaks connections on purpose

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = State()
        self.token = TOKEN
        self._thread = threading.Thread(target=self.serve_forever, name="contract-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> ContractServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
