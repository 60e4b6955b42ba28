"""The .deb of `make dist` installed on this machine, used as a hall would, and removed again.

Installs with apt (root), runs the INSTALLED `clerk-app` as a fresh user (temporary HOME and XDG
folders) offscreen and under Xvfb: its self-check opens the workstation, reads the simulated ID
card, accepts a case and prints the receipt, which is read back with pdftotext and zxing. The
back office starts from the systemd unit's own command line. `apt-get remove` keeps settings and
every user's data; `purge` removes the rest of what the package put there, and nothing more.
The Xvfb run's window and the receipt it printed (rendered by pdftoppm) are saved to
docs/screenshots for people to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from clerk_app import __version__
from tests.backoffice.pg import free_port
from tests.dist import installed
from tests.dist.conftest import Built
from tests.documents.pdfs import pdf_pages, pdf_text, read_codes, render_page, squeeze
from tests.support import require_program, unavailable

pytestmark = [pytest.mark.dist, pytest.mark.timeout(2400)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshots" / "30-installed-workstation.png"
RECEIPT_PAGE = ROOT / "docs" / "screenshots" / "documents" / "installed-受理通知书-1.png"
OPT = Path("/opt/clerk-app")
LAUNCHER = Path("/usr/bin/clerk-app")
UNIT = Path("/lib/systemd/system/clerk-app-backoffice@.service")
ETC = Path("/etc/clerk_app")
DESKTOP = Path("/usr/share/applications/clerk-app.desktop")
HALL_CONFIG = """[hall]
code = "TS01"
name = "测试政务服务中心"
window_code = "W99"
query_url = "https://zwfw.test.example/query"
"""


def run(args: list[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture
def installed_package(built: Built):
    if os.geteuid() != 0:
        unavailable("installing the .deb needs root (make test runs as root in CI)")
    require_program("apt-get")
    with installed.clean_machine():
        installed.apt("install", str(built.deb))
        yield built


def test_deb_installs_runs_and_uninstalls(installed_package: Built, tmp_path: Path) -> None:
    check_installed_files()
    home = tmp_path / "home"
    data = start_the_workstation(home)
    (ETC / "clerk_app.toml").write_text(HALL_CONFIG, encoding="utf-8")  # the hall-wide configuration
    check_selftest(home, tmp_path / "offscreen", platform="offscreen")
    check_selftest(home, tmp_path / "xcb", platform="xcb")
    check_backoffice_unit(tmp_path / "backoffice")

    check_unit_syntax()

    installed.apt("remove", installed.PACKAGE)
    assert installed.package_status() == "deinstall ok config-files"
    assert not OPT.exists(), f"left in {OPT}: {installed.files_under(OPT)[:10]}"
    assert not LAUNCHER.exists() and not DESKTOP.exists() and not UNIT.exists()
    assert (ETC / "backoffice.env").is_file()  # settings stay until purge
    assert data == installed.files_under(home / "data" / "clerk_app")  # the user's data is kept

    installed.apt("purge", installed.PACKAGE)
    assert installed.package_status() == ""
    assert not (ETC / "backoffice.env").exists()
    assert (ETC / "clerk_app.toml").read_text(encoding="utf-8") == HALL_CONFIG  # the hall's own file stays
    assert data == installed.files_under(home / "data" / "clerk_app")


def check_installed_files() -> None:
    assert installed.package_status() == "install ok installed"
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", installed.PACKAGE],
                             capture_output=True, text=True, check=True).stdout
    assert version == __version__
    assert (OPT / "clerk-app").is_file() and os.access(LAUNCHER, os.X_OK)
    assert DESKTOP.is_file() and "Exec=clerk-app" in DESKTOP.read_text(encoding="utf-8")
    assert Path("/usr/share/icons/hicolor/scalable/apps/clerk-app.svg").is_file()
    assert UNIT.is_file()
    env = ETC / "backoffice.env"
    assert oct(env.stat().st_mode & 0o777) == "0o640"
    assert subprocess.run(["getent", "passwd", "clerk-backoffice"], capture_output=True, check=False).returncode == 0
    done = run([str(LAUNCHER), "--version"], installed.user_env(Path("/nonexistent")))
    assert done.returncode == 0 and done.stdout.strip() == f"clerk-app {__version__}", done.stderr
    assert installed.check_version_and_owned_files(LAUNCHER) == version


def start_the_workstation(home: Path) -> list[Path]:
    """The installed app as `make run` starts it: it comes up, opens its data, waits at sign-in, and its
    embedded back office (the frozen executable started again as `-m clerk_app backoffice serve`) serves."""
    env = installed.user_env(home)
    data = home / "data" / "clerk_app"
    service_log = data / "backoffice" / "service.log"
    process = subprocess.Popen([str(LAUNCHER), "--embedded-backoffice"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def up() -> bool:
        serving = service_log.is_file() and "Uvicorn running on" in service_log.read_text(encoding="utf-8")
        return (data / "workstation.sqlite3").exists() and serving

    try:
        deadline = time.monotonic() + 90
        while not up() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        assert process.poll() is None, f"the workstation stopped ({process.returncode}): {process.stdout.read()}"
        assert (data / "workstation.sqlite3").is_file(), "the workstation opened no database in the user's data folder"
        assert up(), service_log.read_text(encoding="utf-8") if service_log.is_file() else "no back-office log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0]
        if service_log.is_file():  # the back office's files are final before they are listed
            installed.wait_for_text(service_log, "Finished server process")
    assert "Traceback" not in output, output[-3000:]
    assert not any(OPT in path.parents for path in installed.files_under(home))
    return installed.files_under(data)


def check_selftest(home: Path, out: Path, platform: str) -> None:
    """`clerk-app selftest` of the installed app: the real intake, accept and print path."""
    out.mkdir()
    receipt, printed = out / "receipt.pdf", out / "printed.pdf"
    command = [str(LAUNCHER), "selftest", "--receipt", str(receipt), "--printed", str(printed),
               "--screenshot", str(out / "window.png")]
    if platform == "xcb":
        command = [require_program("xvfb-run"), "-a", "-s", "-screen 0 1440x900x24", *command]
    done = run(command, installed.user_env(home, platform))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert "(frozen build) at /opt/clerk-app/clerk-app" in output
    assert "hall TS01 window W99 from /etc/clerk_app/clerk_app.toml" in output
    fonts = re.search(r"^ok fonts: screen (\S+); documents (.+)$", output, re.MULTILINE)
    assert fonts, output
    assert fonts[1] == str(OPT / "_internal/clerk_app/resources/fonts/WenQuanYi-ZenHei.ttc")
    assert fonts[2].startswith("WenQuanYi-ZenHei.ttc, hanaminb.ttf")  # the bundled faces come first
    assert f"({platform} platform)" in output
    number = re.search(r"^ok accept: (TS01-W99-\d{8}-\d{4}) accepted$", output, re.MULTILINE)
    assert number, output
    text = squeeze(pdf_text(receipt))
    assert "受理通知书" in text and "王𠀀" in text and number[1] in text and "〔U+" not in text
    page = render_page(receipt, 1, out)
    assert read_codes(page) == [f"https://zwfw.test.example/query?case={number[1]}"]
    assert pdf_pages(printed) == 1
    assert (out / "window.png").stat().st_size > 10_000
    if platform == "xcb":  # what a clerk sees on a real X server, and the receipt the frozen build printed
        shutil.copyfile(out / "window.png", SCREENSHOT)
        shutil.copyfile(page, RECEIPT_PAGE)


def check_backoffice_unit(folder: Path) -> None:
    """The back office as systemd starts an instance, on a throwaway SQLite database."""
    folder.mkdir()
    port = str(free_port())
    env = {**installed.env_file(ETC / "backoffice.env"), "DATA_DIR": str(folder),
           "DATABASE_URL": f"sqlite:///{folder / 'backoffice.sqlite3'}"}
    command = installed.unit_command(UNIT, port, env)
    assert command[:3] == [str(LAUNCHER), "backoffice", "serve"]
    process = subprocess.Popen(command, env=installed.user_env(folder), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        answer = None
        deadline = time.monotonic() + 60
        while answer is None and process.poll() is None and time.monotonic() < deadline:
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            except requests.ConnectionError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, process.stdout.read() if process.poll() else ""
        assert answer.json()["status"] == "ok"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0]
    assert "Traceback" not in output, output[-3000:]
    assert (folder / "audit-signing-key.pem").is_file()


def check_unit_syntax() -> None:
    """systemd's own check of the installed unit (an instance of the template), where systemd-analyze exists."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return
    done = subprocess.run([analyze, "verify", "clerk-app-backoffice@8701.service"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0 and "clerk-app" not in done.stdout + done.stderr, done.stdout + done.stderr
