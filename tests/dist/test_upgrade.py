"""An upgrade of the installed package keeps every user's data, the settings and the service account.

Version A (`make dist`) is installed and used as a hall would: a user whose HOME lasts the whole
test runs the installed `clerk-app selftest --data` on their own data folder, which leaves an
accepted case in the encrypted database (its key in the user's configuration folder); the hall's
IT changes backoffice.env, adds an account to the back office as the service account, and starts
it with the unit's own command line. Version B, the same build packaged again as VERSION-2
(conftest.py), is installed over it with apt: dpkg's upgrade path (old prerm `upgrade NEW`, old
postrm `upgrade NEW`, new postinst `configure OLD`), with a systemd stand-in that records what the
maintainer scripts ask of systemd (installed.SystemdStandIn; no systemd runs here).

After it, the new install reads the old case (its selftest lists it and numbers its own case after
it), `clerk-app audit verify` finds the chain intact, and the user's settings and key, the changed
backoffice.env, the service account and the back office's database and signing key are all as
they were. A reinstall after the hall's IT deleted backoffice.env configures without it; removal
and purge then go as in test_installed.py.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import requests

from tests.backoffice.pg import free_port
from tests.dist import installed
from tests.dist.conftest import Built, Newer
from tests.dist.test_installed import LAUNCHER, UNIT, check_unit_syntax
from tests.support import require_program, unavailable

pytestmark = [pytest.mark.dist, pytest.mark.timeout(2400)]

SERVICE_USER = "clerk-backoffice"
SETTINGS = installed.ETC / "backoffice.env"
USER_SETTINGS = """[hall]
code = "UP01"
name = "升级测试政务服务中心"
window_code = "W02"
query_url = "https://zwfw.test.example/query"

