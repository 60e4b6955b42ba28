"""Matter search: the clerk's search box, answered at every keystroke.

Clerks find a matter or a 一件事 bundle by name (不动产登记), code, full pinyin (budongchan),
pinyin initials (bdcdj) or any mix (budcdj, gtgsh设立, hzhy with zh typed as one initial). The
rule behind all of these: each character of a name is a *unit* that the query covers with the
character itself or with a non-empty prefix of one of its readings, and a name matches when
consecutive units cover the whole query. Readings come from pypinyin in context (银行: yin hang);
up to `MAX_ALTERNATES` other readings of a polyphonic character (还 hai/huan) count too, lower.

Ranking is `MatchKind` order; within a kind, earlier match start, then shorter name, then name,
then code, so results are deterministic.

Speed (p95 ≤ 5 ms per keystroke over 7,304 matters, benchmarks/bench_search.py): at build time
each distinct text gets a run of bits in one long bit string, and each key (a character, or a
prefix of a reading) an int holding the bits of the units it covers. A query is then a dynamic
program over its own length (which piece of it covers the next unit), done with C-speed shifts
and ANDs on those ints, never a Python loop over entries; hits come out kind by kind and start
by start, and the search stops once `limit` hits are found.
"""
from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import IntEnum
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from clerk_app.core.values import Value

if TYPE_CHECKING:
    from clerk_app.core.catalogue import Catalogue

MAX_ALTERNATES = 2  # other readings indexed per polyphonic character
MAX_QUERY = 64  # characters of a query that are used
_MAX_PIECE = 6  # the longest pinyin syllable (zhuang, shuang, chuang)
_MAX_SUBSEQUENCE = 16  # longer queries are not looked for as scattered characters
# Used only to build an index (never for a cached one): compiled on first use, by `re`'s cache.
_HANS = r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
_READING = r"[a-z]+"
_NONZERO = bytes([0] + [1] * 255)  # translation table: 1 for every byte that is not 0
_SORT_AT_MOST = 512  # starts sorted at once up to this many; beyond, taken level by level
_TONELESS = str.maketrans(
    {**dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěèê", "e"), **dict.fromkeys("īíǐì", "i"),
     **dict.fromkeys("ōóǒò", "o"), **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("üǖǘǚǜ", "v"),
     **dict.fromkeys("ńňǹ", "n"), "ḿ": "m"}
)
# Full-width ASCII (！ to ～) and the ideographic space to ASCII, then ASCII capitals to small:
# one character for one character, so positions in a folded text are positions in the original.
_FOLD = str.maketrans(
    {**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u3000": " "}
)
_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(0x41, 0x5B)})


class MatchKind(IntEnum):
    """Why an entry matched; the order is the ranking."""

    CODE_EXACT = 0
    CODE_PREFIX = 1
    NAME_PREFIX = 2
    PINYIN_PREFIX = 3
    ALIAS_PREFIX = 4
    NAME_SUBSTRING = 5
    PINYIN_SUBSTRING = 6
    ALIAS_SUBSTRING = 7
    OTHER_READING = 8
    CODE_SUBSTRING = 9
    SUBSEQUENCE = 10

    def label(self, lang: str = "zh") -> str:
        zh, en = _KIND_LABELS[self]
        return en if lang.startswith("en") else zh


_KIND_LABELS = {
    MatchKind.CODE_EXACT: ("编码完全匹配", "code"),
    MatchKind.CODE_PREFIX: ("编码开头", "code prefix"),
    MatchKind.NAME_PREFIX: ("名称开头", "name prefix"),
    MatchKind.PINYIN_PREFIX: ("拼音开头", "pinyin prefix"),
    MatchKind.ALIAS_PREFIX: ("别名", "alias"),
    MatchKind.NAME_SUBSTRING: ("名称包含", "in the name"),
    MatchKind.PINYIN_SUBSTRING: ("拼音包含", "pinyin in the name"),
    MatchKind.ALIAS_SUBSTRING: ("别名包含", "in an alias"),
    MatchKind.OTHER_READING: ("多音字读音", "other reading of a polyphonic character"),
    MatchKind.CODE_SUBSTRING: ("编码包含", "in the code"),
    MatchKind.SUBSEQUENCE: ("按顺序包含", "characters in order"),
}


