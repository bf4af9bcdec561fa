#!/usr/bin/env python3
"""Where the time of a traced .NET run went, from dotnet-trace's speedscope output (docs/benchmarks.md, Runtime).

    speedscope-summary.py TRACE.speedscope.json ROOT [--cpu] [--match REGEX] [--top N]

Walks every thread's open/close events and charges each interval to the frames on the stack at that time,
counting only intervals whose stack contains a frame whose name contains ROOT (e.g. ApprovalDriver). Prints
each frame's inclusive share of that time, biggest first. --cpu counts only the intervals the sampler marked
CPU_TIME (managed code running); without it UNMANAGED_CODE_TIME (native code: SQLite, system calls) counts too.
--owners charges each interval instead to the component that owns the code running: the assembly of the
nearest frame, from the innermost outwards, that is not the .NET base library (System.*), so the time of a
dictionary lookup inside EF Core counts for EF Core, that of JSON serialisation called by the runtime for it.
"""
import argparse
import collections
import json
import re

parser = argparse.ArgumentParser()
parser.add_argument("trace")
parser.add_argument("root")
parser.add_argument("--cpu", action="store_true")
parser.add_argument("--match", default=".")
parser.add_argument("--top", type=int, default=60)
parser.add_argument("--owners", action="store_true")
args = parser.parse_args()

with open(args.trace, encoding="utf-8") as f:
    trace = json.load(f)
names = [re.sub(r"\(.*", "", frame["name"]) for frame in trace["shared"]["frames"]]
kinds = {"CPU_TIME"} if args.cpu else {"CPU_TIME", "UNMANAGED_CODE_TIME"}
inclusive = collections.Counter()
total = 0.0
for profile in trace["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        at = event["at"]
        if stack and last is not None and at > last:
            frames = [names[i] for i in stack]
            if frames[-1] in kinds and any(args.root in n for n in frames):
                total += at - last
                if args.owners:
                    owner = next((n.split("!")[0] for n in reversed(frames[:-1]) if "!" in n and not n.startswith("System.")), "(base library only)")
                    inclusive[owner] += at - last
                else:
                    for name in set(frames[:-1]):
                        inclusive[name] += at - last
        last = at
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

print(f"{'CPU' if args.cpu else 'CPU + native'} time under '{args.root}': {total:.0f} ms")
shown = 0
for name, ms in inclusive.most_common():
    if shown >= args.top:
        break
    if re.search(args.match, name):
        print(f"{100 * ms / total:6.1f} %  {name[:160]}")
        shown += 1
