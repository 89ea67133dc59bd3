"""Contributor Markdown (venue, brand and activity bodies) rendered by the kit, never by MkDocs.

Bodies are untrusted: a restricted Markdown (no raw HTML, no attribute lists, no
macros) becomes an element tree that is checked against the allowlist below, and
the HTML then passes through nh3 (ammonia) with the same allowlist as a last guard.
Every rule that would drop something reports a Chinese `Problem` with its line, so
`make check` (which calls `check`) and the build (which calls `render`) agree.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from . import privacy
from .problems import Problem

TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "img", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto", "tel"}
MAX_BODY_CHARS = 20_000
URL_HINT = "链接只能是 http://、https://、mailto:、tel: 开头的网址，或 docs/ 下的文件（如 assets/photos/x.jpg）"
ATTR_LIST = re.compile(r"\{\s*[:#.][^{}\n]*\}|\{[^{}\n]*\bon[a-z]+\s*=[^{}\n]*\}", re.I)
ESCAPED_TAG = re.compile(r"&lt;(\s*/?\s*[a-zA-Z][\w:-]*|!--)")
# Characters that can start Markdown a renderer would turn into links, images, raw HTML or entities.
SPECIAL = re.compile(r"[<\[&{]")
# Anything Markdown would do more with than split into paragraphs (most venue bodies are plain prose).
NOT_PLAIN = re.compile(r"[<>\[\]&{}*_`#|\\!~:=\t\r\x00-\x08\x0b-\x1f]|^[ \t]|[ \t]$|^\s*(?:[-+]|\d+[.)])(?:\s|$)|^-+\s*$", re.M)

Resolve = Callable[[str], "str | None"]


@dataclass
class Rendered:
    html: str
    problems: list[Problem] = field(default_factory=list)


def _scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, control characters and whitespace dropped."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


class _Guard(Treeprocessor):
    """Shift headings below the page's h1, drop what the allowlist forbids, and point relative links at the site."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = "h" + str(int(element.tag[1]) + 1)
            for name in list(element.attrib):
                if name not in ATTRIBUTES.get(element.tag, set()):
                    del element.attrib[name]
            for name in ("href", "src"):
                if name in element.attrib:
                    self.context.url(element, name)


class _Context:
    """Per-body state for the guard: where the page lives, how to resolve paths, what was found."""

    def __init__(self, rel: str, body: str, first_line: int, here: str, resolve: Resolve):
        self.rel, self.lines, self.first_line, self.here, self.resolve = rel, body.splitlines(), first_line, here, resolve
        self.problems: list[Problem] = []

    def line_of(self, needle: str) -> int:
        for index, line in enumerate(self.lines):
            if needle and needle in line:
                return self.first_line + index
        return self.first_line

    def report(self, needle: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.rel, self.line_of(needle), "正文", message, hint))

    def url(self, element: etree.Element, name: str) -> None:
        url = element.attrib[name].strip()
        scheme = _scheme(url)
        if scheme is not None:
            if scheme not in SCHEMES:
                self.report(url[:20], f"链接地址“{url[:40]}”不安全，已去掉", URL_HINT)
                del element.attrib[name]
            return
        if url.startswith("#"):
            return
        if url.startswith(("/", "\\")) or url.startswith("//"):
            self.report(url[:20], f"链接“{url[:40]}”以 / 开头，网站放在子路径下时会失效", "写 docs/ 下的相对路径，例如 assets/photos/x.jpg；站外网址请写完整的 https://…")
            del element.attrib[name]
            return
        path, _, fragment = url.partition("#")
        target = self.resolve(path)
        if target is None:
            self.report(path[:20], f"找不到链接的文件或页面“{path[:40]}”", "图片和文件请放到 docs/ 下，按 docs/ 内的路径写，例如 assets/photos/x.jpg")
            del element.attrib[name]
            return
        link = posixpath.relpath(target.rstrip("/") or ".", self.here.rstrip("/") or ".")
        element.attrib[name] = link + ("/" if target.endswith("/") else "") + (f"#{fragment}" if fragment else "")


class _Renderer:
    """One Markdown instance reused for every body (building one costs more than converting a body)."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        self.md.preprocessors.deregister("html_block")  # raw HTML is text, never markup
        self.md.inlinePatterns.deregister("html")
        self.guard = _Guard(self.md)
        self.md.treeprocessors.register(self.guard, "leaguekit_guard", 0)

    def convert(self, context: _Context, text: str) -> str:
        self.guard.context = context
        try:
            return self.md.reset().convert(text)
        finally:
            del self.guard.context


_renderer: _Renderer | None = None


def _convert(context: _Context, text: str) -> str:
    global _renderer
    if NOT_PLAIN.search(text) is None:
        # Same output as Markdown for plain paragraphs, a tenth of the time (a national build has 69,000 bodies).
        return "\n".join(f"<p>{part.strip()}</p>" for part in re.split(r"\n\s*\n", text.strip()) if part.strip())
    if _renderer is None:
        _renderer = _Renderer()
    return _renderer.convert(context, text)


def _source_problems(context: _Context, body: str) -> None:
    """What Markdown would show literally or what must not be published at all."""
    for index, line in enumerate(context.lines):
        number = context.first_line + index
        for match in ATTR_LIST.finditer(line):
            context.problems.append(Problem(context.rel, number, "正文", f"“{match.group()[:40]}”是属性写法，本站不支持，会原样显示", "请删除大括号及其中内容；加粗用 **文字**，列表用 - 开头"))
        for found in privacy.find(line):
            context.problems.append(Problem(context.rel, number, "正文", f"含有{found.label} {found.masked}", "不得公开个人手机号和身份证号；请写办公座机或服务热线，人员写岗位不写姓名"))
    if len(body) > MAX_BODY_CHARS:
        context.problems.append(Problem(context.rel, context.first_line, "正文", f"有 {len(body)} 个字符，超过 {MAX_BODY_CHARS} 字", "请精简；详细材料可放在 docs/ 下的页面中并链接"))


def _raw_html_problems(context: _Context, rendered: str) -> None:
    """Raw HTML comes out escaped (`&lt;tag`); tell staff so they learn Markdown instead."""
    outside_code = re.sub(r"<(pre|code)>.*?</\1>", "", rendered, flags=re.S)
    for match in ESCAPED_TAG.finditer(outside_code):
        tag = "<" + re.sub(r"\s+", "", match.group(1))
        context.report(tag, f"含有 HTML 标签“{tag}…”，会原样显示为文字", "正文只用 Markdown（## 标题、- 列表、**加粗**）；确需显示尖括号请放在 `代码` 中")


def render(rel: str, body: str, first_line: int, here: str, resolve: Resolve) -> Rendered:
    """Safe HTML for the body of the page at `here`, and the problems `make check` reports for it."""
    context = _Context(rel, body, first_line, here, resolve)
    _source_problems(context, body)
    converted = _convert(context, body[:MAX_BODY_CHARS])
    _raw_html_problems(context, converted)
    clean = nh3.clean(
        converted,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Rendered(clean, context.problems)


def check(rel: str, body: str, first_line: int, here: str, resolve: Resolve) -> list[Problem]:
    """The problems `render` would report; plain prose (most bodies) skips the Markdown step."""
    if SPECIAL.search(body) is None:
        context = _Context(rel, body, first_line, here, resolve)
        _source_problems(context, body)
        return context.problems
    return render(rel, body, first_line, here, resolve).problems
