"""The back office's HTTP API as the workstation uses it, with one typed outcome per answer.

One `requests.Session` keeps connections alive in a small pool; every request has a connect and a
read timeout. The client never retries by itself: what to do with a `RETRYABLE` outcome (network
error, timeout, 5xx) is the engine's decision, with backoff. Nothing here raises for HTTP
statuses or network errors.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import requests
from requests.adapters import HTTPAdapter

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = (3.05, 30.0)  # (connect, read) seconds
REVOKE_TIMEOUT = (2.0, 3.0)  # signing out must not hold up closing the window
_NETWORK_ERRORS = (requests.RequestException,)  # connection, timeout, truncated reply…


class OutcomeKind(StrEnum):
    OK = "ok"  # created (201) or, for reads, 200
    REPLAY = "replay"  # the same key and bytes were already stored (200)
    CONFLICT = "conflict"  # 409: the back office holds something else under this key
    REJECTED = "rejected"  # 4xx the client cannot fix by retrying (422 with reasons, 413, 403…)
    UNAUTHORISED = "unauthorised"  # 401: the clerk must sign in again
    RETRYABLE = "retryable"  # network error, timeout or 5xx: try again later


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    status: int = 0  # 0 when no HTTP answer arrived
    body: dict[str, Any] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.kind in (OutcomeKind.OK, OutcomeKind.REPLAY)

    @property
    def message(self) -> str:
        return "；".join(self.reasons) or self.error or f"HTTP {self.status}"


class BackOfficeClient:
    def __init__(self, base_url: str, token: str | None = None, *, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 pool_size: int = 8, ca_file: str | None = None, pin_sha256: str | None = None) -> None:
        """`ca_file`: the hall's CA bundle (else the system's); `pin_sha256`: the server certificate's
        SHA-256 fingerprint, checked on every connection when given. Verification is never off."""
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.identity: dict[str, Any] = {}  # the sign-in answer: role, departments, hall…
        self.timeout = timeout
        self.session = requests.Session()
        # Given with every request: a session-wide setting loses to REQUESTS_CA_BUNDLE in the environment.
        self.verify: str | bool = ca_file or True
        adapter = _PinnedAdapter(pin_sha256, pool_connections=1, pool_maxsize=pool_size, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def sign_in(self, username: str, password: str) -> Outcome:
        """Sign in; after too many wrong passwords the outcome says in words how long to wait."""
        outcome = self._call("POST", "/auth/token", json_body={"username": username, "password": password})
        if outcome.ok:
            self.token = str(outcome.body.get("token", ""))
            self.identity = dict(outcome.body)
        if outcome.status == 429:
            return throttled_outcome(outcome)
        return outcome

    def health(self) -> Outcome:
        return self._call("GET", "/health")

    def revoke(self, timeout: tuple[float, float] = REVOKE_TIMEOUT) -> Outcome | None:
        """Sign out: give the token back (`POST /auth/revoke`), so that the back office ends the session
        and refuses the token from now on. The token is forgotten whatever the answer (offline it is
        simply dropped); None when there was none. Bounded by the short `timeout`, never retried."""
        token, self.token, self.identity = self.token, None, {}
        if not token:
            return None
        return self._call("POST", "/auth/revoke", json_body={"token": token}, timeout=timeout)

    def put_file(self, sha256: str, data: bytes) -> Outcome:
        return self._call("PUT", f"/files/{sha256}", data=data, content_type="application/octet-stream")

    def put_case(self, case_id: str, revision: int, payload: bytes) -> Outcome:
        return self._call("PUT", f"/cases/{case_id}/revisions/{revision}", data=payload,
                          content_type="application/json")

    def put_cases(self, items: Sequence[tuple[str, int, bytes]]) -> Outcome | list[Outcome]:
        """Many revisions (case id, revision, UTF-8 payload) in one request (`POST /submissions`).

        One outcome per item, in order, each as `put_case` would have had it; or the one outcome
        of a request that failed as a whole (network, 401, 5xx, a back office without the route:
        404/405).
        """
        body = {"items": [{"case_id": c, "revision": r, "body": payload.decode("utf-8")} for c, r, payload in items]}
        outcome = self._call("POST", "/submissions", data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                             content_type="application/json")
        results = outcome.body.get("results") if outcome.ok else None
        if not outcome.ok:
            return outcome
        if not isinstance(results, list) or len(results) != len(items):
            return Outcome(OutcomeKind.RETRYABLE, outcome.status, error="malformed answer to POST /submissions")
        return [_item_outcome(result) for result in results]

    def put_files(self, files: Sequence[tuple[str, bytes]]) -> Outcome | list[Outcome]:
        """Several files (sha256, bytes) in one request (`POST /files`, the bytes one after another).

        One outcome per file, in order, each as `put_file` would have had it; or the one outcome of
        a request that failed as a whole (as for `put_cases`).
        """
        listed = ",".join(f"{digest}:{len(data)}" for digest, data in files)
        outcome = self._call("POST", "/files", data=b"".join(data for _, data in files),
                             content_type="application/octet-stream", params={"files": listed})
        results = outcome.body.get("files") if outcome.ok else None
        if not outcome.ok:
            return outcome
        if not isinstance(results, list) or len(results) != len(files):
            return Outcome(OutcomeKind.RETRYABLE, outcome.status, error="malformed answer to POST /files")
        return [_item_outcome(result, "") for result in results]

    def post_event(self, case_id: str, route: str, payload: bytes) -> Outcome:
        """A case event's stored bytes, sent as they are (`POST /cases/{case_id}/{route}`): the back
        office compares them with what it holds under the event id inside."""
        return self._call("POST", f"/cases/{case_id}/{route}", data=payload, content_type="application/json")

    def changes(self, since: int, limit: int = 200) -> Outcome:
        return self._call("GET", "/changes", params={"since": since, "limit": limit})

    def request(self, method: str, path: str, *, json_body: Any = None,
                params: dict[str, Any] | None = None) -> Outcome:
        """Any JSON route of the API (the supervisor screen's queue, case, claim, decision…)."""
        return self._call(method, path, json_body=json_body, params=params)

    def download(self, path: str) -> tuple[Outcome, bytes]:
        """A route answering bytes (a scanned file): the outcome, and the body when it is OK."""
        try:
            response = self.session.get(self.base_url + API_PREFIX + path, headers=self._headers(None),
                                        timeout=self.timeout, verify=self.verify)
        except _NETWORK_ERRORS as error:
            return Outcome(OutcomeKind.RETRYABLE, error=_network_words(error)), b""
        if response.ok:
            return Outcome(OutcomeKind.OK, response.status_code), response.content
        return classify(response.status_code, _json(response)), b""

    def _headers(self, content_type: str | None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _call(self, method: str, path: str, *, data: bytes | None = None, json_body: Any = None,
              content_type: str | None = None, params: dict[str, Any] | None = None,
              timeout: tuple[float, float] | None = None) -> Outcome:
        headers = self._headers(content_type)
        try:
            response = self.session.request(method, self.base_url + API_PREFIX + path, data=data, json=json_body,
                                            params=params, headers=headers, timeout=timeout or self.timeout,
                                            verify=self.verify)
            body = _json(response)
        except _NETWORK_ERRORS as error:
            return Outcome(OutcomeKind.RETRYABLE, error=_network_words(error))
        return classify(response.status_code, body)


class _PinnedAdapter(HTTPAdapter):
    """An adapter whose HTTPS connections also check the server certificate's fingerprint."""

    def __init__(self, pin_sha256: str | None, **options: Any) -> None:
        self.pin = pin_sha256.replace(":", "").lower() if pin_sha256 else None
        super().__init__(**options)

    def init_poolmanager(self, *args: Any, **options: Any) -> None:
        if self.pin:
            options["assert_fingerprint"] = self.pin
        super().init_poolmanager(*args, **options)


def _network_words(error: Exception) -> str:
    """What went wrong on the way, with a certificate problem said as such (it will not heal by waiting)."""
    text = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, requests.exceptions.SSLError):
        return f"后台证书不受信任或指纹不符（请检查 ca_file / pin_sha256）：{text}"
    return text


def classify(status: int, body: dict[str, Any]) -> Outcome:
    """The outcome of an HTTP answer, by status (see docs/backoffice-api.md)."""
    if status == 201:
        return Outcome(OutcomeKind.OK, status, body)
    if status == 200:
        return Outcome(OutcomeKind.REPLAY, status, body)
    if 200 <= status < 300:
        return Outcome(OutcomeKind.OK, status, body)
    if status == 401:
        return Outcome(OutcomeKind.UNAUTHORISED, status, body, error=str(body.get("message", "")))
    if status == 409:
        return Outcome(OutcomeKind.CONFLICT, status, body, reasons=_reasons(body))
    if status >= 500 or status in (408, 429):
        return Outcome(OutcomeKind.RETRYABLE, status, body, error=str(body.get("message", f"HTTP {status}")))
    return Outcome(OutcomeKind.REJECTED, status, body, reasons=_reasons(body) or (f"HTTP {status}",))


def throttled_outcome(outcome: Outcome) -> Outcome:
    """A 429 to a sign-in: not to be retried by itself; the wait in words for the person signing in."""
    from clerk_app.core.throttle import wait_words

    details = outcome.body.get("details") or [{}]
    seconds = details[0].get("retry_after") if isinstance(details[0], dict) else None
    wait = f"请在 {wait_words(seconds)}后再试" if isinstance(seconds, int) and seconds > 0 else "请稍后再试"
    return Outcome(OutcomeKind.REJECTED, 429, outcome.body, error=f"后台账号密码错误次数过多，已暂停登录，{wait}")


def _item_outcome(result: Any, answer_key: str = "submission") -> Outcome:
    """One item of a `POST /submissions` or `POST /files` answer, classified like the answer to its own
    PUT: the item's answer under `answer_key` ("" for the item itself), or its error."""
    status = result.get("status") if isinstance(result, dict) else None
    if not isinstance(status, int) or status < 200:
        return Outcome(OutcomeKind.RETRYABLE, error="malformed item in a batch answer")
    body = (result.get(answer_key) if answer_key else result) if status in (200, 201) else result.get("error")
    return classify(status, body if isinstance(body, dict) else {})


def _reasons(body: dict[str, Any]) -> tuple[str, ...]:
    details = body.get("details") or []
    reasons = [d if isinstance(d, str) else json.dumps(d, ensure_ascii=False) for d in details]
    if not reasons and body.get("message"):
        reasons.append(str(body["message"]))
    return tuple(reasons)


def _json(response: requests.Response) -> dict[str, Any]:
    """The JSON object of a reply, {} for an empty or non-JSON body (a proxy's error page)."""
    if not response.content:
        return {}
    try:
        value = response.json()
    except ValueError:
        return {"message": response.text[:200]}
    return value if isinstance(value, dict) else {"value": value}
