"""A directory of N synthetic venues shaped like a national one, for `make bench`.

Text varies from venue to venue (names, towns, addresses, services, hours and
bodies are drawn from word lists), so search indexes and compression see
realistic diversity, not copies of one file. Venues belong to ~2,800 district
committees under provinces and cities, spread over China with dense cities. The
repository's own sample venues are included, so the search quality set can run
against the same directory. Seeded: the same N gives the same files.

    python bench/generate.py DEST N      # writes DEST/{data,docs,venues,brands,...}
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SITE_FILES = ("mkdocs.yml", "macros.py", "docs")

PROVINCES = ["河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "北京", "天津", "上海", "重庆"]
SYLLABLES = "安宁平和顺丰泰康兴华阳光明新城东西南北中山河湖林园桥庄长青春永福德昌盛嘉祥瑞云龙凤鹤松柏梅兰竹石泉溪江海沙岭峰原川田"
TOWN_SUFFIX = ["镇", "乡", "街道"]
PLACES = ["党群服务中心", "新时代文明实践站", "社区服务中心", "文化活动中心", "青年创业园", "中学", "职业学校", "图书馆"]
TYPES = ["youth-home"] * 12 + ["practice-base", "youth-station", "talent-station", "youth-federation-home", "night-school", "youth-council"]
TYPE_WORDS = {"youth-home": "青年之家", "practice-base": "校外实践教育基地", "youth-station": "青春驿站", "talent-station": "青年人才驿站", "youth-federation-home": "青联委员之家", "night-school": "青年夜校", "youth-council": "青年议事会"}
GRADES = ["standard"] * 6 + ["demonstration"] * 3 + ["flagship"]
SERVICES = ["study", "volunteer", "employment", "mental-health", "legal", "childcare", "practice", "arts-sports", "rights", "lodging", "governance", "consultation"]
HOURS = ["Mo-Fr 09:00-17:30; Sa 09:00-12:00", "Mo-Fr 09:00-12:00,14:30-17:30", "Mo-Su 08:30-21:00", "Tu-Su 09:00-17:00", "Mo-Fr 08:30-12:00,14:30-18:00; Sa,Su 09:00-11:30", "Mo-Sa 14:00-20:30"]
ACTIVITIES = ["志愿服务", "读书分享会", "法律咨询", "心理健康讲座", "创业培训", "文艺汇演", "暑期托管", "非遗体验", "科普课堂", "就业招聘", "青年议事", "义诊", "手工课", "书法班", "篮球赛"]
AUDIENCE = ["青少年", "返乡大学生", "新就业形态青年", "留守儿童", "青年职工", "社区居民", "中小学生", "青年创业者"]
CITIES = [(39.90, 116.40), (31.23, 121.47), (23.13, 113.26), (22.54, 114.06), (30.57, 104.07), (29.56, 106.55), (30.59, 114.30), (34.34, 108.94), (37.87, 112.55), (36.65, 117.12)]


def word(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(n))


def orgs(rnd: random.Random, districts: int) -> list[dict]:
    """A root, 31 provinces, their cities and `districts` district committees."""
    found = [{"id": "root", "name": "共青团基准测试委员会", "short_name": "基准测试", "region": "全国", "level": "province"}]
    per_province = max(1, districts // len(PROVINCES))
    cities_per = max(1, per_province // 9)
    n = 0
    for p, province in enumerate(PROVINCES):
        pid = f"p{p:02d}"
        suffix = "市" if province in ("北京", "天津", "上海", "重庆") else ("自治区" if province in ("内蒙古", "广西", "西藏", "宁夏", "新疆") else "省")
        pregion = province + suffix
        found.append({"id": pid, "name": f"共青团{pregion}委员会", "short_name": f"{province}共青团", "parent": "root", "region": pregion, "level": "province"})
        for c in range(cities_per):
            cid = f"{pid}c{c:02d}"
            city = word(rnd, 2) + "市"
            found.append({"id": cid, "name": f"共青团{city}委员会", "short_name": f"{city}共青团", "parent": pid, "region": pregion + city, "level": "city"})
            for _ in range(9):
                if n >= districts:
                    break
                district = word(rnd, 2) + rnd.choice(["区", "县", "市"])
                found.append({"id": f"d{n:04d}", "name": f"共青团{city}{district}委员会", "short_name": f"{district}共青团", "parent": cid, "region": pregion + city + district, "level": "district"})
                n += 1
    return found


def venue(rnd: random.Random, ident: str, org: dict, centre: tuple[float, float], spread: float, brands: list[str]) -> str:
    vtype = rnd.choice(TYPES)
    district = org["region"].split("市")[-1] or org["region"][-3:]
    town = word(rnd, 2) + rnd.choice(TOWN_SUFFIX)
    place = rnd.choice(PLACES)
    name = f"{district}{town}{word(rnd, 2)}{TYPE_WORDS[vtype]}"
    lat = round(min(53.0, max(18.5, centre[0] + rnd.gauss(0, spread))), 5)
    lng = round(min(134.5, max(74.0, centre[1] + rnd.gauss(0, spread))), 5)
    data = {
        "name": name,
        "type": vtype,
        **({"grade": rnd.choice(GRADES)} if vtype == "youth-home" else {}),
        "org": org["id"],
        "district": district,
        "town": town,
        "address": f"{org['region']}{town}{word(rnd, 2)}路{rnd.randint(1, 300)}号{place}",
        "location": {"lat": lat, "lng": lng, "datum": "wgs84"},
        "hours": rnd.choice(HOURS),
        "phone": f"0{rnd.randint(310, 999)}-{rnd.randint(2000000, 8999999)}",
        "services": sorted(rnd.sample(SERVICES, rnd.randint(1, 4))),
        **({"brands": rnd.sample(brands, 1)} if brands and rnd.random() < 0.3 else {}),
        "established": str(rnd.randint(2016, 2025)),
        "sample": True,
    }
    sentences = [
        f"{name}依托{town}{place}建设，面向{rnd.choice(AUDIENCE)}开放。",
        f"这里常年开展{rnd.choice(ACTIVITIES)}、{rnd.choice(ACTIVITIES)}和{rnd.choice(ACTIVITIES)}等活动，累计服务{rnd.randint(200, 20000)}人次。",
        f"{word(rnd, 2)}{word(rnd, 2)}青年可以在这里{rnd.choice(['报名参加志愿服务', '学习交流', '参加技能培训', '寻求心理疏导', '了解就业信息'])}。",
        f"阵地与{word(rnd, 3)}{rnd.choice(['公司', '学校', '医院', '协会', '银行'])}共建，{rnd.choice(['每周', '每月', '节假日'])}组织{rnd.choice(ACTIVITIES)}。",
    ]
    rnd.shuffle(sentences)
    body = "\n\n".join(sentences[: rnd.randint(2, 4)])
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def write(dest: Path, count: int, seed: int = 2026) -> Path:
    """`count` generated venues plus the sample's own, with the kit's data, docs and theme."""
    rnd = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, dest / name)
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "brands", dest / "brands")
    shutil.copytree(ROOT / "venues", dest / "venues")
    for extra in ("activities",):
        if (ROOT / extra).is_dir():
            shutil.copytree(ROOT / extra, dest / extra)
    districts = max(1, min(2800, count // 25))
    generated = orgs(rnd, districts)
    sample = yaml.safe_load((ROOT / "data/orgs.yml").read_text(encoding="utf-8"))
    (dest / "data/orgs.yml").write_text(yaml.safe_dump(sample + generated, allow_unicode=True, sort_keys=False), encoding="utf-8")
    district_orgs = [o for o in generated if o["level"] == "district"]
    centres = {}
    for org in district_orgs:
        dense = rnd.random() < 0.15
        centre = rnd.choice(CITIES) if dense else (rnd.uniform(22.0, 46.0), rnd.uniform(100.0, 125.0))
        centres[org["id"]] = (centre, 0.05 if dense else 0.15)
    brands = sorted(p.stem for p in (ROOT / "brands").glob("*.md"))
    for n in range(count):
        org = district_orgs[n % len(district_orgs)]
        centre, spread = centres[org["id"]]
        path = dest / "venues" / org["id"] / f"gen-{n:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(venue(rnd, f"gen-{n:05d}", org, centre, spread, brands), encoding="utf-8")
    return dest


def bare(source: Path, dest: Path) -> Path:
    """The same venue bodies as plain Markdown pages for a bare MkDocs + Material build (the yardstick)."""
    docs = dest / "docs"
    (docs / "venues").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 基准\n", encoding="utf-8")
    for path in sorted(source.glob("venues/**/*.md")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        name = yaml.safe_load(head.removeprefix("---\n"))["name"]
        (docs / "venues" / path.name).write_text(f"---\ntitle: {name}\n---\n\n# {name}\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: 基准\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins:\n  - search\nnav:\n  - index.md\nnot_in_nav: |\n  /venues/*.md\n",
        encoding="utf-8",
    )
    return dest


if __name__ == "__main__":
    target, size = Path(sys.argv[1]), int(sys.argv[2])
    write(target, size)
    print(f"{size} venues in {target}")
