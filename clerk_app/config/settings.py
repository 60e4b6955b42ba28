"""Workstation settings: hall and window identity, data location, devices, language.

Read from a TOML file (`CLERK_APP_CONFIG`, else `clerk_app.toml` in the data directory); every
key is optional and the defaults give the embedded demo (local SQLite, simulated devices):

    [hall]
    code = "BT01"
    name = "包头市政务服务中心"
    window_code = "W07"
    window_name = "综合受理7号窗口"
    address = "包头市昆都仑区…"
    phone = "0472-5616300"
    query_url = "https://zwfw.example.gov.cn/query"

    [workstation]
    language = "zh_CN"          # or "en"
    data_dir = "/var/lib/clerk_app"
    guides = ["/etc/clerk_app/guides"]   # extra guide folders
    calendars = ["/etc/clerk_app/2027.yaml"]
    demo = true                  # create demo accounts on first start
    idle_lock_minutes = 10       # lock the screen after this long without input; 0: never
    retention_days = 180         # closed cases the back office holds are removed after this; 0: kept

    [devices]
    card_reader = "simulator"    # simulator | sam | pcsc | vendor
    card_port = "/dev/ttyUSB0"
    card_library = ""
    camera = "0"

    [backoffice]
    url = "https://backoffice.example/"   # empty or absent: offline only, cases stay queued
    username = "w07"                       # the password is asked for, never stored
    ca_file = "/etc/clerk_app/hall-ca.pem" # the hall's CA (else the system's); verification is always on
    pin_sha256 = ""                        # optional: the server certificate's SHA-256 fingerprint

    [security]
    key_source = "enrolment"     # enrolment | keyring | none: where the data key comes from (README, "Data at rest")
    enrolment_file = "/etc/clerk_app/enrolment.key"  # the secret the hall's IT provisions; default: this path
                                                     # (%ProgramData%\\clerk_app\\enrolment.key on Windows)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerk_app.config.paths import data_dir
from clerk_app.core.hall import HallInfo
from clerk_app.core.values import Value

DEFAULT_HALL = HallInfo(
    code="BT01",
    name="包头市政务服务中心",
    window_code="W07",
    window_name="综合受理7号窗口",
    address="包头市昆都仑区阿尔丁大街政务服务中心一楼",
    phone="0472-5616300",
    query_url="https://zwfw.baotou.example/query",
)


class SettingsError(Exception):
    """A configuration file that cannot be used; the message names the file and key."""


# The parts of `Settings` are `Value`s, not dataclasses: each start imports them before the first
# frame, and a dataclass takes about a millisecond to make (`clerk_app.core.values`).
class DeviceSettings(Value):
    _fields = ("card_reader", "card_port", "card_library", "camera")
    card_reader: str
    card_port: str
    card_library: str
    camera: str

    def __init__(self, card_reader: str = "simulator", card_port: str = "", card_library: str = "",
                 camera: str = "0") -> None:
        self._set(card_reader=card_reader, card_port=card_port, card_library=card_library, camera=camera)


class BackofficeSettings(Value):
    _fields = ("url", "username", "ca_file", "pin_sha256")
    url: str
    username: str
    ca_file: str  # the hall's CA bundle for the back office's certificate; empty: the system's
    pin_sha256: str  # optional: the back office certificate's SHA-256 fingerprint

    def __init__(self, url: str = "", username: str = "", ca_file: str = "", pin_sha256: str = "") -> None:
        self._set(url=url, username=username, ca_file=ca_file, pin_sha256=pin_sha256)

    def client_options(self) -> dict[str, str | None]:
        return {"ca_file": self.ca_file or None, "pin_sha256": self.pin_sha256 or None}


KEY_SOURCES = ("enrolment", "keyring", "none")


class SecuritySettings(Value):
    """Encryption at rest of the data folder (database, scans): where its key comes from.

    `enrolment`: derived from the workstation's enrolment secret (`enrolment_file`, else
    `$CLERK_APP_ENROLMENT_KEY`, else the system-wide default file; a demo workstation without any
    generates one in the user's configuration folder, never in the data folder). `keyring`: a random
    key kept in the OS keyring. `none`: no encryption (only where the disk itself is encrypted).
    """

    _fields = ("key_source", "enrolment_file")
    key_source: str
    enrolment_file: str

    def __init__(self, key_source: str = "enrolment", enrolment_file: str = "") -> None:
        self._set(key_source=key_source, enrolment_file=enrolment_file)

    @property
    def encrypted(self) -> bool:
        return self.key_source != "none"


DEFAULT_DEVICES, DEFAULT_BACKOFFICE, DEFAULT_SECURITY = DeviceSettings(), BackofficeSettings(), SecuritySettings()


@dataclass(frozen=True)
class Settings:
    hall: HallInfo = DEFAULT_HALL
    language: str = "zh_CN"
    data_dir: Path = field(default_factory=data_dir)
    guides: tuple[Path, ...] = ()
    calendars: tuple[Path, ...] = ()
    demo: bool = True
    idle_lock_minutes: int = 10
    retention_days: int = 180
    devices: DeviceSettings = DEFAULT_DEVICES
    backoffice: BackofficeSettings = DEFAULT_BACKOFFICE
    security: SecuritySettings = DEFAULT_SECURITY
    source: Path | None = None

    @property
    def database_path(self) -> Path:
        return self.data_dir / "workstation.sqlite3"


def config_path() -> Path:
    override = os.environ.get("CLERK_APP_CONFIG")
    return Path(override) if override else data_dir() / "clerk_app.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path` (or the default location); defaults when the file does not exist."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    import tomllib  # only with a settings file: start-up without one skips the import

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    return _settings_from(raw, path)


def _settings_from(raw: dict[str, Any], path: Path) -> Settings:
    from clerk_app.core.case_number import CaseNumberError, check_code

    hall_raw = _table(raw, "hall", path)
    station = _table(raw, "workstation", path)
    devices_raw = _table(raw, "devices", path)
    backoffice_raw = _table(raw, "backoffice", path)
    security_raw = _table(raw, "security", path)
    try:
        hall = HallInfo(
            code=check_code("hall", str(hall_raw.get("code", DEFAULT_HALL.code))),
            name=str(hall_raw.get("name", DEFAULT_HALL.name)),
            window_code=check_code("window", str(hall_raw.get("window_code", DEFAULT_HALL.window_code))),
            window_name=str(hall_raw.get("window_name", "")),
            address=str(hall_raw.get("address", "")),
            phone=str(hall_raw.get("phone", "")),
            query_url=str(hall_raw.get("query_url", "")),
        )
    except CaseNumberError as exc:
        raise SettingsError(f"{path}: [hall] {exc}") from None
    language = str(station.get("language", "zh_CN"))
    if language not in ("zh_CN", "en"):
        raise SettingsError(f"{path}: [workstation] language must be zh_CN or en, not {language!r}")
    return Settings(
        hall=hall,
        language=language,
        data_dir=Path(station["data_dir"]) if "data_dir" in station else data_dir(),
        guides=tuple(Path(p) for p in _list(station, "guides", path)),
        calendars=tuple(Path(p) for p in _list(station, "calendars", path)),
        demo=bool(station.get("demo", False)),
        idle_lock_minutes=_minutes(station, "idle_lock_minutes", path),
        retention_days=_days(station, "retention_days", path),
        devices=DeviceSettings(**{k: str(v) for k, v in devices_raw.items() if k in DeviceSettings._fields}),
        backoffice=_backoffice(backoffice_raw, path),
        security=_security(security_raw, path),
        source=path,
    )


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def _backoffice(raw: dict[str, Any], path: Path) -> BackofficeSettings:
    """The back-office connection; plain HTTP only on this machine (citizens' data never crosses a network in clear)."""
    from urllib.parse import urlsplit

    settings = BackofficeSettings(**{key: str(raw.get(key, "")).strip() for key in
                                     ("url", "username", "ca_file", "pin_sha256")})
    parts = urlsplit(settings.url)
    if settings.url and (parts.scheme not in ("http", "https") or not parts.hostname):
        raise SettingsError(f"{path}: [backoffice] url must be https://HOST[:PORT]/, not {settings.url!r}")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise SettingsError(f"{path}: [backoffice] url: use https:// for {parts.hostname} "
                            "(plain http is allowed only on this machine)")
    if settings.ca_file and not Path(settings.ca_file).is_file():
        raise SettingsError(f"{path}: [backoffice] ca_file {settings.ca_file} does not exist")
    pin = settings.pin_sha256.replace(":", "")
    if pin and (len(pin) != 64 or any(c not in "0123456789abcdefABCDEF" for c in pin)):
        raise SettingsError(f"{path}: [backoffice] pin_sha256 must be 64 hexadecimal digits (colons allowed)")
    return settings


def _security(raw: dict[str, Any], path: Path) -> SecuritySettings:
    unknown = sorted(set(raw) - set(SecuritySettings._fields))
    if unknown:
        raise SettingsError(f"{path}: [security] unknown key {unknown[0]!r} (known: key_source, enrolment_file)")
    source = str(raw.get("key_source", "enrolment")).strip()
    if source not in KEY_SOURCES:
        raise SettingsError(f"{path}: [security] key_source must be one of {', '.join(KEY_SOURCES)}, not {source!r}")
    enrolment_file = str(raw.get("enrolment_file", "")).strip()
    if enrolment_file and not Path(enrolment_file).is_absolute():
        raise SettingsError(f"{path}: [security] enrolment_file must be an absolute path, not {enrolment_file!r}")
    return SecuritySettings(key_source=source, enrolment_file=enrolment_file)


def _days(table: dict[str, Any], key: str, path: Path) -> int:
    value = table.get(key, 180)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3650:
        raise SettingsError(f"{path}: [workstation] {key} must be a whole number of days (0–3650), not {value!r}")
    return value


def _minutes(table: dict[str, Any], key: str, path: Path) -> int:
    value = table.get(key, 10)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 24 * 60:
        raise SettingsError(f"{path}: [workstation] {key} must be a whole number of minutes (0–1440), not {value!r}")
    return value


def _table(raw: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: [{name}] must be a table")
    return value


def _list(table: dict[str, Any], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{path}: {key} must be a list of paths")
    return value
