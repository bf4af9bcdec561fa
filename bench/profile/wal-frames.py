#!/usr/bin/env python3
"""Pages written per SQLite commit, from an strace of a run (docs/benchmarks.md, Runtime).

    strace -f -e trace=openat,pwrite64,fsync -o st.txt <program> ...
    wal-frames.py st.txt [NAME.db]   (only that database)

In WAL mode a commit appends one frame per changed page to NAME.db-wal (two writes: a 24-byte frame header,
then the page) and, with synchronous=FULL, syncs the file. This counts the frames between two syncs of each
-wal file and prints how many commits wrote how many pages.
"""
import collections
import re
import sys

trace = sys.argv[1]
only = sys.argv[2] if len(sys.argv) > 2 else None
wal_fds = {}  # fd -> database name (the threads of one process share their file descriptors)
frames = collections.Counter()
pages_per_commit = collections.defaultdict(collections.Counter)
for line in open(trace, encoding="utf-8", errors="replace"):
    opened = re.search(r'openat\(.*?"([^"]+-wal)".* = (\d+)$', line)
    if opened:
        wal_fds[opened.group(2)] = opened.group(1).rsplit("/", 1)[-1][: -len("-wal")]
        continue
    written = re.search(r"pwrite64\((\d+), .*, (\d+), \d+\) = \d+$", line)
    if written and written.group(1) in wal_fds and written.group(2) != "24":
        frames[written.group(1)] += 1
        continue
    synced = re.search(r"fsync\((\d+)\)", line)
    if synced and synced.group(1) in wal_fds:
        pages_per_commit[wal_fds[synced.group(1)]][frames.pop(synced.group(1), 0)] += 1

for db, histogram in sorted(pages_per_commit.items()):
    if only and db != only:
        continue
    print(f"{db}: pages per commit: number of commits")
    print("  " + ", ".join(f"{pages}: {count}" for pages, count in sorted(histogram.items())))
