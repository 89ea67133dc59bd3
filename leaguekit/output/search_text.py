"""The words of site search: how text becomes index tokens, and how a query becomes lookups.

The build (`search_index`) indexes with these rules; the browser (search.js) turns a query into
tokens with the same rules and the syllable table the build ships in the manifest. Both sides
are checked against tests/search_cases.json.

- Text is NFKC-normalised and lower-cased. Chinese runs become overlapping character pairs
  (北洸乡 → 北洸 洸乡), so any part of a name of two or more characters is found without a
  dictionary; names (titles, short names, places) also index single characters.
- Names also index *gap pairs*, the two characters either side of one (青年之家 → 青_之 年_家):
  a query with one wrong, missing or extra character (青年只家) is retried with them
  (`typo_plans`).
- Names index their pinyin (pypinyin's reading in context): each character's syllable, that
  syllable joined with each prefix of the next one's (太谷 → tai taig taigu), and the initials of
  each pair (tg). A query word of Latin letters that splits into syllables (the last may be cut
  short) looks up its neighbouring syllables joined (taiguq → taigu guq); one that does not is
  read as initials (tgq → tg gq). Latin words in the text are indexed by the same rule as a query
  of them, so `wifi` finds WiFi; a word with digits (g20, 12355) is one token.
- A query is asked the way people talk (青年之家电话, 七彩假期什么时候开始): `clean_query` drops
  question words and fillers (`FILLERS`, wherever they stand; `PARTICLES`, at the end of a run
  of Chinese) before it becomes tokens. The build ships both lists in the manifest.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
WORD_RE = re.compile("[a-z0-9]+")
LETTERS_RE = re.compile("[a-z]+")
LONE_RE = re.compile(f"(?<![{CJK}])[{CJK}](?![{CJK}])")  # a Chinese character without Chinese neighbours
PAIR_RE = re.compile(f"(?=([{CJK}]{{2}}))")  # every overlapping pair, in one pass of the regex engine
GAP_RE = re.compile(f"(?=([{CJK}])[{CJK}]([{CJK}]))")  # the characters either side of each inner one
HAN_RE = re.compile(f"[{CJK}]")
RUN_RE = re.compile(f"[{CJK}]+")
OTHER_RE = re.compile(f"[^{CJK}a-z0-9]")  # punctuation and spaces: never part of a token
GAP = "_"  # joins a gap pair: never part of a token made any other way
LONGEST_WORD = 40  # letters; a longer Latin word is not read as pinyin
LONGEST_SYLLABLE = 6  # zhuang


# Question words and fillers: what a visitor adds around a name, never what a page is found by.
# Longer words first: one alternation (here and in search.js) takes 电话号码 whole, not 电话 and a stray 号码.
FILLERS = tuple(
    sorted(
        {
            "电话号码", "联系电话", "联系方式", "电话", "号码", "手机号",
            "地址在哪", "在哪里", "在哪儿", "在哪", "哪里", "哪儿", "去哪玩", "去哪儿", "去哪", "哪里玩", "哪个", "哪些", "哪家",
            "怎么走", "怎么去", "怎么办", "怎么样", "怎么报名", "怎么", "怎样", "如何", "地址", "位置",
            "什么时候", "什么时间", "啥时候", "几点钟", "几点", "几号", "多久", "时间表", "开放时间", "营业时间",
            "开门", "关门", "开始", "结束", "报名", "参加", "有没有", "有什么", "是什么", "是多少", "多少",
            "什么", "那个", "这个", "一下", "请问", "我想", "我要", "想要", "想找", "可以", "能不能", "好玩",
            "今天", "明天", "后天", "的",
        },
        key=lambda w: (-len(w), w),
    )
)
PARTICLES = "吗呢啊呀吧么嘛哦"  # dropped at the end of a run of Chinese (开门吗, 在哪呢)
FILLER_RE = re.compile("|".join(map(re.escape, FILLERS)))
PARTICLE_RE = re.compile(f"[{PARTICLES}]+(?![{CJK}])")


def clean_query(text: str) -> str:
    """`text` normalised, its punctuation and question words and fillers each made a space; `text` as
    typed (normalised) when nothing else is left: someone who types only 电话 means it."""
    text = normalize(text)
    cleaned = " ".join(PARTICLE_RE.sub(" ", FILLER_RE.sub(" ", OTHER_RE.sub(" ", text))).split())
    return cleaned if WORD_RE.search(cleaned) or HAN_RE.search(cleaned) else " ".join(text.split())


def name_key(text: str) -> str:
    """What a name is compared by when a query is exactly a page's name: cleaned like a query, without spaces."""
    return OTHER_RE.sub("", clean_query(text))


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def shard_of(token: str, shards: int) -> int:
    return zlib.crc32(token.encode("utf-8")) % shards


