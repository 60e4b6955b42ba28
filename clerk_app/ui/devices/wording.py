"""Device texts in both UI languages, worded like the core's messages: a (Chinese, English) pair.

They follow the language the workstation was switched to (`LanguageSwitcher` sets the default
QLocale and sends LanguageChange, on which the widgets re-run `translateUI()`), and need no entry
in the Qt translation file.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

Wording = tuple[str, str]


def ui_lang() -> str:
    """'en' or 'zh', following the language the UI was switched to."""
    return "en" if QLocale().language() == QLocale.Language.English else "zh"


def word(pair: Wording, lang: str | None = None, **params: object) -> str:
    zh, en = pair
    template = en if (lang or ui_lang()).startswith("en") else zh
    return template.format(**params) if params else template
