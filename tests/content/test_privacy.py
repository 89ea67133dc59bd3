"""Personal data as a reader sees it (`content.privacy`, issue 18): a mobile or resident ID number in
any disguise is always found, in a field and in a body after Markdown; ordinary numbers (dates,
landlines, counts, hotlines) never are. Property tests (hypothesis), derandomised for CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leaguekit.content import body, privacy

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True)

CHINESE = "〇一二三四五六七八九"
RADIO = "洞幺两三四五六拐八勾"
CASE_FILE = json.loads((Path(__file__).parents[1] / "privacy_cases.json").read_text(encoding="utf-8"))


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
        "radio": RADIO[d],
        "letter-o": "O" if d == 0 else digit,
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
    ("身份证号 110105194912310000（Excel 只保留 15 位有效数字）", "110105********0000"),
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


@pytest.mark.parametrize(("text", "found"), CASE_FILE["field"], ids=[c[0][:24] for c in CASE_FILE["field"]])
def test_case_file_fields(text, found):
    """tests/privacy_cases.json: what any checker of these rules (the form's JavaScript too) must find in a field."""
    assert [f.masked for f in privacy.find(text)] == found


@pytest.mark.parametrize(("text", "found"), CASE_FILE["body"], ids=[c[0][:24] for c in CASE_FILE["body"]])
def test_case_file_bodies(text, found):
    problems = body.check("v.md", text, 1, "venues/x/", lambda path: None)
    assert [p.message.rpartition(" ")[2] for p in problems if "含有" in p.message] == found


# Issue 25: what HTML collapses (white space and &nbsp; runs of any length), box-drawing and wave dashes, O for 0, radio digits.
WIDE_GAPS = st.builds(lambda unit, n: unit * n, st.sampled_from([" ", "\u3000", "\u00a0", "&nbsp;"]), st.integers(1, 40)) | st.sampled_from(["─", "━", "〜", "〰", "～", "┄", "—", "ー", " \n "])


@PROPERTY
@given(number=numbers, before=CONTEXT, after=CONTEXT, data=st.data())
def test_a_number_spread_the_way_html_collapses_it_is_always_found(number, before, after, data):
    pieces = []
    for index, digit in enumerate(number):
        pieces.append("X" if digit == "X" else digit_form(digit, data.draw(st.sampled_from(["ascii", "full-width", "radio", "letter-o", "chinese"]))))
        if index < len(number) - 1:
            pieces.append(data.draw(st.sampled_from(["", "", ""]) | WIDE_GAPS))
    text = before + "".join(pieces) + after
    assert masked(number) in [f.masked for f in privacy.find(text)], text
    assert any(masked(number) in p.message for p in body.check("v.md", text, 1, "venues/x/", lambda path: None)), text


@PROPERTY
@given(number=numbers, cuts=st.sets(st.integers(1, 10), min_size=1, max_size=3), before=st.sampled_from(["电话", "联系", ""]))
def test_a_number_split_across_table_cells_is_always_reported(number, cuts, before):
    bounds = [0, *sorted(cuts), len(number)]
    cells = [before, *(number[a:b] for a, b in zip(bounds, bounds[1:]))]
    table = "| " + " | ".join(cells) + " |\n|" + " --- |" * len(cells) + "\n"
    assert any(masked(number) in p.message for p in body.check("v.md", table, 1, "venues/x/", lambda path: None)), table


@PROPERTY
@given(qq=st.integers(10**4, 10**10 - 1), group=st.integers(1, 9), word=st.sampled_from(["群", "号", "期", "群满", "群（满）"]), more=st.integers(10**4, 10**10 - 1), before=CONTEXT)
def test_a_qq_group_with_its_number_in_brackets_is_left_alone(qq, group, word, more, before):
    """An organisation's QQ groups, 5 to 10 digits each, numbered in brackets: never a mobile."""
    word = word.replace("（满）", "")
    text = f"{before}QQ群 {qq}（{group}{word}）、{more}({group + 1}{word})"
    assert privacy.find(text) == [], text
    assert not [p for p in body.check("v.md", text, 1, "venues/x/", lambda path: None) if "含有" in p.message], text


@PROPERTY
@given(lat=st.integers(18_150_000, 20_100_000), lng=st.integers(108_600_000, 111_050_000), places=st.integers(4, 6), join=st.sampled_from([" ", ", ", "，", " / ", "  ", "\n"]), swap=st.booleans(), before=CONTEXT)
def test_coordinates_in_hainan_written_as_two_decimals_are_left_alone(lat, lng, places, join, swap, before):
    """Latitude 18–20 and longitude 108–111 in Hainan: 18.252847 109.511909 holds the digits of a 18x mobile."""
    pair = [f"{lat / 1e6:.{places}f}", f"{lng / 1e6:.{places}f}"]
    text = before + join.join(reversed(pair) if swap else pair)
    assert privacy.find(text) == [], text
    assert not [p for p in body.check("v.md", text, 1, "venues/x/", lambda path: None) if "含有" in p.message], text
