"""The installers' parts that need no build: version, launcher, unit, sample files, Windows script.

Quick; they run in every session. The build and the installed package are test_installed.py's.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from clerk_app import __version__
from clerk_app.cli.main import build_parser
from clerk_app.config.settings import load_settings
from tests.dist.installed import env_file, unit_command

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def installer_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_version_everywhere() -> None:
    assert installer_module("build").version() == __version__
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "clerk_app.__version__"}


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"clerk-app {__version__}"


@pytest.mark.parametrize(("python", "debian"), [
    ("0.1.0", "0.1.0"), ("1.2.0rc1", "1.2.0~rc1"), ("2.0b3", "2.0~b3"), ("1.0.dev4", "1.0~dev4"),
    ("1.0.post1", "1.0.post1"),
])
def test_debian_version_sorts_pre_releases_first(python: str, debian: str) -> None:
    assert installer_module("debian_package").debian_version(python) == debian


def test_frozen_launcher_arguments() -> None:
    launcher = installer_module("launcher")
    # the embedded back office re-runs sys.executable as `-m clerk_app backoffice serve …`
    assert launcher.arguments(["-m", "clerk_app", "backoffice", "serve"]) == ["backoffice", "serve"]
    assert launcher.arguments(["selftest", "-m", "clerk_app"]) == ["selftest", "-m", "clerk_app"]


def test_hall_wide_configuration_unless_the_user_has_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launcher = installer_module("launcher")
    system = tmp_path / "etc" / "clerk_app.toml"
    system.parent.mkdir()
    system.write_text('[hall]\ncode = "TS01"\n', encoding="utf-8")
    monkeypatch.setattr(launcher, "system_config", lambda: system)
    monkeypatch.setenv("CLERK_APP_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("CLERK_APP_CONFIG", raising=False)
    launcher.use_system_config()
    assert load_settings().hall.code == "TS01"

    monkeypatch.delenv("CLERK_APP_CONFIG")
    own = tmp_path / "data" / "clerk_app.toml"
    own.parent.mkdir()
    own.write_text('[hall]\ncode = "OWN1"\n', encoding="utf-8")
    launcher.use_system_config()
    assert load_settings().hall.code == "OWN1"


def test_example_configuration_is_valid() -> None:
    settings = load_settings(INSTALLER / "clerk_app.toml.example")
    assert (settings.hall.code, settings.hall.window_code) == ("BT01", "W07")
    assert settings.demo is False and settings.backoffice.url.startswith("https://")


def backoffice_args(env: dict[str, str]) -> object:
    command = unit_command(INSTALLER / "linux" / "clerk-app-backoffice@.service", "8701", env)
    assert command[0] == "/usr/bin/clerk-app"
    return build_parser().parse_args(command[1:])


def test_unit_command_as_shipped() -> None:
    args = backoffice_args(env_file(INSTALLER / "linux" / "backoffice.env"))
    assert args.command == "backoffice" and args.backoffice_command == "serve"
    assert args.port == 8701 and args.host == "127.0.0.1"
    assert args.db == "sqlite:////var/lib/clerk_app/backoffice/backoffice.sqlite3"
    assert str(args.data_dir) == "/var/lib/clerk_app/backoffice" and args.tls_cert is None


def test_unit_command_with_postgresql_tls_and_workers() -> None:
    env = env_file(INSTALLER / "linux" / "backoffice.env")
    env.update(DATABASE_URL="postgresql://clerk@db.hall.example:5432/clerk_backoffice", HOST="0.0.0.0",
               TLS_ARGS="--tls-cert /etc/clerk_app/tls/b.crt --tls-key /etc/clerk_app/tls/b.key",
               EXTRA_ARGS="--workers 2", DEPARTMENTS="gaj,scjg")
    args = backoffice_args(env)
    assert args.db.startswith("postgresql://") and args.workers == 2 and args.departments == "gaj,scjg"
    assert str(args.tls_cert) == "/etc/clerk_app/tls/b.crt" and str(args.tls_key) == "/etc/clerk_app/tls/b.key"


def test_sample_settings_name_every_variable_the_unit_uses() -> None:
    unit = (INSTALLER / "linux" / "clerk-app-backoffice@.service").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{?(\w+)\}?", unit.split("ExecStart=", 1)[1].splitlines()[0]))
    assert used <= set(env_file(INSTALLER / "linux" / "backoffice.env"))
    assert "ReadWritePaths=/var/lib/clerk_app/backoffice" in unit


def test_maintainer_scripts_keep_user_data() -> None:
    for name in ("postinst", "prerm", "postrm"):
        text = (INSTALLER / "linux" / name).read_text(encoding="utf-8")
        assert text.startswith("#!/bin/sh\n") and "set -e" in text
        assert ".local/share" not in text.replace("(~/.local/share/clerk_app)", "")
        assert "rm -rf" not in text


def test_windows_installer_matches_the_spec() -> None:
    raw = (INSTALLER / "windows" / "clerk-app.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Inno Setup reads the Chinese names right
    script = raw.decode("utf-8-sig")
    spec = (INSTALLER / "clerk_app.spec").read_text(encoding="utf-8")
    assert 'name="clerk-app-gui"' in spec and '#define AppExe "clerk-app-gui.exe"' in script
    assert 'COLLECT(' in spec and 'name="clerk-app")' in spec and r'DistDir "..\..\dist\clerk-app"' in script
    assert "PrivilegesRequired=admin" in script and r"DefaultDirName={autopf}\clerk-app" in script
    assert "{autoprograms}" in script and "{localappdata}" not in script and "{userappdata}" not in script
    assert r"{commonappdata}\clerk_app" in script  # where launcher.system_config() looks on Windows
    assert r'"clerk_app" / "clerk_app.toml"' in (INSTALLER / "launcher.py").read_text(encoding="utf-8")


def test_a_revision_packages_the_same_build_as_a_newer_version() -> None:
    debian_package = installer_module("debian_package")
    assert debian_package.package_version("0.1.0") == "0.1.0"
    assert debian_package.package_version("0.1.0", "2") == "0.1.0-2"
    assert debian_package.package_version("1.2.0rc1", "1") == "1.2.0~rc1-1"
    with pytest.raises(SystemExit, match="revision '-2'"):
        debian_package.package_version("0.1.0", "-2")
