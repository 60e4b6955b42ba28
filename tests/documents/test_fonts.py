"""Finding the CJK faces, and splitting text so that no character of a name is ever lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from clerk_app.documents import fonts
from clerk_app.documents.fonts import FontNotFoundError, FontSource, document_fonts, is_truetype_outline
from clerk_app.documents.text import draw_text, markup
from tests.documents.cases import AGENT_NAME, APPLICANT_NAME, EXT_B
from tests.documents.pdfs import pdf_text, squeeze

EXT_G = "\U00030000"  # CJK Extension G: in no installed face


@pytest.fixture
def no_font_anywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    monkeypatch.setenv("CLERK_APP_RESOURCES", str(tmp_path))
    monkeypatch.setattr(fonts, "SYSTEM_MAIN_FONTS", ())
    monkeypatch.setattr(fonts, "_fontconfig_fonts", lambda: iter(()))


def test_main_face_lacks_extension_b_and_a_fallback_has_it() -> None:
    faces = document_fonts()
    assert faces.face_for("张") == faces.main
    fallback = faces.face_for(EXT_B)
    assert fallback is not None and fallback != faces.main
    assert faces.missing(APPLICANT_NAME + AGENT_NAME) == ""
    assert faces.warnings == ()


def test_runs_switch_face_for_the_rare_character_only() -> None:
    faces = document_fonts()
    runs = faces.runs(f"申请人：{APPLICANT_NAME}（代办人：{AGENT_NAME}）")
    assert "".join(run.text for run in runs) == f"申请人：{APPLICANT_NAME}（代办人：{AGENT_NAME}）"
    assert [run.text for run in runs if run.face != faces.main] == [EXT_B]
    assert not any(run.missing for run in runs)


def test_a_character_no_face_has_becomes_a_visible_mark() -> None:
    faces = document_fonts()
    assert faces.missing(f"王{EXT_G}{EXT_G}") == EXT_G
    runs = faces.runs(f"王{EXT_G}")
    assert runs[-1].missing and runs[-1].text == "〔U+30000〕"
    assert 'color="#C00000"' in markup(f"王{EXT_G}", faces)


def test_markup_escapes_and_tags_fallback_runs() -> None:
    faces = document_fonts()
    text = markup(f"A&B<{EXT_B}>\n下一行", faces)
    assert text.startswith("A&amp;B&lt;<font face=")
    assert f">{EXT_B}</font>&gt;<br/>下一行" in text


def test_extension_b_survives_into_the_pdf_text(tmp_path: Path) -> None:
    """Drawn and extracted again: the ToUnicode map must carry characters beyond the BMP."""
    faces = document_fonts()
    path = tmp_path / "name.pdf"
    canvas = Canvas(str(path), invariant=1)
    draw_text(canvas, 72, 700, f"申请人：{APPLICANT_NAME}", faces, 14, bold=True)
    draw_text(canvas, 300, 650, AGENT_NAME, faces, 12, align="centre")
    canvas.save()
    text = squeeze(pdf_text(path))
    assert f"申请人：{APPLICANT_NAME}" in text
    assert AGENT_NAME in text


def test_cff_fonts_are_refused(tmp_path: Path) -> None:
    cff = tmp_path / "NotoSansCJK-Regular.otf"
    cff.write_bytes(b"OTTO" + bytes(64))
    collection = tmp_path / "cff.ttc"
    collection.write_bytes(b"ttcf" + bytes(4) + (1).to_bytes(4, "big") + (16).to_bytes(4, "big") + b"OTTO" + bytes(32))
    assert not is_truetype_outline(cff)
    assert not is_truetype_outline(collection)
    assert not is_truetype_outline(tmp_path / "absent.ttf")


def test_the_main_face_is_truetype() -> None:
    main = document_fonts().faces[0]
    assert is_truetype_outline(Path(main.face.filename), 0)


def test_no_font_names_the_package_to_install(no_font_anywhere: None) -> None:
    with pytest.raises(FontNotFoundError) as caught:
        fonts.find_main_font()
    assert "apt-get install fonts-wqy-zenhei" in str(caught.value)
    assert caught.value.package == "fonts-wqy-zenhei"


def test_a_bad_override_is_an_error_not_a_silent_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "NotoSansCJK.otf"
    bad.write_bytes(b"OTTO" + bytes(64))
    monkeypatch.setenv(fonts.ENV_FONT, str(bad))
    with pytest.raises(FontNotFoundError, match="CLERK_APP_FONT"):
        fonts.find_main_font()


def test_override_and_shipped_fonts_are_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    main = Path(document_fonts().faces[0].face.filename)
    monkeypatch.setenv(fonts.ENV_FONT, f"{main}#0")
    assert fonts.find_main_font().face.filename == str(main)
    monkeypatch.delenv(fonts.ENV_FONT)
    shipped = tmp_path / "fonts"
    shipped.mkdir()
    (shipped / main.name).symlink_to(main)
    monkeypatch.setenv("CLERK_APP_RESOURCES", str(tmp_path))
    assert next(fonts.main_font_candidates()) == FontSource(shipped / main.name)


def test_missing_fallback_is_reported_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "fallback_font_candidates", lambda: iter(()))
    fonts.reset_fonts()
    try:
        faces = document_fonts()
        assert faces.face_for(EXT_B) is None
        assert any("apt-get install fonts-hanazono" in w for w in faces.warnings)
        assert faces.runs(APPLICANT_NAME)[1].text == "〔U+20000〕"
    finally:
        monkeypatch.undo()
        fonts.reset_fonts()