# --- pinyin -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def syllables() -> tuple[str, ...]:
    """Every toneless syllable pypinyin can give (ü as v), sorted: the table search.js splits queries with.
    Syllables without a vowel (m, n, ng, hm) are left out: as syllables they would swallow initials."""
    found = set()
    for reading in set(",".join(set(pinyin_dict.values())).split(",")):
        decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")  # ü, with or without a tone
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        if re.fullmatch("[a-z]*[aeiouv][a-z]*", plain):
            found.add(plain)
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    table = frozenset(syllables())
    return table, frozenset(s[:k] for s in table for k in range(1, len(s)))


def split_pinyin(word: str, table: frozenset[str], starts: frozenset[str]) -> list[str] | None:
    """`word` as syllables, longest first, the last possibly cut short (taigu → tai gu, zhij → zhi j);
    None when it cannot be read so. `starts`: every proper prefix of a syllable."""
    failed: set[int] = set()

    def rest(i: int) -> list[str] | None:
        if i == len(word):
            return []
        if i in failed:
            return None
        for size in range(min(LONGEST_SYLLABLE, len(word) - i), 0, -1):
            if word[i : i + size] in table and (more := rest(i + size)) is not None:
                return [word[i : i + size], *more]
        if word[i:] in starts:
            return [word[i:]]
        failed.add(i)
        return None

    return rest(0) if 0 < len(word) <= LONGEST_WORD else None


def word_tokens(word: str, table: frozenset[str] | None = None, starts: frozenset[str] | None = None) -> list[str]:
    """What a Latin word is looked up (and indexed) by: pinyin syllables joined in neighbouring pairs,
    else letter pairs (initials); a word with digits, or of one letter, as itself."""
    if table is None or starts is None:
        table, starts = _tables()
    if len(word) < 2 or not LETTERS_RE.fullmatch(word):
        return [word]
    parts = split_pinyin(word, table, starts)
    if parts is None:
        parts = list(word)  # initials: one letter per character
    if len(parts) == 1:
        return [word]
    return list(dict.fromkeys(a + b for a, b in zip(parts, parts[1:])))


@lru_cache(maxsize=1 << 16)
def _reading(run: str) -> tuple[str, ...]:
    """The toneless pinyin of each character of a Chinese run, ü as v ('' where pypinyin has none)."""
    found = lazy_pinyin(run, errors=lambda chars: [""] * len(chars))
    if len(found) != len(run):
        return ("",) * len(run)
    # one string per syllable (about 400 of them), not one per character of every name cached here
    return tuple(sys.intern(s) if LETTERS_RE.fullmatch(s) else "" for s in found)


def pinyin_tokens(text: str) -> list[str]:
    """Pinyin tokens of the Chinese in `text`: for each character, its syllable and that syllable joined
    with every prefix of the next one's (what a query of the two, the second cut short, looks up); for
    each pair, the initials."""
    found: list[str] = []
    for run in RUN_RE.findall(normalize(text)):
        reading = _reading(run)
        for i, syllable in enumerate(reading):
            if not syllable:
                continue
            following = reading[i + 1] if i + 1 < len(reading) else ""
            found.append(syllable)
            found += [syllable + following[:k] for k in range(1, len(following) + 1)]
            if following:
                found.append(syllable[0] + following[0])
    return found


