"""UI languages: Simplified Chinese (the source language) and English, switched live.

Texts are written in Chinese in the code (`self.tr("受理")`); English comes from the Qt
translation `resources/translations/clerk_app_en.qm` (compiled from the `.ts` beside it by
`make translations`). Installing a translator makes Qt send every widget a LanguageChange
event; widgets derived from `Retranslatable` answer it by re-running `translateUI()`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from clerk_app.config.paths import resources_dir

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def translation_file(language: str):
    return resources_dir() / "translations" / f"clerk_app_{language}.qm"


class LanguageSwitcher(QObject):
    """Installs the translator for the chosen language; emits `changed` after a switch."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, language: str = "zh_CN") -> None:
        super().__init__(app)
        self._app = app
        self._translator: QTranslator | None = None
        self._qt_translator: QTranslator | None = None
        self.language = "zh_CN"
        self.set_language(language)

    @property
    def lang(self) -> str:
        """Short code for core messages: 'zh' or 'en'."""
        return "en" if self.language == "en" else "zh"

    def set_language(self, language: str) -> bool:
        if language not in LANGUAGES:
            return False
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        self._set_qt_translation(language)
        if language != "zh_CN":
            translator = QTranslator(self)
            if not translator.load(str(translation_file(language))):
                return False
            self._app.installTranslator(translator)
            self._translator = translator
        QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Chinese))
        self.language = language
        self.changed.emit(language)
        return True


    def _set_qt_translation(self, language: str) -> None:
        """Qt's own texts (OK, Cancel, Close on standard buttons) in Chinese; English needs none."""
        if self._qt_translator is not None:
            self._app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if language == "zh_CN":
            translator = QTranslator(self)
            if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._app.installTranslator(translator)
                self._qt_translator = translator


class Retranslatable:
    """Mixin for widgets: calls `translateUI()` whenever the application language changes."""

    def translateUI(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)  # type: ignore[misc]
