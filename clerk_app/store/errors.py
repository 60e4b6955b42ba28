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
        "文件{path}不是数据库、已严重损坏，或是未提供密钥的加密数据库，无法打开（{reason}）",
        "{path} is not a database, is damaged beyond use, or is encrypted and no key was given ({reason})",
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
    "store.wrong_key": (
        "数据库密钥不对或已丢失：{path}是用另一把密钥加密的（本次密钥来源：{source}）。文件未作任何改动。"
        "请恢复创建这些数据时的密钥（登记密钥文件或系统密钥环中的条目，见说明书“Data at rest”），切勿删除数据文件",
        "the database key is wrong or lost: {path} was encrypted with another key (key source now: {source}). "
        "Nothing was changed. Restore the key the data was created with (the enrolment file or the OS keyring entry, "
        "see README, Data at rest); do not delete the data files",
    ),
    "store.enrolment_lost": (
        "数据库密钥不对或已丢失：找不到创建数据时所用的登记密钥（已查找：{where}）。{path}中的数据已加密，"
        "没有原来的密钥无法打开，文件未作任何改动。请恢复登记密钥文件后再启动，切勿删除数据文件",
        "the database key is wrong or lost: the enrolment secret the data was created with is gone (looked in: "
        "{where}). The data in {path} is encrypted and cannot be opened without it; nothing was changed. Restore "
        "the enrolment file and start again; do not delete the data files",
    ),
    "store.keyring_lost": (
        "数据库密钥不对或已丢失：系统密钥环中没有{path}的密钥（条目 {service} / {entry}）。数据已加密，"
        "没有原来的密钥无法打开，文件未作任何改动。请从备份恢复该密钥环条目，切勿删除数据文件",
        "the database key is wrong or lost: the OS keyring holds no key for {path} (entry {service} / {entry}). "
        "The data is encrypted and cannot be opened without it; nothing was changed. Restore the keyring entry "
        "from its backup; do not delete the data files",
    ),
    "store.source_changed": (
        "数据文件夹{path}的数据用“{recorded}”密钥加密，但设置为 key_source = \"{configured}\"。文件未作任何改动。"
        "请把 key_source 改回 \"{recorded}\"",
        "the data in {path} is encrypted with the \"{recorded}\" key but the settings say key_source = "
        "\"{configured}\". Nothing was changed. Set key_source back to \"{recorded}\"",
    ),
    "store.encrypted_no_key": (
        "数据库{path}已加密，但设置为不加密（[security] key_source = \"none\"）。文件未作任何改动。"
        "请把 key_source 改回创建数据时的密钥来源（enrolment 或 keyring）",
        "{path} is encrypted but the settings say key_source = \"none\". Nothing was changed. "
        "Set key_source back to the source the data was created with (enrolment or keyring)",
    ),
    "store.no_enrolment": (
        "本工作站尚未登记，找不到登记密钥（已查找：{where}）。请信息科配置登记密钥文件（仅服务账户可读，"
        "见说明书“Data at rest”），或在设置中选择其他 [security] key_source",
        "this workstation is not enrolled: no enrolment secret found (looked in: {where}). IT provisions the "
        "enrolment file, readable only by the service user (README, Data at rest), or choose another "
        "[security] key_source",
    ),
    "store.enrolment_unreadable": (
        "无法读取登记密钥文件{path}（{reason}），请检查文件权限",
        "cannot read the enrolment file {path} ({reason}): check its permissions",
    ),
    "store.enrolment_exposed": (
        "登记密钥文件{path}其他用户也能读取（权限{mode}），已拒绝使用：请执行 chmod 600 {path}",
        "the enrolment file {path} is readable by other users (mode {mode}) and was refused: chmod 600 {path}",
    ),
    "store.enrolment_weak": (
        "登记密钥（{where}）太短：至少需要32个字符的随机内容，例如 head -c 32 /dev/urandom | base64",
        "the enrolment secret ({where}) is too short: it needs at least 32 random characters, "
        "e.g. head -c 32 /dev/urandom | base64",
    ),
    "store.keyring_unavailable": (
        "系统密钥环不可用（{reason}）。请在有密钥环服务的桌面会话中运行，或改用 [security] key_source = \"enrolment\"",
        "the OS keyring is not available ({reason}): run in a desktop session with a keyring service, or use "
        "[security] key_source = \"enrolment\"",
    ),
    "store.key_info": (
        "数据文件夹的密钥信息{path}无法使用（{reason}）。没有它无法打开已加密的数据，请从备份恢复该文件",
        "the data folder's key information {path} cannot be used ({reason}); encrypted data cannot be opened "
        "without it: restore the file from the backup",
    ),
    "store.encrypt_failed": (
        "无法把数据库{path}转为加密格式（{reason}），原文件未改动。请检查磁盘空间后重试",
        "cannot convert {path} to the encrypted format ({reason}); the original file is unchanged. Check free disk "
        "space and try again",
    ),
    "vault.tampered": (
        "扫描文件{name}无法解密：文件已被改动，或密钥不对",
        "scan {name} cannot be decrypted: the file was altered, or the key is wrong",
    ),
    "vault.damaged": (
        "扫描文件{name}的内容与其编号不符，文件已损坏",
        "scan {name} does not match its hash: the file is damaged",
    ),
    "vault.missing": ("找不到扫描文件{name}", "no scan {name}"),
    "vault.no_key": (
        "扫描文件{name}已加密，但设置为不加密（key_source = \"none\"），无法读取",
        "scan {name} is encrypted but the settings say key_source = \"none\": it cannot be read",
    ),
    "vault.io": (
        "无法读写扫描文件{name}（{reason}），请检查磁盘空间和文件权限",
        "cannot read or write scan {name} ({reason}): check free disk space and file permissions",
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


class WrongKeyError(DatabaseFileError):
    """The data folder is encrypted with another key, or its key is lost: nothing was written."""


class KeyUnavailableError(StoreError):
    """No data key could be obtained: not enrolled, no keyring, an unusable enrolment file."""


class VaultError(StoreError):
    """A stored scan cannot be read back: missing, damaged, altered, or encrypted with another key."""


class TamperedFileError(VaultError):
    """The authentication tag does not verify: the file was altered or the key is not its key."""


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


def is_driver_error(error: BaseException) -> bool:
    """An error of the sqlite3 module or of its SQLCipher twin (sqlcipher3, the encrypted store's driver)."""
    return isinstance(error, sqlite3.Error) or type(error).__module__.startswith("sqlcipher3")


def translate(error: sa_exc.DBAPIError, path: str, key_source: str | None = None) -> StoreError | None:
    """The store error for a driver error, or None when it is not about the database file.

    `key_source` names the key an encrypted database was opened with: "not a database" then
    means that key is not the file's.
    """
    return translate_driver(error.orig, path, key_source) if error.orig is not None else None


def translate_driver(orig: BaseException, path: str, key_source: str | None = None) -> StoreError | None:
    """`translate` for an error the driver raised directly (outside SQLAlchemy)."""
    if not is_driver_error(orig):
        return None
    name = getattr(orig, "sqlite_errorname", "") or ""
    reason = str(orig)
    if name.startswith(_LOCKED):
        return DatabaseLockedError("store.locked", path=path)
    if name.startswith("SQLITE_NOTADB") and key_source:
        return WrongKeyError("store.wrong_key", path=path, source=key_source)
    if name.startswith(_NOT_A_DATABASE):
        return NotADatabaseError("store.not_a_database", path=path, reason=reason)
    if name.startswith(_CANNOT_OPEN):
        return CannotCreateDatabaseError("store.cannot_create", path=path, reason=reason)
    if name.startswith(_CANNOT_WRITE):
        return DatabaseIOError("store.io", path=path, reason=reason)
    return None  # a programming error (constraint, SQL): let it show as what it is


@contextmanager
def database_errors(path: str, key_source: str | None = None) -> Iterator[None]:
    """Raise the store's typed errors instead of driver errors about the database file."""
    try:
        yield
    except sa_exc.DBAPIError as error:
        typed = translate(error, path, key_source)
        if typed is None:
            raise
        raise typed from error
    except Exception as error:
        typed = translate_driver(error, path, key_source)
        if typed is None:
            raise
        raise typed from error
