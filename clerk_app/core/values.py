"""`Value`: small immutable classes that cost nothing to define.

A frozen dataclass writes its methods as source text and compiles them when its module is
imported: about a millisecond per class. That is paid at every start for each one the
workstation's first frame imports (settings, search entries, the signed-in clerk), so those
write their `__init__` (calling `_set`) and name their `_fields`, and get from here what the
dataclass gave them: equality and hash over the fields (same class only), a repr, and no
assignment after `__init__`.
"""

from __future__ import annotations


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) an attribute of an immutable value."""


class Value:
    _fields: tuple[str, ...] = ()  # compared, hashed and shown, in this order

    def _set(self, **values: object) -> None:
        """For `__init__`: the fields' values (and any not compared, such as a callback)."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r} of {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r} of {type(self).__name__}")
