"""Every route of the OpenAPI document: 401 without a token, 403 for a role it does not admit."""

from __future__ import annotations

import re

from tests.backoffice.conftest import USERS, Api
from tests.backoffice.sample import body, case, path

SAMPLE_PATH_VALUES = {"case_id": "01JXXXXXXXXXXXXXXXXXXXXXXX", "revision": "1", "sha256": "0" * 64,
                      "username": "clerk", "follow_up_id": "1"}


def routes(api: Api) -> list[tuple[str, str, list[str]]]:
    found = []
    for route, methods in api.client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        for method, operation in methods.items():
            concrete = re.sub(r"\{(\w+)\}", lambda m: SAMPLE_PATH_VALUES[m.group(1)], route)
            found.append((method.upper(), concrete.removeprefix("/api/v1"), operation["x-roles"]))
    return found


def test_every_route_needs_a_token_and_the_right_role(api: Api) -> None:
    checked = 0
    for method, route, roles in routes(api):
        if not roles:
            continue  # sign-in and health are public
        assert api.call(method, route).status_code == 401, (method, route)
        bad = api.call(method, route, headers={"Authorization": "Bearer not-a-token"})
        assert bad.status_code == 401 and bad.json()["error"] == "unauthorized", (method, route)
        outsiders = [u for u, (role, _, _) in USERS.items() if role not in roles]
        assert outsiders, f"{method} {route} admits every role"
        answer = api.call(method, route, outsiders[0], json={})
        assert answer.status_code == 403, (method, route, answer.text)
        checked += 1
    assert checked >= 12


def test_supervisor_of_another_department_cannot_see_the_case(api: Api) -> None:
    c = case(departments=("公安局",))
    api.call("PUT", path(c), "clerk", content=body(c))
    for method, route in [("GET", f"/cases/{c.id}"), ("POST", f"/cases/{c.id}/claim")]:
        assert api.call(method, route, "sup_health").status_code in (403, 404)
    assert api.call("GET", "/queue?department=公安局", "sup_health").status_code == 403
    assert api.call("GET", f"/cases/{c.id}", "sup_police").status_code == 200


def test_wrong_password_and_disabled_account(api: Api) -> None:
    wrong = api.call("POST", "/auth/token", json={"username": "clerk", "password": "nope nope"})
    assert wrong.status_code == 401
    unknown = api.call("POST", "/auth/token", json={"username": "ghost", "password": "nope nope"})
    assert unknown.status_code == 401
    api.sign_in("clerk")
    assert api.call("POST", "/accounts/clerk/disable", "admin").json()["disabled"] is True
    assert api.call("GET", "/changes", "clerk").status_code == 401
    added = api.call("POST", "/accounts", "admin", json={"username": "new", "password": "long enough",
                                                         "role": "supervisor", "departments": ["公安局"]})
    assert added.status_code == 201
    assert api.call("POST", "/accounts", "admin", json={"username": "new", "password": "long enough",
                                                        "role": "supervisor", "departments": ["x"]}).status_code == 409
    assert "new" in [a["username"] for a in api.call("GET", "/accounts", "admin").json()]
