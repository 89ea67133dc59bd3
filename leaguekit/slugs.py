"""ASCII ids from Chinese text (pinyin), for new file names and district URLs.

Importing pypinyin's tables takes a moment, so `make check` never imports this module.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

MAX_ID = 40


def slug(text: str, limit: int = MAX_ID) -> str:
    """Lowercase pinyin and ASCII of `text`, hyphen-separated: 明星镇 -> mingxingzhen."""
    words = [re.sub(r"[^a-z0-9]+", "-", part.lower()) for part in lazy_pinyin(text)]
    joined = "".join(w if re.fullmatch(r"[a-z]+", w) else f"-{w}-" for w in words)
    return re.sub(r"-+", "-", joined).strip("-")[:limit].strip("-")


def district_key(city: str, name: str) -> str:
    """`taiyuan-xiaodianqu` for 小店区 under the 太原 city org: the district page's URL segment."""
    return f"{city}-{slug(name, 60) or 'area'}"
