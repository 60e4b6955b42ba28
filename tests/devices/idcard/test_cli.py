"""`clerk-app card decode | watch | readers`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.cli.main import main
from tests.devices.idcard import cardgen
from tests.devices.idcard.samsim import SamSimulator

KEYS = [
    "kind", "name", "english_name", "sex", "nation", "birth_date", "address", "id_number",
    "id_number_valid", "authority", "valid_from", "valid_to", "nationality", "pass_number",
    "issue_count",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def decode(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> dict[str, object]:
    path = tmp_path / "card.bin"
    path.write_bytes(data)
    code, out, err = run(capsys, "card", "decode", str(path))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert list(record) == KEYS
    return record


def test_decode_a_resident_frame(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = decode(tmp_path, capsys, cardgen.read_reply(cardgen.resident_text(valid_to="长期")))
    assert record == {
        "kind": "resident", "name": "张伟", "english_name": None, "sex": "男", "nation": "汉",
        "birth_date": "1990-03-07", "address": "内蒙古自治区赤峰市宁城县天义镇示例街12号",
        "id_number": cardgen.RESIDENT["number"], "id_number_valid": True,
        "authority": "宁城县公安局", "valid_from": "2016-05-01", "valid_to": "长期",
        "nationality": None, "pass_number": None, "issue_count": None,
    }


def test_decode_a_bare_hmt_text_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = decode(tmp_path, capsys, cardgen.hmt_text())
    assert record["kind"] == "hmt"
    assert record["pass_number"] == "H12345678" and record["issue_count"] == 2
    assert record["nation"] is None


def test_decode_foreigners(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = decode(tmp_path, capsys, cardgen.read_reply(cardgen.foreigner_2017_text()))
    assert old["kind"] == "foreigner_2017" and old["nationality"] == "USA"
    assert old["english_name"] == "SMITH, JOHN PAUL" and old["id_number_valid"] is True
    new = decode(tmp_path, capsys, cardgen.foreigner_2023_text())
    assert new["kind"] == "foreigner_2023" and new["sex"] == "女"
    assert new["english_name"] == cardgen.FOREIGNER_2023["english_name"]


def test_decode_a_name_outside_the_bmp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = decode(tmp_path, capsys, cardgen.resident_text(name="𠀀·王"))
    assert record["name"] == "𠀀·王"


def bad(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, *extra: str) -> str:
    path = tmp_path / "bad.bin"
    path.write_bytes(data)
    code, out, err = run(capsys, "card", "decode", str(path), *extra)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1  # one line
    return err.strip()


def test_bad_checksum(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    frame = bytearray(cardgen.read_reply(cardgen.resident_text()))
    frame[-1] ^= 0xFF
    message = bad(tmp_path, capsys, bytes(frame))
    assert message.startswith("帧校验和错误：应为0x")
    assert "checksum" in bad(tmp_path, capsys, bytes(frame), "--lang", "en")


def test_bad_length(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    frame = cardgen.read_reply(cardgen.resident_text())
    message = bad(tmp_path, capsys, frame + b"\x00", "--lang", "en")
    assert message == "Frame length field says 1288 bytes, the frame holds 1289"


def test_status_code_and_its_meaning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bad(tmp_path, capsys, cardgen.reply(0x41)) == "阅读器返回状态码0x41：读证件操作失败"
    message = bad(tmp_path, capsys, cardgen.reply(0x80), "--lang", "en")
    assert message == "The reader returned status code 0x80: find card failed"


def test_neither_frame_nor_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = bad(tmp_path, capsys, b"x" * 300, "--lang", "en")
    assert message == (
        "The file is neither a 1,295-byte read reply frame nor a 256-byte text block (300 bytes)"
    )


def test_garbage_text_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = bad(tmp_path, capsys, cardgen.resident_text(birth="1990-3-7"), "--lang", "en")
    assert message == "Card field “birth date” “1990-3-7” is not a valid date"


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "card", "decode", str(tmp_path / "none.bin"))
    assert code == 1 and "none.bin" in err


def test_the_installed_command(tmp_path: Path) -> None:
    path = tmp_path / "card.bin"
    path.write_bytes(cardgen.read_reply(cardgen.resident_text()))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "clerk_app", "card", "decode", str(path)],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "张伟"
    assert "PySide6" not in result.stderr


def test_watch_a_sam_on_a_pty(sam_sim: SamSimulator, capsys: pytest.CaptureFixture[str]) -> None:
    sam_sim.place(cardgen.resident_text(), extra=cardgen.field("包头市示例路1号", 70))
    code, out, err = run(capsys, "card", "watch", "--backend", "sam", "--port", sam_sim.path,
                         "--count", "1", "--seconds", "10")
    assert code == 0
    record = json.loads(out.splitlines()[0])
    assert record["name"] == "张伟" and record["extra_address"] == "包头市示例路1号"
    assert record["photo"] == "wlt" and record["expiry"] == "valid"
    assert "reader: ready (SAM " in err


def test_watch_the_simulator_from_a_config_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "reader.toml"
    config.write_text('backend = "simulator"\nauto = true\ndwell = 0.15\ngap = 0.05\n'
                      "poll_interval = 0.01\n", encoding="utf-8")
    code, out, _ = run(capsys, "card", "watch", "--config", str(config), "--count", "3",
                       "--seconds", "20")
    assert code == 0
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert names == ["张伟", "王𠀀", "阿依古丽·艾合买提江·买买提明"]


def test_watch_reports_a_missing_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "card", "watch", "--backend", "sam", "--port",
                         str(tmp_path / "ttyNONE"), "--seconds", "0.3", "--lang", "en")
    assert code == 0 and out == ""
    assert "reader: no_reader — Cannot open reader port" in err


def test_readers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "card", "readers", "--backend", "simulator")
    assert code == 0 and out.strip() == "模拟阅读器"
    code, _, err = run(capsys, "card", "readers", "--backend", "vendor", "--lang", "en")
    assert code == 1 and "library" in err
