"""Helpers of test_installed.py and test_upgrade.py: apt on this machine (also with a systemd
stand-in), a user of the installed app, the unit's command, what the package owns."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGE = "clerk-app"
LOCK = Path("/tmp/clerk-app-dist-test.lock")  # two test sessions on one machine install one after the other
APT = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=600"]
ETC = Path("/etc/clerk_app")
SERVICE_DATA = Path("/var/lib/clerk_app/backoffice")
# Where the package may put files: nothing under /home, /root, /var/lib (the data folders) or /run.
PACKAGE_PLACES = ("/opt/clerk-app/", "/usr/bin/clerk-app", "/usr/share/applications/clerk-app.desktop",
                  "/usr/share/doc/clerk-app/", "/lib/systemd/system/clerk-app-backoffice@.service",
                  "/etc/clerk_app/backoffice.env")
ICON = re.compile(r"/usr/share/icons/hicolor/(\d+x\d+|scalable)/apps/clerk-app\.(png|svg)")


@contextlib.contextmanager
def machine_lock() -> Iterator[None]:
    with LOCK.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def apt(*args: str) -> str:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run([*APT, *args], capture_output=True, text=True, env=env, timeout=900, check=False)
    assert done.returncode == 0, f"apt-get {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


@contextlib.contextmanager
def clean_machine() -> Iterator[None]:
    """This machine without the package before and after the test (purged), holding the machine lock.

    Refuses a machine where a hall's configuration or a back office's data would be changed; what
    the test's back office writes to /var/lib/clerk_app is removed after it, when that was not there.
    """
    with machine_lock():
        hall_config = ETC / "clerk_app.toml"
        assert not hall_config.exists(), f"{hall_config} exists already: this test would change a hall's setting"
        assert not files_under(SERVICE_DATA), f"{SERVICE_DATA} holds a back office's data: this test would change it"
        etc_was_there, var_was_there = ETC.exists(), SERVICE_DATA.parent.exists()
        try:
            purge_if_installed()
            yield
        finally:
            hall_config.unlink(missing_ok=True)
            purge_if_installed()
            if not var_was_there:
                shutil.rmtree(SERVICE_DATA.parent, ignore_errors=True)
            if not etc_was_there and ETC.is_dir() and not any(ETC.iterdir()):
                ETC.rmdir()


def package_version() -> str:
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", PACKAGE], capture_output=True, text=True,
                          check=True).stdout


def check_version_and_owned_files(launcher: Path) -> str:
    """`clerk-app --version` is the package's version (without a Debian revision); the package owns
    files only in its own places, none in a home or data folder. Returns the package's version."""
    from tests.dist.test_packaging import installer_module

    version = package_version()
    done = subprocess.run([str(launcher), "--version"], env=user_env(Path("/nonexistent")), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.startswith("clerk-app "), done.stdout + done.stderr
    program = installer_module("debian_package").debian_version(done.stdout.split()[1])
    assert version == program or version.startswith(f"{program}-"), f"package {version}, program {done.stdout}"
    listed = subprocess.run(["dpkg", "-L", PACKAGE], capture_output=True, text=True, check=True).stdout.splitlines()
    files = [path for path in listed if not Path(path).is_dir()]
    assert len(files) > 100, listed[:20]
    strays = [path for path in files if not path.startswith(PACKAGE_PLACES) and not ICON.fullmatch(path)]
    assert not strays, f"the package owns files outside its places: {strays[:10]}"
    assert not [path for path in listed if path.startswith(("/home", "/root", "/var/lib/clerk_app", "/run"))]
    return version


def package_status() -> str:
    """dpkg's status of the package: 'install ok installed', 'deinstall ok config-files', or ''."""
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", PACKAGE], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def purge_if_installed() -> None:
    if package_status():
        apt("purge", PACKAGE)


def user_env(home: Path, platform: str = "offscreen") -> dict[str, str]:
    """A fresh user: own HOME and XDG folders, none of the test session's clerk_app or Python settings."""
    dropped = ("CLERK_APP_", "PYTHON", "QT_", "LD_LIBRARY_PATH", "XDG_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM=platform, LANG="C.UTF-8")
    return env


def wait_for_text(path: Path, text: str, timeout: float = 30) -> None:
    """Until `path` holds `text` (a log line a stopping process writes last)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and text in path.read_text(encoding="utf-8"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{path} has no {text!r} after {timeout} s")


@contextlib.contextmanager
def serving(command: list[str], port: str, env: dict[str, str], **popen: Any) -> Iterator[str]:
    """The back office started with `command` until its health answers; yields its API's address.
    Stops it after (SIGTERM) and checks it printed no traceback."""
    import requests

    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True, **popen)
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        answer = None
        deadline = time.monotonic() + 60
        while answer is None and process.poll() is None and time.monotonic() < deadline:
            try:
                answer = requests.get(f"{api}/health", timeout=1)
            except requests.ConnectionError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, process.stdout.read() if process.poll() else ""
        assert answer.json()["status"] == "ok"
        yield api
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0]
    assert "Traceback" not in output, output[-3000:]


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")) if folder.exists() else []


def env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of a systemd EnvironmentFile (comments and blank lines skipped)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = " ".join(shlex.split(value))
    return values


def unit_command(unit: Path, instance: str, env: dict[str, str]) -> list[str]:
    """ExecStart of a unit as systemd expands it: %i, ${VAR} as one word, $VAR split on spaces."""
    text = unit.read_text(encoding="utf-8")
    values: dict[str, str] = {}
    for line in re.findall(r"^Environment=(.*)$", text, re.MULTILINE):
        values.update(pair.split("=", 1) for pair in shlex.split(line))
    values.update(env)
    match = re.search(r"^ExecStart=(.*)$", text, re.MULTILINE)
    assert match, f"{unit} has no ExecStart"
    words: list[str] = []
    for word in shlex.split(match[1].replace("%i", instance)):
        whole = re.fullmatch(r"\$\{(\w+)\}", word)
        split = re.fullmatch(r"\$(\w+)", word)
        if whole:
            words.append(values.get(whole[1], ""))
        elif split:
            words.extend(values.get(split[1], "").split())
        else:
            words.append(word)
    return words


# No systemd runs here (PID 1 is not systemd), so the maintainer scripts skip their systemctl calls.
# To see those calls with the arguments dpkg really passes, apt runs in a mount namespace whose /run
# is a fresh tmpfs holding /run/systemd/system (the scripts' test for "systemd runs"), with this
# stand-in first on PATH: it logs which maintainer script (and its arguments) called it with what,
# and keeps the "running" instances in a file.
SYSTEMCTL_STANDIN = """#!/bin/sh
script=$(tr '\\000' ' ' < /proc/$PPID/cmdline)
echo "${script% } -> $*" >> "$STANDIN/calls"
case "$1" in
list-units) sed 's/$/ loaded active running clerk-app back office/' "$STANDIN/running" ;;
stop) : > "$STANDIN/running" ;;
start) echo "$2" >> "$STANDIN/running" ;;
esac
exit 0
"""
IN_NAMESPACE = ('mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/system && "$@"; status=$?; '
                'ls -A /run > "$STANDIN/run-after"; exit $status')


class SystemdStandIn:
    def __init__(self, folder: Path, running: list[str]) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        (folder / "systemctl").write_text(SYSTEMCTL_STANDIN, encoding="utf-8")
        (folder / "systemctl").chmod(0o755)
        (folder / "running").write_text("".join(f"{unit}\n" for unit in running), encoding="utf-8")

    def apt(self, *args: str) -> str:
        """apt-get as `apt` runs it, with systemd "running"; the calls log starts afresh."""
        (self.folder / "calls").write_text("", encoding="utf-8")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "STANDIN": str(self.folder)}
        path = f"DPkg::Path={self.folder}:/usr/sbin:/usr/bin:/sbin:/bin"  # apt sets the scripts' PATH
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", IN_NAMESPACE, "sh", *APT,
                   "-o", path, *args]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, check=False)
        assert done.returncode == 0, f"apt-get {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout + done.stderr

    def calls(self) -> list[tuple[str, str]]:
        """(maintainer script and its arguments, systemctl's arguments) for this package's scripts."""
        found = []
        for line in (self.folder / "calls").read_text(encoding="utf-8").splitlines():
            script, _, args = line.partition(" -> ")
            match = re.search(rf"/{re.escape(PACKAGE)}\.(\w+)((?: \S+)*)$", script)
            if match:
                found.append((match[1] + match[2], args))
        return found

    def running(self) -> list[str]:
        return (self.folder / "running").read_text(encoding="utf-8").split()

    def left_in_run(self) -> list[str]:
        """What the scripts left in the namespace's /run after apt (besides systemd/)."""
        return [name for name in (self.folder / "run-after").read_text(encoding="utf-8").split() if name != "systemd"]
