"""Typed errors of the local store, each with a sentence for the clerk or the administrator.

Every error carries a code and its parameters, worded in Simplified Chinese (default) and English
by `text(lang)`; errors about the database file name the file. `database_errors()` turns what the
SQLite driver raises into these errors, so no driver exception reaches the user interface.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import exc as sa_exc

MESSAGES: dict[str, tuple[str, str]] = {
    "store.not_a_database": (
        "文件{path}不是数据库，或已严重损坏，无法打开（{reason}）",
        "{path} is not a database, or is damaged beyond use ({reason})",
    ),
    "store.foreign": (
        "文件{path}是其他程序的数据库，不是本工作站的业务数据库",
        "{path} is the database of another program, not this workstation's store",
    ),
    "store.locked": (
        "数据库{path}正被其他程序占用，请关闭其他正在运行的受理程序后重试",
        "{path} is locked by another program: close the other running workstation and try again",
    ),
    "store.newer": (
        "数据库{path}来自更新版本的程序（数据版本{revision}），请升级本程序后再打开",
        "{path} was written by a newer release (schema {revision}): upgrade this program to open it",
    ),
    "store.cannot_create": (
        "无法创建或打开数据库{path}（{reason}），请检查文件夹是否存在且可写",
        "cannot create or open the database {path} ({reason}): check that its folder exists and is writable",
    ),
    "store.io": (
        "无法写入数据库{path}（{reason}），请检查磁盘空间和文件权限",
        "cannot write the database {path} ({reason}): check free disk space and file permissions",
    ),
    "store.url": (
        "不支持的数据库地址{url}：本地业务库只能是SQLite文件",
        "unsupported database address {url}: the local store must be an SQLite file",
    ),
    "case.stale": (
        "办件{number}已被修改（已保存版本{stored}，当前版本{revision}），请重新打开后再操作",
        "case {number} was changed meanwhile (stored revision {stored}, this copy {revision}): reopen it",
    ),
    "case.history": (
        "办件{number}的流转记录不一致：{detail}",
        "case {number} has an inconsistent lifecycle history: {detail}",
    ),
    "case.duplicate_number": (
        "办件编号{number}已被另一办件使用",
        "case number {number} is already used by another case",
    ),
    "case.number_changed": (
        "办件编号{old}已经给出，不能改为{new}",
        "case number {old} was already given and cannot become {new}",
    ),
    "case.not_json": (
        "办件{number}含有无法保存的数据：{detail}（答案只能是文字、数字、是/否、列表或对象）",
        "case {number} holds data that cannot be stored: {detail} (answers must be text, numbers, true/false, "
        "lists or objects)",
    ),
    "case.not_found": ("找不到办件{case_id}", "no case {case_id}"),
    "sync_state.unknown": (
        "未知的同步状态“{value}”（可用：{allowed}）",
        "unknown sync state “{value}” (allowed: {allowed})",
    ),
    "account.exists": ("用户名{username}已存在", "user name {username} already exists"),
    "account.not_found": ("找不到用户{username}", "no user {username}"),
    "account.invalid": ("{what}无效：{detail}", "invalid {what}: {detail}"),
    "account.login": ("用户名或密码错误", "wrong user name or password"),
    "account.disabled": (
        "账号{username}已停用，请联系管理员",
        "account {username} is disabled: ask an administrator",
    ),
    "account.throttled": (
        "密码连续输错次数过多，请{seconds}秒后再试",
        "too many wrong passwords: try again in {seconds} seconds",
    ),
}


class StoreError(Exception):
    """Base of every error of the local store."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, (self.code, self.code))
        template = en if lang.startswith("en") else zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template


class DatabaseFileError(StoreError):
    """The database file cannot be used; `path` names it."""

    @property
    def path(self) -> str:
        return str(self.params.get("path", ""))


class NotADatabaseError(DatabaseFileError):
    """The file is not an SQLite database, is damaged, or belongs to another program."""


class DatabaseLockedError(DatabaseFileError):
    """Another process holds the database longer than the busy timeout."""


class NewerDatabaseError(DatabaseFileError):
    """The schema revision in the file is unknown to this release: a newer one wrote it."""


class CannotCreateDatabaseError(DatabaseFileError):
    """The file cannot be created or opened: missing folder, no permission, a folder in its place."""


class DatabaseIOError(DatabaseFileError):
    """Writing failed: disk full, read-only medium, input/output error."""


class CaseConflictError(StoreError):
    """A save that would lose or contradict what is already stored."""


class StaleCaseError(CaseConflictError):
    """The case was saved with a higher revision since this copy was read."""


class CaseHistoryError(CaseConflictError):
    """The case's transitions do not form a valid chain, or rewrite the recorded ones."""


class DuplicateCaseNumberError(CaseConflictError):
    """Another case already carries this number."""


class CaseDocumentError(StoreError, ValueError):
    """The case cannot be kept as JSON: an answer is a date, a set, NaN or another non-JSON value."""


class CaseNotFoundError(StoreError, LookupError):
    pass


class AccountError(StoreError):
    """Base of the account errors."""


class AccountExistsError(AccountError):
    pass


class AccountNotFoundError(AccountError, LookupError):
    pass


class InvalidAccountError(AccountError, ValueError):
    """A user name, display name, role or password that cannot be accepted."""


class LoginError(AccountError):
    """Wrong user name or password (deliberately the same error for both)."""


class AccountDisabledError(AccountError):
    pass


class LoginThrottledError(AccountError):
    """Too many wrong passwords in a row: sign-in waits a while (the password is not even checked)."""


_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED")
_NOT_A_DATABASE = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_CANNOT_OPEN = ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
_CANNOT_WRITE = ("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY", "SQLITE_NOLFS", "SQLITE_NOMEM", "SQLITE_PROTOCOL")


def translate(error: sa_exc.DBAPIError, path: str) -> StoreError | None:
    """The store error for a driver error, or None when it is not about the database file."""
    orig = error.orig
    if not isinstance(orig, sqlite3.Error):
        return None
    name = getattr(orig, "sqlite_errorname", "") or ""
    reason = str(orig)
    if name.startswith(_LOCKED):
        return DatabaseLockedError("store.locked", path=path)
    if name.startswith(_NOT_A_DATABASE):
        return NotADatabaseError("store.not_a_database", path=path, reason=reason)
    if name.startswith(_CANNOT_OPEN):
        return CannotCreateDatabaseError("store.cannot_create", path=path, reason=reason)
    if name.startswith(_CANNOT_WRITE):
        return DatabaseIOError("store.io", path=path, reason=reason)
    return None  # a programming error (constraint, SQL): let it show as what it is


@contextmanager
def database_errors(path: str) -> Iterator[None]:
    """Raise the store's typed errors instead of driver errors about the database file."""
    try:
        yield
    except sa_exc.DBAPIError as error:
        typed = translate(error, path)
        if typed is None:
            raise
        raise typed from error
