"""Contributor Markdown (venue, brand and activity bodies) rendered by the kit, never by MkDocs.

Bodies are untrusted. markdown-it-py parses them as CommonMark (tables on, raw HTML off) in
time linear in their size; the token stream is then checked and rewritten by the rules below
(headings shifted below the page's h1, links judged, attribute lists and raw HTML named), the
text a reader sees of every block is checked for personal data (`privacy`), and the HTML
passes nh3 (ammonia) with the same allowlist as a last guard. Every rule that would drop or
show something literally reports a Chinese `Problem` with its line, so `make check` (which
calls `check`) and the build (which calls `render`) agree.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import characters, privacy
from .problems import Problem

TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "img", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto", "tel"}
MAX_BODY_CHARS = 20_000
URL_HINT = "链接只能是 http://、https://、mailto:、tel: 开头的网址，或 docs/ 下的文件（如 assets/photos/x.jpg）"
PRIVACY_HINT = "不得公开个人手机号和身份证号；请写办公座机或服务热线，人员写岗位不写姓名"
EMAIL_HINT = "邮箱写成 <tgqtw@example.cn>（只用英文字母、数字和 . _ -），或 [写信](mailto:tgqtw@example.cn)"
# `{: …}`, `{#id}`, `{.class}` or `{ onclick=… }`: attribute lists, which MkDocs would apply and the kit shows as text.
BRACES = re.compile(r"\{[^{}\n]*\}")
ATTR_LIST = re.compile(r"\{\s*[:#.]|\bon[a-z]+\s*=", re.I)
# What a reader would take for a link to an email address: <…@…>, which CommonMark did not make one.
EMAIL_LIKE = re.compile(r"<[^<>@\n]*@[^<>\n]*>")
EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")
REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:\s*(\S+)")
HTML_TAG = re.compile(r"<(\s*(?:/\s*)?[a-zA-Z][\w:-]*|!--)")
# Anything Markdown would do more with than split into paragraphs (most venue bodies are plain prose).
NOT_PLAIN = re.compile(r"[<>\[\]&{}*_`#|\\!~:=\x00-\x09\x0b-\x1f]|[^\S \n]|^ |[ ]$|^(?:[-+]|\d+[.)])(?: |$)|^-+ *$", re.M)
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")

Resolve = Callable[[str], "str | None"]

_md = MarkdownIt("commonmark", {"html": False}).enable("table")
# Every link reaches the rules below, which name what they refuse (markdown-it would drop some silently).
_md.validateLink = lambda url: True


@dataclass
class Rendered:
    html: str
    problems: list[Problem] = field(default_factory=list)


def _scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, control characters and whitespace dropped."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(unquote(url)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


class _Context:
    """Per-body state for the rules: where the page lives, how to resolve paths, what was found."""

    def __init__(self, rel: str, body: str, first_line: int, here: str, resolve: Resolve | None):
        self.rel, self.body, self.first_line, self.here, self.resolve = rel, body, first_line, here, resolve
        self.problems: list[Problem] = []

    @cached_property
    def definitions(self) -> dict[str, int]:
        """Where each reference definition (`[x]: url`) stands: a reference link's address is written there."""
        found: dict[str, int] = {}
        for index, line in enumerate(self.body.splitlines()):
            if (match := REFERENCE.match(line)) is not None:
                found.setdefault(match.group(1).strip("<>"), index)
        return found

    def line_of(self, written: str, line: int) -> int:
        """`line`, or the line of the reference definition that wrote `written` there."""
        return self.definitions.get(written, line)

    def report(self, line: int, message: str, hint: str) -> None:
        """`line` counts from 0 at the body's first line."""
        self.problems.append(Problem(self.rel, self.first_line + line, "正文", message, hint))

    def personal(self, text: str, line: int, *, rendered: bool = True, where: str = "") -> None:
        for found in privacy.find(text, rendered=rendered):
            self.report(line + found.line, f"{where}含有{found.label} {found.masked}", PRIVACY_HINT)

    def text(self, text: str, line: int) -> None:
        """What a text run shows literally: attribute lists, raw HTML, an email address CommonMark did not link."""
        for match in BRACES.finditer(text):
            if ATTR_LIST.search(match.group()):
                self.report(line, f"“{match.group()[:40]}”是属性写法，本站不支持，会原样显示", "请删除大括号及其中内容；加粗用 **文字**，列表用 - 开头")
        for match in EMAIL_LIKE.finditer(text):
            self.report(line, f"“{match.group()[:40]}”不是有效的邮箱链接，会原样显示", EMAIL_HINT)
        for match in HTML_TAG.finditer(EMAIL_LIKE.sub("", text)):
            tag = "<" + re.sub(r"\s+", "", match.group(1))
            self.report(line, f"含有 HTML 标签“{tag}…”，会原样显示为文字", "正文只用 Markdown（## 标题、- 列表、**加粗**）；确需显示尖括号请放在 `代码` 中")

    def url(self, token: Token, name: str, line: int) -> None:
        """Keep a link or image address only if it is safe; point docs/ files at the built site."""
        url = str(token.attrs[name]).strip()
        shown = unquote(url)
        self.personal(shown, line, rendered=False, where="链接地址")
        scheme = _scheme(url)
        if scheme is not None:
            if scheme not in SCHEMES:
                self.report(self.line_of(shown, line), f"链接地址“{shown[:40]}”不安全，已去掉", URL_HINT)
                del token.attrs[name]
            elif scheme == "mailto" and not EMAIL.fullmatch(shown[len("mailto:") :].split("?")[0]):
                self.report(self.line_of(shown, line), f"邮箱链接“{shown[:40]}”写法不对，已去掉", EMAIL_HINT)
                del token.attrs[name]
            return
        if url.startswith("#"):
            return
        if url.startswith(("/", "\\")):
            self.report(self.line_of(shown, line), f"链接“{shown[:40]}”以 / 开头，网站放在子路径下时会失效", "写 docs/ 下的相对路径，例如 assets/photos/x.jpg；站外网址请写完整的 https://…")
            del token.attrs[name]
            return
        path, _, fragment = url.partition("#")
        target = self.resolve(unquote(path))
        if target is None:
            self.report(self.line_of(unquote(path), line), f"找不到链接的文件或页面“{unquote(path)[:40]}”", "图片和文件请放到 docs/ 下，按 docs/ 内的路径写，例如 assets/photos/x.jpg")
            del token.attrs[name]
            return
        link = posixpath.relpath(target.rstrip("/") or ".", self.here.rstrip("/") or ".")
        token.attrs[name] = link + ("/" if target.endswith("/") else "") + (f"#{fragment}" if fragment else "")


