"""Site search as static files: a phone downloads only the part of the index its words need.

Material's search fetched one index of every page on the first page view (18 MB gzip at
20,000 venues). Here each findable page is a *document* (url, title, summary, kind) and
each word a *token* (`search_text`: character pairs, names' gap pairs and pinyin):

- A token's postings are (document, score). The score says where the token stands (title and
  the page's other names ≫ keywords and places ≫ body; short titles more than long ones) times
  the weight of the document's kind, so a venue's own page ranks above a listing or a report
  that mentions it. A list longer than `CAP` keeps its `CAP` best entries and records how many
  documents hold the token, so a word on every page ("青年") costs the same at 69,000 venues as
  at 1,000.
- Postings go to `t/<n>.json`, sharded by the token's CRC-32 into as many files as keep
  one near `SHARD_BYTES`; document records to `d/<n>.json`, `CHUNK` to a file, in an order
  that keeps a district's venues together, so one query's results usually share a file.
  `manifest.json` holds the counts, the pinyin syllables a query is split with, the question
  words a query is cleaned of, and where the staff pages are and the words that ask for them.
  Builds are byte-identical for the same input.
- A page's record also says which names it owns (`owned_names`): a query that is exactly one of
  them puts the page first, a venue before any other. A page named like another org's venue, a
  service or a venue type does not own that name, so it cannot squat the top result.

The browser side (query rules, ranking) is leaguekit/theme/assets/javascripts/search.js; both
sides are checked against tests/search_cases.json.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import chain, compress, islice, repeat
from operator import and_, rshift, sub
from pathlib import Path

from .. import urls
from ..content.figures import FigureBook
from ..content.model import Content
from ..generate.page import KINDS, SearchEntry
from .search_text import FILLERS, HAN_RE, PARTICLES, WORD_RE, name_key, name_tokens, normalize, shard_of, syllables, tokens

FOLDER = "search"
FORMAT = 3  # search.js reads this format only
CAP = 600  # postings kept for a token found in more documents than this
CHUNK = 64  # document records per d/<n>.json
SHARD_BYTES = 24_000  # raw JSON per t/<n>.json (about 9 KB gzip)
STAFF_SECTION = "contribute/"  # hand-written pages here are for league staff

# Score of a token by where it stands; a title's score grows as the title gets shorter.
TITLE, TITLE_SHORT, KEYWORDS, RELATED, BODY, BODY_REPEAT = 48.0, 48.0, 16.0, 8.0, 4.0, 1.0


# --- text -------------------------------------------------------------------------------


class _TextParser(HTMLParser):
    SKIP = frozenset({"script", "style", "svg", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


@functools.lru_cache(maxsize=64)
def html_text(markup: str) -> str:
    """Visible text of an article's HTML (charts' SVG left out: their data is in a table too). Remembered for a
    few pages: the staff guide's are the same HTML on every site of `build-all`, and under `make serve` a save
    converts every hand-written page again, mostly to the same HTML."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def page_entry(url: str, title: str, description: str, content_html: str, content: Content, figures: FigureBook, keywords: str = "") -> SearchEntry:
    """A hand-written page (home, work reports, staff guide) from the HTML MkDocs made of it.
    A work report or figures page names its org in the summary (two orgs' pages share a title);
    the staff guide's pages are staff pages, asked for by their title and `keywords` (front matter)."""
    kind, summary = "page", description or content.settings.description
    if url.startswith(STAFF_SECTION):
        kind = "staff"
    for org in figures.orgs.values():
        for page, found in ((org.report_page, "report"), (org.figures_page, "figures")):
            if page and urls.page_of_doc(page) == url:
                kind, summary = found, f"{content.orgs[org.org].name} · {summary}"
    return SearchEntry(kind=kind, title=title, summary=summary, keywords=keywords, body=html_text(content_html))


# --- index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexStats:
    documents: int
    tokens: int
    truncated: int
    shards: int
    chunks: int
    bytes: int


