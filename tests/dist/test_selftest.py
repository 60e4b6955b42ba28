"""`clerk-app selftest` from the source tree (the installed build runs it in test_installed.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.dist.installed import user_env
from tests.documents.pdfs import pdf_text, read_codes, render_page, squeeze

ROOT = Path(__file__).resolve().parents[2]


def selftest(home: Path, *args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = user_env(home)
    env["PYTHONPATH"] = str(ROOT)
    if config is not None:
        env["CLERK_APP_CONFIG"] = str(config)
    return subprocess.run([sys.executable, "-m", "clerk_app", "selftest", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=240, check=False)


def test_selftest_accepts_and_prints_without_touching_the_users_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    receipt = tmp_path / "receipt.pdf"
    done = selftest(home, "--receipt", str(receipt))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    steps = [line.split(":", 1)[0] for line in lines[:-1]]
    assert steps == ["ok version", "ok settings", "ok fonts", "ok catalogue", "ok sign-in", "ok window", "ok card",
                     "ok accept", "ok receipt", "ok backoffice"]
    assert lines[-1] == "selftest: all steps passed"
    number = next(line for line in lines if line.startswith("ok accept:")).split()[2]
    text = squeeze(pdf_text(receipt))
    assert "受理通知书" in text and "王𠀀" in text and number in text
    assert read_codes(render_page(receipt, 1, tmp_path)) == [f"https://zwfw.baotou.example/query?case={number}"]
    assert not (home / "data").exists() and not (home / "config").exists()  # a throwaway folder and key only


def test_a_broken_configuration_is_named_not_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "clerk_app.toml"
    config.write_text('[hall]\ncode = "b t"\n', encoding="utf-8")
    done = selftest(tmp_path / "home", config=config)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith(f"FAIL settings: {config}: [hall]"), done.stdout
    assert done.stdout.splitlines()[-1] == "selftest: FAILED"


def test_startup_only_opens_the_window(tmp_path: Path) -> None:
    done = selftest(tmp_path / "home", "--startup", "--data", str(tmp_path / "data"))
    assert done.returncode == 0 and done.stdout.splitlines() == ["ready"], done.stderr
    assert os.path.isdir(tmp_path / "data" / "cache")  # the catalogue cache a second start reads


def test_data_folder_is_kept_and_its_cases_listed(tmp_path: Path) -> None:
    """`--data`: the user's folder with the configured key; a second run reads the first run's case."""
    home = tmp_path / "home"
    data = home / "data" / "clerk_app"
    data.mkdir(parents=True)
    (data / "clerk_app.toml").write_text('[hall]\ncode = "KP01"\nwindow_code = "W03"\n', encoding="utf-8")
    numbers = []
    for expected_kept in ("0 cases in", "1 case in"):
        done = selftest(home, "--data", str(data))
        assert done.returncode == 0, done.stdout + done.stderr
        kept = next(line for line in done.stdout.splitlines() if line.startswith("ok kept:"))
        assert kept.startswith(f"ok kept: {expected_kept} {data / 'workstation.sqlite3'}"), kept
        numbers.append(next(line for line in done.stdout.splitlines() if line.startswith("ok accept:")).split()[2])
        if numbers[1:]:
            assert kept.endswith(f": {numbers[0]} accepted"), kept
    assert numbers[0].startswith("KP01-W03-") and numbers[1] == numbers[0][:-1] + "2"
    assert (home / "config" / "clerk_app" / "enrolment.key").is_file()  # the folder's key, outside it
    env = user_env(home)
    env["PYTHONPATH"] = str(ROOT)
    verify = subprocess.run([sys.executable, "-m", "clerk_app", "audit", "verify"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert verify.returncode == 0 and ", chain intact" in verify.stdout, verify.stdout + verify.stderr