class SearchEntry(Value):
    """What the index knows of a matter or a bundle (a `Value`: the first frame imports it)."""

    _fields = ("code", "name", "aliases", "department")
    code: str
    name: str
    aliases: tuple[str, ...]
    department: str

    def __init__(self, code: str, name: str, aliases: Iterable[str] = (), department: str = "") -> None:
        self._set(code=code, name=name, aliases=tuple(aliases), department=department)


class SearchHit(Value):
    """An entry found, and what matched: `text` is its code, name or an alias (per `field`)."""

    _fields = ("entry", "kind", "field", "text")  # `locate` is neither compared nor shown
    entry: SearchEntry
    kind: MatchKind
    field: str
    text: str
    locate: Callable[[], tuple[int, ...]]

    def __init__(self, entry: SearchEntry, kind: MatchKind, field: str, text: str,
                 locate: Callable[[], tuple[int, ...]]) -> None:
        self._set(entry=entry, kind=kind, field=field, text=text, locate=locate)

    @cached_property
    def positions(self) -> tuple[int, ...]:
        """Indexes of the characters of `text` to highlight, worked out on first use: a list
        shows a few rows of the hits, and only those need it."""
        return self.locate()


def _entry(code: str, name: str, aliases: tuple[str, ...], department: str) -> SearchEntry:
    """A stored entry as it was (as unpickling makes it: no `__init__` per entry)."""
    entry = object.__new__(SearchEntry)
    entry.__dict__.update(code=code, name=name, aliases=aliases, department=department)
    return entry


def catalogue_entries(catalogue: Catalogue) -> list[SearchEntry]:
    """Search entries for every matter and bundle of a catalogue."""
    items = [*catalogue.matters.values(), *catalogue.bundles.values()]
    return [SearchEntry(i.code, i.name, i.aliases, i.department) for i in items]


def fold(text: str) -> str:
    """Full-width ASCII to half-width and capitals to small letters, position for position."""
    return text.translate(_FOLD).translate(_LOWER)


def normalize_query(query: str) -> str:
    """What a query is matched as: NFKC, folded, without spaces and pinyin apostrophes."""
    text = fold(unicodedata.normalize("NFKC", query))
    return "".join(c for c in text if not c.isspace() and c not in "'’")[:MAX_QUERY]


_LETTERS = frozenset(string.ascii_lowercase + string.digits)


def _is_letter(char: str) -> bool:
    """An ASCII letter or digit (of folded text): matched by readings, not as a character."""
    return char in _LETTERS


def _toneless(reading: str) -> str | None:
    plain = reading.translate(_TONELESS)
    if not re.fullmatch(_READING, plain):
        decomposed = unicodedata.normalize("NFD", plain)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain if re.fullmatch(_READING, plain) else None


@lru_cache(maxsize=16384)
def _char_readings(char: str) -> tuple[str, ...]:
    """Every reading pypinyin knows for a character, toneless, most common first."""
    from pypinyin import pinyin  # imported on first use: ~1 s, and a cached index never needs it

    found: list[str] = []
    for reading in pinyin(char, heteronym=True)[0]:
        plain = _toneless(reading)
        if plain and plain not in found:
            found.append(plain)
    return tuple(found)


def readings(text: str) -> list[tuple[str, ...]]:
    """Per character of `text`: its readings, the one in context first; () when it has none.

    An ASCII letter or digit reads as itself; punctuation has no reading.
    """
    from pypinyin import Style, lazy_pinyin

    units: list[tuple[str, ...]] = [(c,) if _is_letter(c) else () for c in fold(text)]
    for run in re.finditer(_HANS, text):
        in_context = lazy_pinyin(run.group(), style=Style.TONE)
        if len(in_context) != len(run.group()):  # characters pypinyin cannot read
            in_context = [(_char_readings(c) or ("",))[0] for c in run.group()]
        for offset, (char, reading) in enumerate(zip(run.group(), in_context, strict=True)):
            first = _toneless(reading)
            others = [r for r in _char_readings(char) if r != first][:MAX_ALTERNATES]
            units[run.start() + offset] = tuple(r for r in (first, *others) if r)
    return units


