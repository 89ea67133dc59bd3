"""Personal data as a reader sees it (`content.privacy`, issue 18): a mobile or resident ID number in
any disguise is always found, in a field and in a body after Markdown; ordinary numbers (dates,
landlines, counts, hotlines) never are. Property tests (hypothesis), derandomised for CI."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leaguekit.content import body, privacy

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True)

CHINESE = "〇一二三四五六七八九"


def resident_id(region: int, born: object, sequence: int) -> str:
    digits = f"{region}{born:%Y%m%d}{sequence:03d}"
    total = sum(int(d) * w for d, w in zip(digits, privacy.ID_WEIGHTS))
    return digits + privacy.ID_CHECK[total % 11]


mobiles = st.builds(lambda second, rest: f"1{second}{rest}", st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9))
ids = st.builds(resident_id, st.integers(110000, 829999), st.dates(min_value=__import__("datetime").date(1930, 1, 1), max_value=__import__("datetime").date(2024, 12, 31)), st.integers(0, 999))
numbers = st.one_of(mobiles, ids)


def masked(number: str) -> str:
    return f"{number[:3]}****{number[-4:]}" if len(number) == 11 else f"{number[:6]}********{number[-4:]}"


def digit_form(digit: str, form: str) -> str:
    d = int(digit)
    return {
        "ascii": digit,
        "full-width": chr(0xFF10 + d),
        "bold": chr(0x1D7CE + d),
        "circled": "⓪" if d == 0 else chr(0x245F + d),
        "chinese": CHINESE[d],
        "arabic-indic": chr(0x0660 + d),
        "entity": f"&#{48 + d};",
        "hex-entity": f"&#x{48 + d:x};",
    }[form]


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\ufe0f"]
FIELD_SEPARATORS = [" ", "-", ".", "·", "\u3000", "—", "–", "/", "\n", " - ", "(", ")", "_", "\u00a0", "・", "﹣", "．"]
BODY_SEPARATORS = [" ", "-", ".", "·", "\u3000", "—", "\n", "\\-", "\\.", " - "]
CONTEXT = st.text("咨询电话联系人手机号码是：，。青年之家老师abcXYZ请拨打", max_size=6)


@st.composite
def disguised(draw, forms: list[str], separators: list[str]) -> tuple[str, list[str]]:
    """A number written as people hide it: digit forms, separators and invisible characters between digits.
    Returns the number and its written pieces (digits and what stands between them)."""
    number = draw(numbers)
    pieces = []
    if draw(st.booleans()) and len(number) == 11:
        pieces.append(draw(st.sampled_from(["+86 ", "+86-", "86", "(+86)"])))
    for index, digit in enumerate(number):
        char = "X" if digit == "X" else digit_form(digit, draw(st.sampled_from(forms)))
        pieces.append(char)
        if index < len(number) - 1:
            gap = draw(st.sampled_from(["", "", ""] + separators))
            gap += draw(st.sampled_from([""] * 4 + INVISIBLE))
            pieces.append(gap)
    return number, pieces


@PROPERTY
@given(case=disguised(["ascii", "full-width", "bold", "circled", "chinese", "arabic-indic", "entity", "hex-entity"], FIELD_SEPARATORS), before=CONTEXT, after=CONTEXT)
def test_a_disguised_number_in_a_field_is_always_found(case, before, after):
    number, pieces = case
    text = before + "".join(pieces) + after
    assert masked(number) in [f.masked for f in privacy.find(text)], text


@PROPERTY
@given(case=disguised(["ascii", "full-width", "circled", "chinese", "entity"], BODY_SEPARATORS), before=CONTEXT, after=CONTEXT, wrap=st.sampled_from(["", "**", "*", "`", "link"]), data=st.data())
def test_a_disguised_number_in_a_body_is_always_reported(case, before, after, wrap, data):
    """Markup between the digits (emphasis, code spans, links), escapes, entities and line breaks:
    the body's checks read the text after Markdown, as the page shows it."""
    number, pieces = case
    if wrap:
        start = data.draw(st.integers(0, len(pieces) - 1))
        stop = data.draw(st.integers(start + 1, len(pieces)))
        inner = "".join(pieces[start:stop])
        # Markup around separators alone (`** **`, `****`) stays on the page as asterisks: not a number a reader sees.
        assume(any(c.isalnum() for c in inner))
        if wrap == "`" and "&" in inner:
            wrap = "**"  # a code span shows a reference as written: that would be a different text
        marked = f"[{inner}](https://example.org/)" if wrap == "link" else f"{wrap}{inner}{wrap}"
        pieces = pieces[:start] + [marked] + pieces[stop:]
    text = before + "".join(pieces) + after
    problems = body.check("v.md", text, 1, "venues/x/", lambda path: "assets/x")
    assert any(masked(number) in p.message for p in problems), text


