"""Matter search, keystroke by keystroke, over a generated city-scale catalogue (7,304 matters).

Run: `.venv/bin/python benchmarks/bench_search.py [--count N] [--seed S] [--limit L]`.

Prints the index build time, the per-keystroke latency (p50/p95/p99/max, wall and CPU time) of
`SearchIndex.search` plus the highlights of the first `VISIBLE_ROWS` hits, over realistic
queries typed one character at a time (pinyin initials, full pinyin, Chinese names, codes,
aliases, mixed input), and, measured in the same run over the same keystrokes, a
naive baseline: a linear scan of every entry testing substrings of its code, name, full pinyin
and initials (pinyin precomputed, so the baseline pays only for the scan). The target is
p95 <= 5 ms per keystroke. Two catalogues are measured: the generated one, where a matter
implemented in ten districts has one name (as in real catalogues), and a worst case where every
name is made distinct by prefixing its district.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from clerk_app.catalogue.generator import (
    AREAS,
    BAOTOU_CATALOGUE_SIZE,
    generate_catalogue,
    read_shipped_guides,
)
from clerk_app.config.paths import guides_dir
from clerk_app.core.search import SearchEntry, SearchHit, SearchIndex, fold, normalize_query, readings

VISIBLE_ROWS = 10  # rows of the result list on screen, whose highlights are computed

QUERIES = [
    # pinyin initials (简拼), the most common way clerks search
    "bdcdj", "gtgshsldj", "zfgjjtq", "shbzksl", "jhdj", "dyqscdj", "ydjyba", "sydj", "cjrzxb",
    "hkqy", "jzzsl", "lsjmsfzsl", "spjyxk", "yxzrgssldj", "csyxzm", "zdshbz", "syjsl",
    # full pinyin
    "budongchandengji", "getigongshanghu", "jiehundengji", "shehuibaozhangka", "zhufanggongjijin",
    "chushengyixuezhengming", "daolu yunshu",
    # Chinese, as an input method commits it
    "不动产登记", "个体工商户设立登记", "结婚登记", "社会保障卡", "最低生活保障", "残疾人证", "食品经营许可",
    "住房公积金提取", "异地就医备案",
    # codes
    "150203-SCJG-XK-0012-01", "150200-GA", "150221-MZ-GF-0001", "0012-03",
    # aliases and mixed input
    "yyzz", "二手房过户", "dibao", "banyingyezhizhao", "gtgsh设立", "bdc登记", "hzhy", "jyzz换证",
]


def entries_from_catalogue(count: int, seed: int) -> list[SearchEntry]:
    catalogue = generate_catalogue(read_shipped_guides(guides_dir()), count, seed)
    docs = [*catalogue.matters, *catalogue.bundles]
    return [SearchEntry(d["code"], d["name"], tuple(d.get("aliases", ())), d["department"]) for d in docs]


def with_distinct_names(entries: Sequence[SearchEntry]) -> list[SearchEntry]:
    """Worst case for the index: no two matters share a name."""
    districts = dict(AREAS)
    return [
        SearchEntry(e.code, districts.get(e.code[:6], "").removeprefix("包头市") + e.name, e.aliases, e.department)
        for e in entries
    ]


class NaiveScan:
    """The obvious implementation: precomputed pinyin strings, every entry tested per query."""

    def __init__(self, entries: Sequence[SearchEntry]) -> None:
        self.rows = []
        for entry in entries:
            units = readings(entry.name)
            full = "".join(u[0] for u in units if u)
            initials = "".join(u[0][0] for u in units if u)
            texts = (fold(entry.code).replace("-", ""), fold(entry.name), full, initials,
                     *(fold(a) for a in entry.aliases))
            self.rows.append((entry, texts))

    def search(self, query: str, limit: int = 50) -> list[SearchEntry]:
        q = normalize_query(query).replace("-", "")
        found = [(len(e.name), e.name, e.code, e) for e, texts in self.rows if any(q in t for t in texts)]
        found.sort(key=lambda row: row[:3])
        return [row[3] for row in found[:limit]]


def shown(hits: Sequence[SearchHit]) -> list[tuple[int, ...]]:
    """What the list shows: highlights are worked out for the visible rows only."""
    return [hit.positions for hit in hits[:VISIBLE_ROWS]]


def keystroke_times(search: Callable[[str], object], queries: Sequence[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds for every prefix of every query, typed one character at a time.

    CPU time is the figure to trust on a busy machine: it leaves out time spent waiting for a core.
    """
    wall: list[float] = []
    cpu: list[float] = []
    for query in queries:
        for end in range(1, len(query) + 1):
            start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
            search(query[:end])
            cpu.append((time.process_time_ns() - start_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - start) / 1e6)
    return wall, cpu


def percentiles(times: Sequence[float]) -> dict[str, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": statistics.median(times), "p95": cuts[94], "p99": cuts[98], "max": max(times)}


def measure(label: str, entries: Sequence[SearchEntry], limit: int) -> None:
    gc.collect()
    start = time.perf_counter()
    index = SearchIndex(entries)
    build = time.perf_counter() - start
    naive = NaiveScan(entries)
    search_wall, search_cpu = keystroke_times(lambda q: shown(index.search(q, limit)), QUERIES)
    naive_wall, naive_cpu = keystroke_times(lambda q: naive.search(q, limit), QUERIES)
    names = len({e.name for e in entries})
    print(f"\n== {label}: {len(entries)} entries, {names} distinct names")
    print(f"index build: {build:.2f} s")
    print(f"keystrokes: {len(search_wall)} ({len(QUERIES)} queries typed one character at a time)")
    for clock, ours, theirs in (("wall", search_wall, naive_wall), ("cpu", search_cpu, naive_cpu)):
        mine, naive_p = percentiles(ours), percentiles(theirs)
        print(f"search {clock:4} ms/keystroke: " + "  ".join(f"{k} {v:.3f}" for k, v in mine.items()))
        print(f"naive  {clock:4} ms/keystroke: " + "  ".join(f"{k} {v:.3f}" for k, v in naive_p.items()))
        print(f"naive / index ({clock}): p50 x{naive_p['p50'] / mine['p50']:.1f}, "
              f"p95 x{naive_p['p95'] / mine['p95']:.1f}; p95 target 5 ms "
              f"{'met' if mine['p95'] <= 5 else 'MISSED'}")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=BAOTOU_CATALOGUE_SIZE)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--limit", type=int, default=50, help="hits per search, as the UI asks")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    entries = entries_from_catalogue(args.count, args.seed)
    print(f"generated {len(entries)} entries (matters and bundles) in {time.perf_counter() - start:.1f} s")
    measure("generated catalogue", entries, args.limit)
    measure("worst case, every name distinct", with_distinct_names(entries), args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