class SearchIndex:
    """Collects entries during the build; `write()` tokenises and writes them in one pass."""

    def __init__(self, scores: dict[SearchEntry, dict[str, int]] | None = None, kept: KeptIndex | None = None) -> None:
        self.entries: list[tuple[str, SearchEntry]] = []
        self.kept = kept  # `mkdocs serve`: the index as last written (a save rewrites what changed)
        # Each entry's tokens and scores by entry (`mkdocs serve` keeps them between rebuilds: a save
        # changes a few entries). None: computed afresh, nothing kept.
        self.scores = scores

    def add(self, url: str, entries: Iterable[SearchEntry]) -> None:
        for entry in entries:
            self.entries.append((url + entry.at, entry))

    def ordered(self) -> list[tuple[str, SearchEntry]]:
        """Kinds in `KINDS` order, then by group, then by URL: a district's venues sit together."""
        rank = {kind: i for i, kind in enumerate(KINDS)}
        return sorted(self.entries, key=lambda item: (rank[item[1].kind], item[1].group, item[0]))

    def write(self, folder: Path) -> IndexStats:
        docs = self.ordered()
        kept = self.kept
        if kept is not None and kept.valid and kept.urls == [url for url, _ in docs]:
            return kept.update(folder, docs, self._scores_of)
        # token -> postings, each `doc << 8 | score`, in document order
        postings: defaultdict[str, array] = defaultdict(lambda: array("I"))
        for doc, (_, entry) in enumerate(docs):
            found = self._scores_of(entry)
            # map() runs the appends in C: this loop sees every token of every page
            # (7 million at 20,000 venues).
            deque(map(array.append, map(postings.__getitem__, found), map((doc << 8).__or__, found.values())), maxlen=0)

        truncated = sum(len(p) > CAP for p in postings.values())
        # Without a serve session to keep them, each token's postings go once encoded, and each file once written:
        # the process writing a national index holds neither all postings beside their text nor every file.
        take = postings.__getitem__ if kept is not None else postings.pop
        encoded = {token: _encode(take(token)) for token in sorted(postings)}
        total = sum(len(t) + len(v) + 4 for t, v in encoded.items())
        shards = max(1, -(-total // SHARD_BYTES))
        buckets: list[list[str]] = [[] for _ in range(shards)]
        for token in encoded:
            buckets[shard_of(token, shards)].append(token)
        owned = owned_names([e for _, e in docs])
        made = chain(
            ((f"t/{n}.json", _shard_text(bucket, encoded)) for n, bucket in enumerate(buckets)),
            ((f"d/{n}.json", _chunk_text(docs, owned, n)) for n in range(-(-len(docs) // CHUNK))),
        )

        if folder.exists():
            shutil.rmtree(folder)
        (folder / "t").mkdir(parents=True)
        (folder / "d").mkdir()
        files: dict[str, bytes] = {}
        digest, written = hashlib.sha256(), 0
        for path, data in made:
            (folder / path).write_bytes(data)
            _stamp(digest, path, data)
            written += len(data)
            if kept is not None:
                files[path] = data
        if kept is not None:
            kept.keep(docs, postings, encoded, total, buckets, files, owned)
        del postings
        written += _write_manifest(folder, docs, shards, digest)
        return IndexStats(documents=len(docs), tokens=len(encoded), truncated=truncated, shards=shards, chunks=-(-len(docs) // CHUNK), bytes=written)

    def score(self) -> None:
        """Every entry's tokens into `scores` now (`build-all`, before `write` runs in a forked process)."""
        for _, entry in self.entries:
            self._scores_of(entry)

    def _scores_of(self, entry: SearchEntry) -> dict[str, int]:
        if self.scores is None:
            return _scores(entry)
        if (found := self.scores.get(entry)) is None:
            found = self.scores[entry] = _scores(entry)
        return found


class KeptIndex:
    """The index as last written, kept by `mkdocs serve` between rebuilds: when the same pages are indexed in the
    same order, a save re-encodes only the tokens of the entries that changed and writes only the shards and
    record chunks whose bytes differ (`update`); the files are those a whole write makes."""

    def __init__(self) -> None:
        self.valid = False
        self.urls: list[str] = []

    def keep(self, docs, postings, encoded, total, buckets, files, owned) -> None:
        self.urls, self.entries = [url for url, _ in docs], [e for _, e in docs]
        self.postings, self.encoded, self.total = dict(postings), encoded, total
        self.buckets, self.files, self.owned = buckets, files, owned
        self.valid = True

    def update(self, folder: Path, docs: list[tuple[str, SearchEntry]], scores_of) -> IndexStats:
        self.valid = False  # until this update is complete: a failure makes the next write whole
        entries = [e for _, e in docs]
        changed = [d for d, (old, new) in enumerate(zip(self.entries, entries, strict=True)) if old != new]
        touched: set[str] = set()
        for doc in changed:
            old, new = scores_of(self.entries[doc]), scores_of(entries[doc])
            for token in old.keys() | new.keys():
                if old.get(token) == new.get(token):
                    continue
                touched.add(token)
                found = self.postings.get(token)
                if found is None:
                    found = self.postings[token] = array("I")
                at = bisect_left(found, doc << 8)
                if at < len(found) and found[at] >> 8 == doc:
                    del found[at]
                if token in new:
                    found.insert(at, doc << 8 | new[token])
        added: list[str] = []
        for token in touched:
            before = self.encoded.pop(token, None)
            if before is not None:
                self.total -= len(token) + len(before) + 4
            if self.postings[token]:
                self.encoded[token] = _encode(self.postings[token])
                self.total += len(token) + len(self.encoded[token]) + 4
                if before is None:
                    added.append(token)
            else:
                del self.postings[token]
        shards = max(1, -(-self.total // SHARD_BYTES))
        if shards != len(self.buckets):  # another shard count: every token moves
            self.buckets = [[] for _ in range(shards)]
            for token in sorted(self.encoded):
                self.buckets[shard_of(token, shards)].append(token)
            redo = set(range(shards))
        else:
            redo = {shard_of(token, shards) for token in touched}
            for n in redo:
                bucket = set(self.buckets[n]) | {t for t in added if shard_of(t, shards) == n}
                self.buckets[n] = sorted(t for t in bucket if t in self.encoded)
        files = {path: data for path, data in self.files.items() if not path.startswith("t/")}
        for n, bucket in enumerate(self.buckets):
            path = f"t/{n}.json"
            files[path] = _shard_text(bucket, self.encoded) if n in redo or path not in self.files else self.files[path]
        owned = owned_names(entries)
        chunks = {d // CHUNK for d in changed} | {d // CHUNK for d, (a, b) in enumerate(zip(self.owned, owned, strict=True)) if a != b}
        for n in chunks:
            files[f"d/{n}.json"] = _chunk_text(docs, owned, n)
        for path in self.files.keys() - files.keys():
            (folder / path).unlink()
        for path, data in files.items():
            if self.files.get(path) != data:
                (folder / path).write_bytes(data)
        files = {path: files[path] for path in sorted(files, key=_file_order)}
        digest = hashlib.sha256()
        for path, data in files.items():
            _stamp(digest, path, data)
        written = sum(map(len, files.values())) + _write_manifest(folder, docs, shards, digest)
        self.entries, self.files, self.owned = entries, files, owned
        self.valid = True
        return IndexStats(documents=len(docs), tokens=len(self.encoded), truncated=sum(len(p) > CAP for p in self.postings.values()), shards=shards, chunks=-(-len(docs) // CHUNK), bytes=written)


def _file_order(path: str) -> tuple[str, int]:
    folder, name = path.split("/")
    return folder != "t", int(name.removesuffix(".json"))


def _shard_text(bucket: list[str], encoded: dict[str, str]) -> bytes:
    return ("{" + ",".join(f"{_quoted(t)}:{encoded[t]}" for t in bucket) + "}").encode("utf-8")


def _chunk_text(docs: list[tuple[str, SearchEntry]], owned: list[list[str] | None], n: int) -> bytes:
    kinds = list(KINDS)
    records = [
        [url, e.title, e.summary, kinds.index(e.kind), *([] if names is None else [names])]
        for (url, e), names in zip(docs[n * CHUNK : (n + 1) * CHUNK], owned[n * CHUNK : (n + 1) * CHUNK], strict=True)
    ]
    return _json(records).encode("utf-8")


def _stamp(digest, path: str, data: bytes) -> None:
    """The manifest's stamp covers every shard and chunk, in the order t/0…, d/0…."""
    digest.update(path.encode() + b"\0" + data)


def _write_manifest(folder: Path, docs: list[tuple[str, SearchEntry]], shards: int, digest) -> int:
    """manifest.json, its stamp from every shard and chunk (`_stamp`)."""
    kinds = list(KINDS)
    staff = [n for n, (_, e) in enumerate(docs) if e.kind == "staff"]
    manifest = {
        "format": FORMAT,
        "docs": len(docs),
        "chunk": CHUNK,
        "shards": shards,
        "kinds": [label for label, _ in KINDS.values()],
        "kindKeys": kinds,
        "syllables": list(syllables()),
        "fillers": list(FILLERS),
        "particles": PARTICLES,
        # Staff pages are stored last, side by side: documents staff[0] to staff[1] - 1.
        "staff": [staff[0], staff[-1] + 1] if staff else [len(docs), len(docs)],
        "staffWords": staff_words(e for _, e in docs),
        "stamp": digest.hexdigest()[:12],
    }
    data = _json(manifest).encode("utf-8")
    (folder / "manifest.json").write_bytes(data)
    return len(data)


def owned_names(entries: list[SearchEntry]) -> list[list[str] | None]:
    """The names (`name_key`) each page owns; None when that is its title alone (the record leaves it out).

    Every page claims its title and `answers`. The kit's own pages (no org: types, districts, the
    finder filtered to a service) claim first; then a venue's or an org's own name; then anything
    else an org publishes (brands, activities, a venue's other names). A page owns a name when its
    org is among those with the strongest claim on it: a brand may share its own org's venue's
    name (the venue still comes first), never another org's, a service's or a type's."""
    claims: dict[str, tuple[int, set[str]]] = {}
    wanted: list[list[tuple[str, int]]] = []
    titles = [name_key(e.title) for e in entries]
    for e, title in zip(entries, titles, strict=True):
        strength = 0 if not e.org else 1 if e.kind in ("venue", "org") else 2
        names = [(title, strength)] + [(name_key(a), 2 if e.org else 0) for a in e.answers]
        names = [(key, level) for key, level in names if key]
        wanted.append(names)
        for key, level in names:
            best = claims.get(key)
            if best is None or level < best[0]:
                claims[key] = (level, {e.org})
            elif level == best[0]:
                best[1].add(e.org)
    found: list[list[str] | None] = []
    for e, title, names in zip(entries, titles, wanted, strict=True):
        keys = list(dict.fromkeys(key for key, _ in names if e.org in claims[key][1]))
        found.append(None if keys == [title] else keys)
    return found


def staff_words(entries: Iterable[SearchEntry]) -> list[str]:
    """The words that ask for a staff page: their titles and keywords, normalised, sorted."""
    words = {normalize(w) for e in entries if e.kind == "staff" for w in (e.title, *e.keywords.split()) if len(w) >= 2}
    return sorted(words)


def _scores(entry: SearchEntry) -> dict[str, int]:
    """Each token of the entry with its score (1–255): the best place it stands, times weights."""
    factor = KINDS[entry.kind][1] * entry.weight

    def scaled(score: float) -> int:
        return max(1, min(255, round(score * factor)))

    body = tokens(entry.body)
    found = dict.fromkeys(body, scaled(BODY))
    if len(found) < len(body):  # repeated words count a little, up to five times
        for token, count in Counter(body).most_common():
            if count == 1:
                break
            found[token] = scaled(BODY + BODY_REPEAT * min(count - 1, 4))
    if entry.related:
        found.update(dict.fromkeys(tokens(entry.related, unigrams=True), scaled(RELATED)))
    found.update(dict.fromkeys(tokens(f"{entry.summary} {entry.keywords}", unigrams=True), scaled(KEYWORDS)))
    if entry.places:
        found.update(dict.fromkeys(name_tokens(entry.places), scaled(KEYWORDS)))
    named: dict[str, int] = {}
    for name in (*entry.names.split(), entry.title):  # the title and other names: a shorter one scores higher
        length = max(2, len(HAN_RE.findall(name)) + len(WORD_RE.findall(normalize(name))))
        score = scaled(TITLE + TITLE_SHORT * 2 / length)
        for token in name_tokens(name):
            if named.get(token, 0) < score:
                named[token] = score
    found.update(named)
    return found


def _encode(postings: array) -> str:
    """`[df, doc, score, doc gap, score, …]`: the CAP best (highest score, then lowest doc)
    when the token is in more than CAP documents; df tells the browser the list is cut."""
    df = len(postings)
    if df == 1:  # most tokens of a site: one page has them
        return f"[1,{postings[0] >> 8},{postings[0] & 255}]"
    scores = array("B", map(and_, postings, repeat(255)))
    if df > CAP:
        histogram = Counter(scores)
        kept, threshold = 0, 255
        for score in sorted(histogram, reverse=True):
            if kept + histogram[score] >= CAP:
                threshold = score
                break
            kept += histogram[score]
        above = compress(range(df), map(threshold.__lt__, scores))
        at = islice(compress(range(df), map(threshold.__eq__, scores)), CAP - kept)
        best = sorted([*above, *at])
        postings = array("I", map(postings.__getitem__, best))
        scores = array("B", map(scores.__getitem__, best))
    docs = array("I", map(rshift, postings, repeat(8)))
    flat: list[int] = [0] * (2 * len(docs))
    flat[0] = docs[0]
    flat[2::2] = map(sub, docs[1:], docs[:-1])
    flat[1::2] = scores
    return "[" + str(df) + "," + ",".join(map(str, flat)) + "]"


_quoted = json.JSONEncoder(ensure_ascii=False).encode  # a token as a JSON string (json.dumps makes an encoder per call)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
