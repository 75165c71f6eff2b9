#!/usr/bin/env python3
"""Sums PostgreSQL's logged statement durations (log_min_duration_statement = 0) by statement.

Reads a server log (or the part of it a benchmark wrote, on stdin) and prints the statements that
took the most time in all, with how often each ran. Usage: bench/pg-statements.py [LOG] [TOP]
"""
import collections
import re
import sys

source = open(sys.argv[1], errors="replace") if len(sys.argv) > 1 and sys.argv[1] != "-" else sys.stdin
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
pattern = re.compile(r"duration: ([\d.]+) ms\s+(?:execute [^:]*|statement|parse [^:]*|bind [^:]*): (.*)")
total = collections.Counter()
count = collections.Counter()
for line in source:
    m = pattern.search(line)
    if m:
        key = re.sub(r"\$\d+(, \$\d+)*", "$n", m.group(2))[:110]
        total[key] += float(m.group(1))
        count[key] += 1
print(f"{sum(total.values()) / 1000:.1f} s in {sum(count.values())} statements; the most expensive:")
for key, ms in total.most_common(top):
    print(f"{ms / 1000:8.2f} s {count[key]:8d}x  {key}")