dates = st.dates(min_value=__import__("datetime").date(2000, 1, 1), max_value=__import__("datetime").date(2100, 12, 31))
ordinary = st.one_of(
    dates.map(lambda d: d.isoformat()),
    dates.map(lambda d: f"{d.year}/{d.month}/{d.day}"),
    dates.map(lambda d: f"{d:%Y.%m.%d}"),
    dates.map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    st.builds(lambda d, h, m: f"{d.isoformat()} {h:02d}:{m:02d}", dates, st.integers(0, 23), st.integers(0, 59)),
    st.builds(lambda d, h: f"{d.isoformat()} {h:02d}:00-{h + 1:02d}:30", dates, st.integers(0, 22)),
    st.builds(lambda area, line: f"0{area}-{line}", st.text("0123456789", min_size=2, max_size=3), st.text("0123456789", min_size=7, max_size=8)),
    st.builds(lambda area, line: f"（0{area}）{line}", st.text("0123456789", min_size=2, max_size=3), st.text("0123456789", min_size=7, max_size=8)),
    st.builds(lambda a, b: f"400-{a}-{b}", st.text("0123456789", min_size=3, max_size=3), st.text("0123456789", min_size=4, max_size=4)),
    st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 10**7), st.sampled_from(["人", "人次", "个", "万元", "家", "场", "%", "余人"])),
    st.builds(lambda a, b: f"{a}–{a + b}年", st.integers(1949, 2090), st.integers(1, 10)),
    st.sampled_from(["12355", "12345", "95598", "110", "120", "0354-6231234", "58026人", "12355青少年服务台"]),
)
JOINERS = st.sampled_from(["，", "、", "；", "和", "至", "。", "：", "（", "）", " 共 ", "年", "\n"])


@PROPERTY
@given(items=st.lists(ordinary, min_size=1, max_size=5), joiners=st.lists(JOINERS, min_size=5, max_size=5), before=CONTEXT)
def test_ordinary_numbers_are_never_taken_for_personal_data(items, joiners, before):
    text = before + "".join(item + joiner for item, joiner in zip(items, joiners))
    assert privacy.find(text) == [], text
    assert not [p for p in body.check("v.md", text, 1, "venues/x/", lambda path: None) if "含有" in p.message], text


@pytest.mark.parametrize("text", [
    "2024-06-30", "0354-6231234", "58026人", "12355", "400-123-4567", "010-12345678", "电话：0354-6231234、0354-6231235",
    "2026-12-05 13:00-15:00", "共 13,800,000,000 元", "1999-12-31 123人", "Mo-Fr 09:00-17:30", "邮编 030600", "2020–2024年",
    "晋ICP备2020000000号-1", "晋公网安备14070302000001号", "第一、二、三批", "一九四九年十月一日",
])
def test_ordinary_text_is_left_alone(text):
    assert privacy.find(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("咨询电话13912340001。", "139****0001"),
    ("幺三九 幺二三四 零零零幺", "139****0001"),
    ("一13912340001", "139****0001"),
    ("❶❸❾❶❷❸❹⓿⓿⓿❶", "139****0001"),
    ("1\ufe0f\u20e33\ufe0f\u20e39\ufe0f\u20e312340001", "139****0001"),
    ("8613912340001", "139****0001"),
    ("身份证号：11010519491231002x。", "110105********002X"),
])
def test_numbers_people_write(text, found):
    assert [f.masked for f in privacy.find(text)] == [found]


def test_findings_know_their_line():
    assert [(f.masked, f.line) for f in privacy.find("第一行\n第二行 139\n1234 0001", rendered=True)] == [("139****0001", 1)]


@pytest.mark.parametrize("text", ["\n\n第一段。\n\n电话13912340001", "\n\n第一段。\n\n电话 **139**1234 0001", "\n\n# 标题\n\n电话\n139 1234 0001"])
def test_body_findings_name_the_line_of_the_file(text):
    """Plain prose (the fast path) and Markdown count lines the same way, leading blank lines included."""
    problems = body.check("v.md", text, 20, "venues/x/", lambda path: None)
    assert [(p.line, p.message) for p in problems] == [(24 if "标题" not in text else 25, "含有个人手机号 139****0001")]