# --- text and queries --------------------------------------------------------------------


def tokens(text: str, *, unigrams: bool = False) -> list[str]:
    """Index tokens of `text`: Latin and digit words (`word_tokens`), Chinese characters that stand
    alone, then every pair of neighbouring Chinese characters; with `unigrams`, every Chinese character too."""
    text = normalize(text)
    found = [t for w in WORD_RE.findall(text) for t in word_tokens(w)]
    found += (HAN_RE if unigrams else LONE_RE).findall(text)
    found += PAIR_RE.findall(text)
    return found


def name_tokens(text: str) -> list[str]:
    """Tokens of a name (a title, a short name, a town): as `tokens` with single characters, plus gap pairs,
    pinyin, and the pairs across its punctuation (青年夜校·舞蹈课 → 校舞: nobody types the dot)."""
    text = normalize(text)
    gaps = [a + GAP + b for a, b in GAP_RE.findall(text)]
    joined = OTHER_RE.sub("", text)
    across = PAIR_RE.findall(joined) if len(joined) < len(text) else []
    return tokens(text, unigrams=True) + gaps + across + pinyin_tokens(text)


def query_tokens(text: str, table: frozenset[str] | None = None, starts: frozenset[str] | None = None) -> list[str]:
    """What a query looks up (search.js does the same): pairs, a lone character as itself, Latin words by `word_tokens`."""
    if table is None or starts is None:
        table, starts = _tables()
    text = normalize(text)
    found = [t for w in WORD_RE.findall(text) for t in word_tokens(w, table, starts)]
    found += LONE_RE.findall(text) + PAIR_RE.findall(text)
    return list(dict.fromkeys(found))


def typo_plans(text: str, missing: set[str]) -> list[list[str]]:
    """Other lookups to try when some of a query's character pairs are in no page (`missing`), on the
    guess that one character of one Chinese run was mistyped, left out or doubled. In order:
    a character left out (the gap pair of the missing pair), a wrong character (the gap pair around
    it), an extra character (the pair without it). Empty when the missing pairs are not one such slip."""
    text = normalize(text)
    base = query_tokens(text)
    runs = [run for run in RUN_RE.findall(text) if len(run) >= 3]
    slips = [(run, [j for j in range(len(run) - 1) if run[j : j + 2] in missing]) for run in runs]
    slips = [(run, at) for run, at in slips if at]
    if len(slips) != 1 or len(missing - {p for run in runs for p in PAIR_RE.findall(run)}) > 0:
        return []
    run, at = slips[0]

    def plan(drop: list[int], add: list[str]) -> list[str]:
        dropped = {run[j : j + 2] for j in drop}
        return list(dict.fromkeys([t for t in base if t not in dropped] + add))

    plans: list[list[str]] = []
    if len(at) == 1:
        j = at[0]
        plans.append(plan([j], [run[j] + GAP + run[j + 1]]))  # 青年家: a character left out between
        if j + 2 < len(run):
            plans.append(plan([j, j + 1], [run[j] + GAP + run[j + 2]]))  # the second character wrong
        if j >= 1:
            plans.append(plan([j - 1, j], [run[j - 1] + GAP + run[j + 1]]))  # the first character wrong
        plans.append(plan([j], []))  # an extra character, or a wrong one at the edge
    elif len(at) == 2 and at[1] == at[0] + 1:
        i = at[1]
        plans.append(plan(at, [run[i - 1] + GAP + run[i + 1]]))  # 青年只家: the character between wrong
        plans.append(plan(at, [run[i - 1] + run[i + 1]]))  # 青年之x家: an extra character
    return [p for p in plans if p]