def _inline(token: Token, context: _Context) -> str:
    """One block's inline content: its links and text runs checked; returns its reader's text."""
    first = token.map[0] if token.map else 0
    line = first
    seen: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            seen.append("\n")
            line += 1
        elif kind == "text":
            seen.append(child.content)
            context.text(child.content, line)
        elif kind == "code_inline":
            seen.append(child.content)
        elif kind in ("link_open", "image"):
            context.url(child, "href" if kind == "link_open" else "src", line)
            if child.attrs.get("title"):
                context.personal(str(child.attrs["title"]), line, where="链接提示文字")
            if kind == "image":  # its alt text, as the renderer writes it (markup in it dropped)
                seen.append("".join(c.content for c in child.children or [] if c.type in ("text", "code_inline")))
        for name in list(child.attrs):
            if name not in ATTRIBUTES.get(child.tag, set()):
                del child.attrs[name]
    return "".join(seen)


def _guard(tokens: list[Token], context: _Context) -> None:
    """Shift headings below the page's h1; check every block's inline content and code for personal
    data, a table row as one line (a reader reads 139 | 1234 | 0001 across the cells)."""
    row: list[str] | None = None
    row_line = 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        elif token.type == "tr_open":
            row, row_line = [], token.map[0] if token.map else 0
        elif token.type == "tr_close" and row is not None:
            context.personal(" ".join(row), row_line)
            row = None
        elif token.type == "inline":
            seen = _inline(token, context)
            if row is not None:
                row.append(seen.replace("\n", " "))
            else:
                context.personal(seen, token.map[0] if token.map else 0)
        elif token.type in ("fence", "code_block") and token.map:
            context.personal(token.content, token.map[0] + (token.type == "fence"))


