"""TLS to the back office: verified against the hall's CA, refused for an untrusted certificate, pinning optional.

A throwaway CA and a server certificate for 127.0.0.1 are made with openssl; the real service runs
with them (`clerk-app backoffice serve --tls-cert --tls-key`).
"""

from __future__ import annotations

import hashlib
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from clerk_app.cli.embedded import free_port
from clerk_app.config.settings import SettingsError, load_settings
from clerk_app.sync.client import BackOfficeClient, OutcomeKind
from tests.support import require_program


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run([require_program("openssl"), *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tls")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Test Hall CA", cwd=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "san.ext", cwd=folder)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.pem",
            "-days", "2", "-subj", "/CN=Someone Else CA", cwd=folder)
    return folder


@pytest.fixture(scope="module")
def service(certificates: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data, port = tmp_path_factory.mktemp("tls-service"), free_port(0)
    process = subprocess.Popen(
        [sys.executable, "-m", "clerk_app", "backoffice", "serve", "--db", f"sqlite:///{data / 'bo.sqlite3'}",
         "--data-dir", str(data), "--port", str(port), "--tls-cert", str(certificates / "server.pem"),
         "--tls-key", str(certificates / "server.key")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/api/v1/health", verify=str(certificates / "ca.pem"), timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


def fingerprint(pem: Path) -> str:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.read_text())).hexdigest()


def test_the_halls_ca_is_trusted(service: str, certificates: Path) -> None:
    client = BackOfficeClient(service, ca_file=str(certificates / "ca.pem"))
    assert client.health().ok


def test_an_untrusted_certificate_is_refused(service: str, certificates: Path) -> None:
    for client in (BackOfficeClient(service), BackOfficeClient(service, ca_file=str(certificates / "other.pem"))):
        outcome = client.health()
        assert outcome.kind is OutcomeKind.RETRYABLE and "证书不受信任" in outcome.error


def test_pinning(service: str, certificates: Path) -> None:
    right = fingerprint(certificates / "server.pem")
    assert BackOfficeClient(service, ca_file=str(certificates / "ca.pem"), pin_sha256=right).health().ok
    wrong = fingerprint(certificates / "other.pem")
    outcome = BackOfficeClient(service, ca_file=str(certificates / "ca.pem"), pin_sha256=wrong).health()
    assert not outcome.ok and "指纹" in outcome.error


def test_plain_http_only_on_this_machine(tmp_path: Path) -> None:
    config = tmp_path / "clerk_app.toml"
    config.write_text('[backoffice]\nurl = "http://backoffice.hall.example/"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="use https://"):
        load_settings(config)
    config.write_text('[backoffice]\nurl = "http://127.0.0.1:8700/"\n', encoding="utf-8")
    assert load_settings(config).backoffice.url == "http://127.0.0.1:8700/"
    config.write_text('[backoffice]\nurl = "https://bo.example/"\npin_sha256 = "abc"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="64 hexadecimal"):
        load_settings(config)