[workstation]
demo = true
"""
RUNNING = ["clerk-app-backoffice@8701.service", "clerk-app-backoffice@8702.service"]
LIST_RUNNING = "list-units --plain --no-legend --state=running clerk-app-backoffice@*.service"
STOP_ALL = "stop clerk-app-backoffice@*.service"
ADMIN, PASSWORD = "hallit", "upgrade-test-passphrase-2026"


@pytest.fixture
def machine(built: Built):
    if os.geteuid() != 0:
        unavailable("installing the .deb needs root (make test runs as root in CI)")
    require_program("apt-get")
    require_program("unshare")
    with installed.clean_machine():
        yield


def test_upgrade_keeps_data_settings_account_and_unit(machine: None, built: Built, newer: Newer,
                                                       tmp_path: Path) -> None:
    installed.apt("install", str(built.deb))
    old = installed.check_version_and_owned_files(LAUNCHER)
    new = deb_version(newer.deb)
    assert subprocess.run(["dpkg", "--compare-versions", old, "lt", new], check=False).returncode == 0, (old, new)

    home = tmp_path / "home"  # one user for the whole test: data and key persist across the upgrade
    data = home / "data" / "clerk_app"
    data.mkdir(parents=True)
    (data / "clerk_app.toml").write_text(USER_SETTINGS, encoding="utf-8")
    kept, first = selftest_keeping(home, data)
    assert kept == []
    entries = audit_verify(home)
    kept_as_is = (data / "clerk_app.toml", home / "config" / "clerk_app" / "enrolment.key")
    user_files = {path: path.read_bytes() for path in kept_as_is}
    hall_settings = SETTINGS.read_text(encoding="utf-8").replace("\nDEPARTMENTS=\n", "\nDEPARTMENTS=scjg\n")
    SETTINGS.write_text(hall_settings, encoding="utf-8")  # the hall's IT changed the conffile
    add_backoffice_account()
    signing_key = backoffice_signs_in()
    account = passwd_entry()

    systemd = installed.SystemdStandIn(tmp_path / "systemd", RUNNING)
    output = systemd.apt("install", str(newer.deb))
    assert f"Unpacking {installed.PACKAGE} ({new}) over ({old})" in output, output[-3000:]
    assert installed.check_version_and_owned_files(LAUNCHER) == new
    assert systemd.calls() == [
        (f"prerm upgrade {new}", LIST_RUNNING), (f"prerm upgrade {new}", STOP_ALL),  # before dpkg unpacks B
        (f"postinst configure {old}", "daemon-reload"), (f"postinst configure {old}", LIST_RUNNING),
        *[(f"postinst configure {old}", f"start {unit}") for unit in RUNNING],  # the ones prerm stopped
    ]  # postrm upgrade: nothing
    assert systemd.running() == RUNNING and systemd.left_in_run() == []

    assert {path: path.read_bytes() for path in user_files} == user_files
    assert SETTINGS.read_text(encoding="utf-8") == hall_settings
    stat = SETTINGS.stat()
    assert (stat.st_uid, oct(stat.st_mode & 0o777)) == (0, "0o640") and stat.st_gid == int(account.split(":")[3])
    assert passwd_entry() == account
    kept, second = selftest_keeping(home, data)
    assert kept == [f"{first} accepted"]  # read in full by the new install
    assert second == f"{first[:-4]}{int(first[-4:]) + 1:04d}"  # numbered after the stored case
    assert audit_verify(home) > entries
    assert backoffice_signs_in() == signing_key  # the same database, account and key
    check_unit_syntax()
    user_data = installed.files_under(data)

    SETTINGS.unlink()  # the hall's IT deleted it: dpkg does not bring a deleted conffile back
    systemd.apt("install", "--reinstall", str(newer.deb))
    assert systemd.calls() == [
        (f"prerm upgrade {new}", LIST_RUNNING), (f"prerm upgrade {new}", STOP_ALL),
        (f"postinst configure {new}", "daemon-reload"), (f"postinst configure {new}", LIST_RUNNING),
        *[(f"postinst configure {new}", f"start {unit}") for unit in RUNNING],
    ]
    assert installed.package_status() == "install ok installed" and not SETTINGS.exists()

    systemd.apt("remove", installed.PACKAGE)
    assert systemd.calls() == [("prerm remove", LIST_RUNNING), ("prerm remove", STOP_ALL),
                               ("postrm remove", "daemon-reload")]
    assert systemd.running() == [] and systemd.left_in_run() == []
    assert installed.package_status() == "deinstall ok config-files"
    systemd.apt("purge", installed.PACKAGE)
    assert systemd.calls() == [("postrm purge", "daemon-reload")]
    assert installed.package_status() == "" and not SETTINGS.exists()
    assert installed.files_under(data) == user_data  # neither removal touches a user's data
    assert (installed.SERVICE_DATA / "backoffice.sqlite3").is_file()  # nor the back office's
    assert passwd_entry() == account


def deb_version(deb: Path) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def selftest_keeping(home: Path, data: Path) -> tuple[list[str], str]:
    """The installed selftest on the user's own folder: (the cases it found there, the number of the one it added)."""
    done = subprocess.run([str(LAUNCHER), "selftest", "--data", str(data)], env=installed.user_env(home),
                          capture_output=True, text=True, timeout=240, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert f"from {data / 'clerk_app.toml'}; data kept in {data}" in output
    kept = re.search(r"^ok kept: \d+ cases? in (\S+)(?:: (.*))?$", output, re.MULTILINE)
    assert kept and kept[1] == str(data / "workstation.sqlite3"), output
    number = re.search(r"^ok accept: (UP01-W02-\d{8}-\d{4}) accepted$", output, re.MULTILINE)
    assert number, output
    return (kept[2].split(", ") if kept[2] else []), number[1]


def audit_verify(home: Path) -> int:
    """`clerk-app audit verify` of the user's database (the configured one): the number of entries."""
    done = subprocess.run([str(LAUNCHER), "audit", "verify"], env=installed.user_env(home), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == "", done.stdout + done.stderr
    counted = re.fullmatch(r"(\d+) entries, chain intact, sealed head #(\d+) .* reached\n", done.stdout)
    assert counted and counted[1] == counted[2], done.stdout
    return int(counted[1])


def passwd_entry() -> str:
    return subprocess.run(["getent", "passwd", SERVICE_USER], capture_output=True, text=True, check=True).stdout


# How systemd starts the unit's process: as the service account, no other groups, UMask=0027.
AS_SERVICE = {"user": SERVICE_USER, "group": SERVICE_USER, "extra_groups": [], "umask": 0o027,
              "cwd": str(installed.SERVICE_DATA)}


def service_env() -> dict[str, str]:
    """The environment systemd gives it: the account's home and names, the settings file's variables."""
    return {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "HOME": str(installed.SERVICE_DATA),
            "USER": SERVICE_USER, "LOGNAME": SERVICE_USER, **installed.env_file(SETTINGS)}


def add_backoffice_account() -> None:
    """As installer/README.md says: `clerk-app backoffice account add` as the service account."""
    env = service_env()
    command = [str(LAUNCHER), "backoffice", "account", "add", ADMIN, "--role", "admin", "--password-stdin",
               "--db", env["DATABASE_URL"], "--data-dir", env["DATA_DIR"]]
    done = subprocess.run(command, input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=120,
                          check=False, **AS_SERVICE)
    assert done.returncode == 0 and done.stdout.strip() == f"account {ADMIN} added (admin)", done.stdout + done.stderr


def backoffice_signs_in() -> bytes:
    """The unit's command as systemd runs it, on the shipped settings; the hall's admin signs in.
    Returns the audit signing key it uses."""
    port, env = str(free_port()), service_env()
    command = installed.unit_command(UNIT, port, env)
    assert "--departments" in command and command[command.index("--departments") + 1] == "scjg"
    with installed.serving(command, port, env, **AS_SERVICE) as api:
        token = requests.post(f"{api}/auth/token", json={"username": ADMIN, "password": PASSWORD}, timeout=30)
        assert token.status_code == 200 and token.json()["role"] == "admin", token.text
    key = installed.SERVICE_DATA / "audit-signing-key.pem"
    assert key.stat().st_uid == int(passwd_entry().split(":")[2])  # written by the service account
    return key.read_bytes()
