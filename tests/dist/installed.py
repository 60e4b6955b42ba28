"""Helpers of test_installed.py: apt on this machine, a user of the installed app, the unit's command."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shlex
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "clerk-app"
LOCK = Path("/tmp/clerk-app-dist-test.lock")  # two test sessions on one machine install one after the other
APT = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=600"]


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
