"""What the venue form looks up offline: the pinyin table and the filter of ids taken (sizes measured here)."""

from __future__ import annotations

from leaguekit.generate.form_lookup import may_be_taken, pinyin_table, taken_filter


def test_every_taken_id_is_held_and_few_free_ones_are():
    ids = [f"org{n % 300}-venue-{n}" for n in range(69_000)]
    found = taken_filter(ids)
    assert all(may_be_taken(found, i) for i in ids[::97])
    wrongly = sum(may_be_taken(found, f"free-{n}") for n in range(5_000))
    assert wrongly < 5_000 * 0.02
    assert len(found["data"]) < 120_000  # base64 of about 1.2 bytes an id, in the page


def test_the_pinyin_table_holds_gb2312_and_the_sites_own_rare_characters():
    table = pinyin_table(["太谷区北洸乡"])
    readings = {ch: group.rstrip("".join(c for c in group if not c.isascii())) for group in table.split("|") for ch in group if not ch.isascii()}
    assert readings["明"] == "ming" and readings["洸"] == "guang" and readings["镇"] == "zhen"
    assert len(table.encode("utf-8")) < 25_000
