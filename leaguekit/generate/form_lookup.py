"""What the venue form looks up without a server: the pinyin of Chinese characters and the ids taken.

The form proposes a file name from the venue's name as the scaffold does (`slugs.new_venue_id`): the
org, then the pinyin of the name without its district and type. It ships a table of the 6,763
characters of GB 2312 plus every character of the site's own names and places (rare place-name
characters such as 洸), each with its most common reading (about 22 KB); a character read
differently inside a word (柏 in 万柏林 is bǎi alone, bó there) may differ from the scaffold's,
and the name stays editable.

The ids taken (every venue's id and old ids) travel as a Bloom filter: about 1.2 bytes an id
(83 KB at 69,000 venues) instead of the ids themselves; one free id in a hundred is wrongly taken
for used, and the form then offers the next number, as the scaffold does for a real clash.
"""

from __future__ import annotations

import base64
import functools
import math
from collections.abc import Iterable

from pypinyin import lazy_pinyin

# Bits set per id and the false-positive rate the filter is sized for.
HASHES = 7
FALSE_POSITIVES = 0.01


def pinyin_table(extra: Iterable[str]) -> str:
    """`a阿啊…|ai哀…`: each reading followed by its characters, GB 2312's and those in `extra`."""
    readings = _gb2312_readings()
    return _table(frozenset(ch for text in extra for ch in text if "\u3400" <= ch <= "\u9fff" and ch not in readings))


@functools.lru_cache(maxsize=8)
def _table(rare: frozenset[str]) -> str:
    """The table with the characters outside GB 2312 in `rare`: `build-all`'s sites mostly share it."""
    readings = _gb2312_readings()
    chars = set(readings) | rare
    groups: dict[str, list[str]] = {}
    for ch in sorted(chars):
        reading = readings[ch] if ch in readings else lazy_pinyin(ch)[0]
        if reading.isascii() and reading.isalpha():
            groups.setdefault(reading, []).append(ch)
    return "|".join(reading + "".join(found) for reading, found in sorted(groups.items()))


@functools.cache
def _gb2312_readings() -> dict[str, str]:
    """Each of GB 2312's characters and its reading, looked up once per process (`build-all` draws a form per site)."""
    return {ch: lazy_pinyin(ch)[0] for ch in map(chr, range(0x4E00, 0xA000)) if _in_gb2312(ch)}


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _positions(text: str, bits: int) -> list[int]:
    """The filter's bits for `text`: double hashing over two FNV-1a hashes, as venue-form.js computes them."""
    h1, h2 = fnv(text, 0x811C9DC5), fnv(text, 0x01000193) | 1
    return [(h1 + i * h2) % bits for i in range(HASHES)]


def fnv(text: str, seed: int) -> int:
    """32-bit FNV-1a over the UTF-8 bytes of `text`, from `seed`: cheap, and the same in JavaScript."""
    value = seed
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def taken_filter(ids: Iterable[str]) -> dict[str, object]:
    """{"bits": how many, "k": hashes per id, "data": base64 of the bit array} for the form."""
    return dict(_filter_of(frozenset(ids)))


@functools.lru_cache(maxsize=2)
def _filter_of(ids: frozenset[str]) -> dict[str, object]:
    """The filter of a set of ids, made once: every org's site in `build-all` ships the whole repository's
    (69,000 ids hashed in Python take about a second)."""
    found = sorted(ids)
    bits = max(64, math.ceil(-len(found) * math.log(FALSE_POSITIVES) / math.log(2) ** 2))
    array = bytearray((bits + 7) // 8)
    for ident in found:
        for p in _positions(ident, bits):
            array[p >> 3] |= 1 << (p & 7)
    return {"bits": bits, "k": HASHES, "data": base64.b64encode(bytes(array)).decode("ascii")}


def may_be_taken(filter_: dict[str, object], ident: str) -> bool:
    """What the form asks the filter (for the tests)."""
    bits = int(filter_["bits"])  # type: ignore[arg-type]
    array = base64.b64decode(str(filter_["data"]))
    return all(array[p >> 3] & (1 << (p & 7)) for p in _positions(ident, bits))