def _to_int(positions: Iterable[int], size: int) -> int:
    data = bytearray((size + 7) // 8)
    for p in positions:
        data[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(data, "little")


def _set_bits(value: int) -> Iterator[int]:
    """Positions of the set bits of `value`, ascending (bytes.find skips the empty bytes)."""
    data = value.to_bytes((value.bit_length() + 7) // 8, "little")
    marks = data.translate(_NONZERO)
    index = marks.find(1)
    while index >= 0:
        byte = data[index]
        while byte:
            low = byte & -byte
            yield index * 8 + low.bit_length() - 1
            byte ^= low
        index = marks.find(1, index + 1)


def _pieces(query: str) -> list[list[str]]:
    """For each query position, the pieces that may cover one unit starting there."""
    found: list[list[str]] = []
    for i, char in enumerate(query):
        if not _is_letter(char):
            found.append([char])
            continue
        end = i
        while end < len(query) and end - i < _MAX_PIECE and _is_letter(query[end]):
            end += 1
        found.append([query[i:j] for j in range(i + 1, end + 1)])
    return found


# A match as a tier finds it: the entries owning the text, the text's number (the entry's for
# codes) and where the match starts. Positions are worked out only for the hits returned.
_Match = tuple[Sequence[int], int, int]


class _Ref:
    """An entry found: which, why, in which field and text, from where."""

    __slots__ = ("entry", "field", "index", "kind", "start")

    def __init__(self, entry: int, kind: MatchKind, field: str, index: int, start: int) -> None:
        self.entry, self.kind, self.field, self.index, self.start = entry, kind, field, index, start


class _TextField:
    """Bit-set index over the distinct texts of one field (names, or aliases)."""

    _ARRAYS = ("text_of", "unit_of")  # unsigned ints per bit: bytes in `state()`

    def __init__(self, texts: dict[str, list[int]], order: Sequence[int], field_name: str) -> None:
        from array import array  # only to build: a cached index comes from `from_state`

        self.field = field_name
        self.texts = sorted(texts, key=lambda t: (len(t), t))
        self.owners = [sorted(texts[t], key=order.__getitem__) for t in self.texts]
        self.readings = [tuple(readings(t)) for t in self.texts]
        # one empty bit between texts stops matches at the end of a text
        *self.offsets, size = [0, *accumulate(len(text) + 1 for text in self.texts)]
        self.everything = (1 << size) - 1
        self.text_of = array("I", (t for t, text in enumerate(self.texts) for _ in range(len(text) + 1)))
        self.unit_of = array("I", (u for text in self.texts for u in range(len(text) + 1)))
        self.primary, self.others = self._keys(size)
        units = self.everything & ~_to_int((o + len(t) for o, t in zip(self.offsets, self.texts, strict=True)), size)
        longest = max(map(len, self.texts), default=0)
        self.levels = [_to_int(self.offsets, size)]  # levels[s]: the s-th unit of every text
        while len(self.levels) < longest:
            self.levels.append((self.levels[-1] << 1) & units)
        self.steps = [1 << k for k in range(max(longest - 1, 1).bit_length())]
        self.ahead = {1: units & (units >> 1)}  # ahead[k]: units with a unit k further on
        for step in self.steps[1:]:
            half = self.ahead[step >> 1]
            self.ahead[step] = half & (half >> (step >> 1))

    def state(self) -> dict[str, object]:
        return {k: bytes(v) if k in self._ARRAYS else v for k, v in vars(self).items()}

    @classmethod
    def from_state(cls, state: dict[str, object]) -> _TextField:
        made = cls.__new__(cls)
        made.__dict__.update(state)
        for name in cls._ARRAYS:
            setattr(made, name, memoryview(state[name]).cast("I"))  # type: ignore[arg-type]  # bytes
        return made

    def _keys(self, size: int) -> tuple[dict[str, int], dict[str, int]]:
        primary: dict[str, list[int]] = {}
        others: dict[str, list[int]] = {}
        for offset, text, units in zip(self.offsets, self.texts, self.readings, strict=True):
            for u, (char, unit) in enumerate(zip(text, units, strict=True)):
                position = offset + u
                if not _is_letter(char):
                    primary.setdefault(char, []).append(position)
                first = unit[0] if unit else ""
                for n in range(1, len(first) + 1):
                    primary.setdefault(first[:n], []).append(position)
                for other in unit[1:]:
                    for n in range(1, len(other) + 1):
                        if not first.startswith(other[:n]):
                            others.setdefault(other[:n], []).append(position)
        return ({k: _to_int(v, size) for k, v in primary.items()},
                {k: _to_int(v, size) for k, v in others.items()})

    def contiguous(self, pieces: list[list[str]], others: bool) -> int:
        """Bits of the units where a match of the whole query starts."""
        primary, alternate = self.primary, self.others

        def bits(piece: str) -> int:
            return primary.get(piece, 0) | (alternate.get(piece, 0) if others else 0)

        after = [0] * len(pieces) + [self.everything]  # after[i]: where query[i:] can start
        for i in range(len(pieces) - 1, -1, -1):
            found = 0
            for piece in pieces[i]:
                rest = after[i + len(piece)]
                if rest:
                    found |= bits(piece) & (rest >> 1)
            after[i] = found
        return after[0]

    def refs(self, starts: int, levels: range) -> Iterator[_Match]:
        """Matches starting at the given unit levels, in ranking order (level, then text)."""
        if starts.bit_count() <= _SORT_AT_MOST:
            found = sorted((self.unit_of[p], self.text_of[p]) for p in _set_bits(starts))
            yield from ((self.owners[text], text, level) for level, text in found if level in levels)
            return
        for level in levels:
            if level >= len(self.levels):
                return
            here = starts & self.levels[level]
            if here:
                yield from ((self.owners[self.text_of[p]], self.text_of[p], level) for p in _set_bits(here))

    def subsequence(self, query: str) -> Iterator[_Match]:
        """Texts holding the query's characters, or initials, in order with gaps (不登, bddj)."""
        if not 2 <= len(query) <= _MAX_SUBSEQUENCE:
            return
        keys = [self.primary.get(c, 0) for c in query]
        found = keys[-1]
        for bits in reversed(keys[:-1]):
            found = bits & self._followed_by(found)
            if not found:
                return
        yield from self.refs(found, range(1 << 16))

    def _followed_by(self, bits: int) -> int:
        """Units followed, later in the same text, by a unit of `bits` (doubling shifts)."""
        spread = (bits >> 1) & self.ahead[1]
        for step in self.steps:
            spread |= (spread >> step) & self.ahead[step]
        return spread

    def in_order(self, text: int, start: int, query: str) -> tuple[int, ...]:
        """Where a subsequence match starting at `start` finds each character, earliest first."""
        chars, units = self.texts[text], self.readings[text]
        found, u = [], start
        for char in query:
            while u < len(chars) and not (chars[u] == char or (units[u] and units[u][0][0] == char)):
                u += 1
            found.append(u)
            u += 1
        return tuple(found)

    def span(self, text: int, start: int, query: str, others: bool) -> tuple[int, ...]:
        """The units a contiguous match of `query` starting at unit `start` covers."""
        stop = _match_end(query, self.texts[text], self.readings[text], start, others)
        return tuple(range(start, stop if stop is not None else start + 1))


def _common(reading: str, query: str, i: int) -> int:
    """How many letters of `query` from i the reading starts with."""
    if query.startswith(reading, i):
        return len(reading)
    n = 0
    while n < len(reading) and i + n < len(query) and reading[n] == query[i + n]:
        n += 1
    return n


def _match_end(query: str, chars: str, units: Sequence[tuple[str, ...]], start: int, others: bool) -> int | None:
    """The unit after a match of `query` from `start`: each unit takes as many of the query's
    letters as it can, backing off to fewer only when the rest then fails to match."""
    memo: dict[tuple[int, int], int | None] = {}

    def end(i: int, u: int) -> int | None:
        if i == len(query):
            return u
        if u >= len(chars):
            return None
        if (i, u) not in memo:
            if not _is_letter(query[i]):
                memo[(i, u)] = end(i + 1, u + 1) if chars[u] == query[i] else None
            else:
                longest = max((_common(r, query, i) for r in (units[u] if others else units[u][:1])), default=0)
                memo[(i, u)] = next(
                    (e for n in range(longest, 0, -1) if (e := end(i + n, u + 1)) is not None), None
                )
        return memo[(i, u)]

    return end(0, start)


class _Codes:
    """Codes, hyphens ignored: sorted for prefixes, one string for substrings."""

    def __init__(self, entries: Sequence[SearchEntry]) -> None:
        keyed = sorted((self.key(e.code), i) for i, e in enumerate(entries))
        self.keys = [k for k, _ in keyed]
        self.ids = [i for _, i in keyed]
        self.blob = "\n".join(self.keys)
        self.starts = [0, *accumulate(len(key) + 1 for key in self.keys[:-1])]

    @staticmethod
    def key(code: str) -> str:
        return fold(code).replace("-", "")

    def prefixed(self, key: str, exact: bool) -> Iterator[_Match]:
        """Codes equal to `key` (exact) or only starting with it, in code order."""
        for n in range(bisect_left(self.keys, key), len(self.keys)):
            if not self.keys[n].startswith(key) or (exact and self.keys[n] != key):
                return
            if exact or self.keys[n] != key:
                yield (self.ids[n],), self.ids[n], 0

    def containing(self, key: str) -> Iterator[_Match]:
        at = self.blob.find(key)
        while at >= 0:
            n = bisect_right(self.starts, at) - 1
            yield (self.ids[n],), self.ids[n], at - self.starts[n]
            at = self.blob.find(key, at + 1)


class _Found:
    """The hits so far, each entry once, in ranking order."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.refs: list[_Ref] = []
        self.seen: set[int] = set()

    def take(self, kind: MatchKind, field_name: str, matches: Iterable[_Match]) -> bool:
        """Add the entries not found yet; True once the limit is reached."""
        for owners, index, start in matches:
            for owner in owners:
                if owner not in self.seen:
                    self.seen.add(owner)
                    self.refs.append(_Ref(owner, kind, field_name, index, start))
                    if len(self.refs) >= self.limit:
                        return True
        return False


class SearchIndex:
    """Search over matter and bundle entries; build once, query at every keystroke."""

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        self.entries = list(entries)
        order = sorted(range(len(self.entries)), key=self._rank_key)
        rank = [0] * len(self.entries)
        for position, n in enumerate(order):
            rank[n] = position
        names: dict[str, list[int]] = {}
        aliases: dict[str, list[int]] = {}
        for n, entry in enumerate(self.entries):
            names.setdefault(fold(entry.name), []).append(n)
            for alias in dict.fromkeys(fold(a) for a in entry.aliases):
                aliases.setdefault(alias, []).append(n)
        self._names = _TextField(names, rank, "name")
        self._aliases = _TextField(aliases, rank, "alias")
        self._codes = _Codes(self.entries)

    def state(self) -> tuple[object, ...]:
        """The index as plain values (str, int, bytes, tuple, list, dict), e.g. for `marshal`."""
        entries = tuple((e.code, e.name, e.aliases, e.department) for e in self.entries)
        return entries, self._names.state(), self._aliases.state(), dict(vars(self._codes))

    @classmethod
    def from_state(cls, state: Sequence[object]) -> SearchIndex:
        """The index whose `state()` this is, without building it again."""
        entries, names, aliases, codes = state
        index = cls.__new__(cls)
        index.entries = [_entry(*values) for values in entries]  # type: ignore[attr-defined]  # tuples
        index._names, index._aliases = _TextField.from_state(names), _TextField.from_state(aliases)  # type: ignore[arg-type]
        index._codes = _Codes.__new__(_Codes)
        index._codes.__dict__.update(codes)  # type: ignore[arg-type]  # a dict
        return index

    def _rank_key(self, n: int) -> tuple[int, str, str]:
        entry = self.entries[n]
        return len(entry.name), fold(entry.name), entry.code

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """The best `limit` entries for what the clerk has typed so far."""
        text = normalize_query(query)
        if not text or limit <= 0:
            return []
        found = _Found(limit)
        for kind, field_name, matches in self._tiers(text):
            if found.take(kind, field_name, matches):
                break
        return [self._hit(ref, text) for ref in found.refs]

    def _tiers(self, query: str) -> Iterator[tuple[MatchKind, str, Iterable[_Match]]]:
        """Candidate matches, best kind first; later kinds are computed only when needed."""
        code = query.replace("-", "")
        is_code = code.isascii() and code.isalnum()
        if is_code:
            yield MatchKind.CODE_EXACT, "code", self._codes.prefixed(code, exact=True)
            yield MatchKind.CODE_PREFIX, "code", self._codes.prefixed(code, exact=False)
        letters = any(_is_letter(c) for c in query)
        prefix, inner = (
            (MatchKind.PINYIN_PREFIX, MatchKind.PINYIN_SUBSTRING) if letters
            else (MatchKind.NAME_PREFIX, MatchKind.NAME_SUBSTRING)
        )
        pieces = _pieces(query)
        names = self._names.contiguous(pieces, others=False)
        yield prefix, "name", self._names.refs(names, range(1))
        aliases = self._aliases.contiguous(pieces, others=True)
        yield MatchKind.ALIAS_PREFIX, "alias", self._aliases.refs(aliases, range(1))
        yield inner, "name", self._names.refs(names, range(1, 1 << 16))
        yield MatchKind.ALIAS_SUBSTRING, "alias", self._aliases.refs(aliases, range(1, 1 << 16))
        if letters:
            other = self._names.contiguous(pieces, others=True) & ~names
            yield MatchKind.OTHER_READING, "name", self._names.refs(other, range(1 << 16))
        if is_code and len(code) >= 3 and any(c.isdigit() for c in code):
            yield MatchKind.CODE_SUBSTRING, "code", self._codes.containing(code)
        yield MatchKind.SUBSEQUENCE, "name", self._names.subsequence(query)

    def _hit(self, ref: _Ref, query: str) -> SearchHit:
        entry = self.entries[ref.entry]
        if ref.field == "code":
            return SearchHit(entry, ref.kind, "code", entry.code, lambda: _code_positions(entry.code, ref, query))
        texts = self._names if ref.field == "name" else self._aliases
        text = entry.name if ref.field == "name" else _original_alias(entry, texts.texts[ref.index])
        if ref.kind is MatchKind.SUBSEQUENCE:
            return SearchHit(entry, ref.kind, ref.field, text, lambda: texts.in_order(ref.index, ref.start, query))
        others = ref.kind in (MatchKind.OTHER_READING, MatchKind.ALIAS_PREFIX, MatchKind.ALIAS_SUBSTRING)
        return SearchHit(entry, ref.kind, ref.field, text, lambda: texts.span(ref.index, ref.start, query, others))


def _original_alias(entry: SearchEntry, folded: str) -> str:
    return next((a for a in entry.aliases if fold(a) == folded), folded)


def _code_positions(code: str, ref: _Ref, query: str) -> tuple[int, ...]:
    key_positions = [i for i, c in enumerate(code) if c != "-"]
    length = len(query.replace("-", ""))
    return tuple(key_positions[ref.start : ref.start + length])
