"""The menu drawn once per state is the menu Material draws on every page (leaguekit/generate/fragments.py)."""

from __future__ import annotations

from conftest import build_site, make_project

from leaguekit.generate import fragments


def test_every_page_is_the_same_as_when_each_page_draws_its_own_menu(sample_site, tmp_path, monkeypatch):
    monkeypatch.setattr(fragments.Fragments, "memo", lambda self, *key, caller: caller())
    fresh = build_site(make_project(tmp_path / "project"))
    pages = sorted(p.relative_to(fresh) for p in fresh.rglob("*.html"))
    assert len(pages) > 100
    assert sorted(p.relative_to(sample_site) for p in sample_site.rglob("*.html")) == pages
    differ = [str(p) for p in pages if (fresh / p).read_bytes() != (sample_site / p).read_bytes()]
    assert differ == []


def test_a_page_in_the_menu_and_the_404_page_are_drawn_afresh():
    class Item:
        def __init__(self, title, url, children=()):
            self.title, self.url, self.children, self.active = title, url, list(children), False

    class Nav:
        def __init__(self, items):
            self.items, self.homepage = items, items[0]

    home, finder = Item("首页", ""), Item("找阵地", "nearby/")
    nav = Nav([home, finder])
    venue, other, listing = Item("甲", "venues/a/"), Item("乙", "venues/b/"), Item("丙", "types/x/y/")
    assert fragments.nav_state(venue, nav) == fragments.nav_state(other, nav) != fragments.nav_state(listing, nav)
    assert fragments.nav_state(finder, nav) is None
    assert fragments.nav_state(Item("404", "404.html"), nav) is None
    before = fragments.nav_state(venue, nav)
    finder.active = True
    assert fragments.nav_state(venue, nav) != before
