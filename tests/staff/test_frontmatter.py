"""Changing a field rewrites that field's lines only: other fields, comments and the body stay as written."""

from __future__ import annotations

import yaml

from leaguekit.staff.frontmatter import DELETE, edit

FILE = """\
---
name: "太谷区白塔社区青年之家"   # 名称
location:
  lat: 37.4236
  lng: 112.5488

# 开放时间按 2026 年规定
hours: "Mo-Fr 09:00-12:00"
services: [study, volunteer]
partners:
  - 某某中学
# phone: 0354-6231234               # 电话：办公座机或服务热线
sample: true
---

正文 --- 不是分隔线。
"""


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_one_field_changed_the_rest_kept():
    changed = edit(FILE, {"hours": "Mo-Su 08:00-20:00"})
    assert changed == FILE.replace('hours: "Mo-Fr 09:00-12:00"', "hours: Mo-Su 08:00-20:00")


def test_records_lists_removals_and_additions():
    changed = edit(FILE, {"location": {"lat": 37.1, "lng": 112.2, "datum": "gcj02"}, "partners": DELETE, "sample": DELETE, "website": "https://example.cn/", "name": "新名称"})
    assert front(changed) == {"name": "新名称", "location": {"lat": 37.1, "lng": 112.2, "datum": "gcj02"}, "hours": "Mo-Fr 09:00-12:00", "services": ["study", "volunteer"], "website": "https://example.cn/"}
    assert "name: 新名称   # 名称\n" in changed  # the comment after a one-line value stays
    assert "\n# 开放时间按 2026 年规定\nhours:" in changed  # a comment before the next field stays
    assert changed.endswith("---\n\n正文 --- 不是分隔线。\n")


def test_a_commented_example_becomes_the_field():
    changed = edit(FILE, {"phone": "0354-6231018"})
    assert "\nphone: 0354-6231018\nsample: true\n" in changed and "# phone:" not in changed


def test_windows_line_endings_are_kept():
    crlf = FILE.replace("\n", "\r\n")
    changed = edit(crlf, {"hours": "Mo-Su 08:00-20:00"})
    assert changed == crlf.replace('hours: "Mo-Fr 09:00-12:00"', "hours: Mo-Su 08:00-20:00")


def test_a_block_record_changes_line_by_line_with_its_comments():
    """Only 纬度 changed: its line alone is rewritten (its trailing comment kept), the comment inside
    the block stays, a new sub-field goes after the last, in the file's CRLF."""
    text = "---\r\nname: 某青年之家\r\nlocation:\r\n  lat: 37.4236   # 2024 年复核\r\n  # 从天地图取得\r\n  lng: 112.5488\r\nhours: Mo-Fr 09:00-12:00\r\n---\r\n正文\r\n"
    changed = edit(text, {"location": {"lat": 37.425, "lng": 112.5488, "datum": "wgs84"}})
    assert changed == text.replace("  lat: 37.4236   # 2024 年复核", "  lat: 37.425   # 2024 年复核").replace("  lng: 112.5488\r\n", "  lng: 112.5488\r\n  datum: wgs84\r\n")
    assert edit(text, {"location": {"lat": 37.4236}}) == text.replace("  lng: 112.5488\r\n", "")