def _plain(context: _Context, text: str) -> str:
    """Paragraphs of plain prose: the HTML markdown-it would write, a tenth of the time (a national build has 69,000 bodies)."""
    parts = []
    for match in PARAGRAPH.finditer(text):
        context.personal(match.group(), text.count("\n", 0, match.start()))
        parts.append(f"<p>{match.group().replace(chr(34), '&quot;')}</p>\n")
    return "".join(parts)


def _convert(context: _Context, text: str) -> str:
    if NOT_PLAIN.search(text) is None:
        return _plain(context, text)
    tokens = _md.parse(text)
    _guard(tokens, context)
    return _md.renderer.render(tokens, _md.options, {})


def _source_problems(context: _Context, body: str) -> None:
    """What must not be in a body however it renders: characters no feed may carry, and its length."""
    if characters.FORBIDDEN.search(body):
        for index, line in enumerate(body.splitlines()):
            if (bad := characters.forbidden(line)) is not None:
                context.report(index, bad.message, characters.HINT)
    if len(body) > MAX_BODY_CHARS:
        context.report(0, f"有 {len(body)} 个字符，超过 {MAX_BODY_CHARS} 字", "请精简；详细材料可放在 docs/ 下的页面中并链接")
        rest = body[MAX_BODY_CHARS:]
        context.personal(rest, body.count("\n", 0, MAX_BODY_CHARS), rendered=False)


def _analyse(rel: str, body: str, first_line: int, here: str, resolve: Resolve | None) -> tuple[str, list[Problem]]:
    """The unsanitised HTML of the body (at most MAX_BODY_CHARS of it) and every problem found."""
    context = _Context(rel, body, first_line, here, resolve)
    _source_problems(context, body)
    converted = _convert(context, body[:MAX_BODY_CHARS])
    return converted, context.problems


def render(rel: str, body: str, first_line: int, here: str, resolve: Resolve) -> Rendered:
    """Safe HTML for the body of the page at `here`, and the problems `make check` reports for it."""
    converted, problems = _analyse(rel, body, first_line, here, resolve)
    clean = nh3.clean(
        converted,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Rendered(clean, problems)


def check_plain(rel: str, body: str, first_line: int) -> tuple[Problem, ...] | None:
    """`check`'s problems for a body of plain paragraphs, which has no link to resolve and so needs neither
    its page's address nor the site's pages: worked out while the file is read, on whichever core reads it.
    None for any other body (checked by `check` once every page is known)."""
    if NOT_PLAIN.search(body[:MAX_BODY_CHARS]) is not None:
        return None
    return tuple(_analyse(rel, body, first_line, "", None)[1])  # most are (), one object for every file


def check(rel: str, body: str, first_line: int, here: str, resolve: Resolve) -> list[Problem]:
    """The problems `render` reports, without the final sanitising pass (which only drops, never reports)."""
    return _analyse(rel, body, first_line, here, resolve)[1]


def text(body: str, limit: int = MAX_BODY_CHARS) -> str:
    """The words a reader sees in a body, without markup, at most `limit` characters: what search
    indexes. Never more than the checks read: whole lines are parsed, and a number cut at the limit is left out."""
    source = body[:MAX_BODY_CHARS]
    if len(source) > 4 * limit:
        source = source[: source.rfind("\n", 0, 4 * limit) + 1] or source[: 4 * limit]
    if NOT_PLAIN.search(source) is None:
        words = source
    else:
        parts: list[str] = []
        for token in _md.parse(source):
            if token.type == "inline":
                for child in token.children or []:
                    if child.type in ("text", "code_inline"):
                        parts.append(child.content)
                    elif child.type == "image":
                        parts += [c.content for c in child.children or [] if c.type in ("text", "code_inline")]
                    elif child.type in ("softbreak", "hardbreak"):
                        parts.append(" ")
            elif token.type in ("fence", "code_block"):
                parts.append(token.content)
            parts.append(" ")
        words = "".join(parts)
    shown = " ".join(words.split())
    if len(shown) > limit and shown[limit].isdigit():
        return re.sub(r"\d+$", "", shown[:limit]).strip()  # a number cut short could spell one the checks never saw
    return shown[:limit].strip()
