#!/usr/bin/env python3
"""Where the ledger's CPU samples go, phase by phase of one benchmark run.

usage: jfr print --stack-depth 96 --events jdk.ExecutionSample <out>/ledger.jfr \\
         | python3 jfr-phases.py <out>/bench.json [phase ...]

Reads `jfr print`'s text as a stream (a run's recording printed as JSON is gigabytes, which
jfr-hot.py would have to hold at once) and counts each sample in the phase whose window, from
bench.json, holds its start time: the share per area ("self": the first area of jfr-hot.py met
from the top of the stack) and per marker (inclusive: any frame in the stack). Times are compared
as printed (HH:MM:SS.mmm, the machine's time zone, UTC here) within the run's day.
"""
import collections
import importlib.util
import json
import os
import sys

spec = importlib.util.spec_from_file_location("jfr_hot", os.path.join(os.path.dirname(__file__), "jfr-hot.py"))
jfr_hot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(jfr_hot)


def main():
    bench = json.load(open(sys.argv[1]))
    wanted = set(sys.argv[2:])
    windows = {name: (p["startedAt"][11:23], p["endedAt"][11:23])
               for name, p in bench["phases"].items()
               if isinstance(p, dict) and "startedAt" in p and (not wanted or name in wanted)}
    stats = {name: [0, collections.Counter(), collections.Counter()] for name in windows}

    def count(start, frames):
        if start is None:
            return
        for name, (after, before) in windows.items():
            if after <= start < before:
                s = stats[name]
                s[0] += 1
                area = next((label for f in frames for label, prefix in jfr_hot.AREAS if f.startswith(prefix)), "other")
                s[1][area] += 1
                for label, prefix in jfr_hot.MARKERS:
                    if any(f.startswith(prefix) for f in frames):
                        s[2][label] += 1

    start, frames, in_stack = None, [], False
    for line in sys.stdin:
        text = line.strip()
        if text.startswith("jdk.ExecutionSample"):
            count(start, frames)
            start, frames, in_stack = None, [], False
        elif text.startswith("startTime = "):
            start = text.split("= ", 1)[1][:12]
        elif text.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack:
            if text.startswith("]"):
                in_stack = False
            elif text and not text.startswith("..."):
                frames.append(text.split("(")[0])
    count(start, frames)

    for name, (n, areas, markers) in stats.items():
        if n == 0:
            continue
        print(f"== {name}: {n} samples")
        print("  self:      " + ", ".join(f"{k} {100 * v / n:.0f}%" for k, v in areas.most_common(8)))
        print("  inclusive: " + ", ".join(f"{k} {100 * v / n:.0f}%" for k, v in markers.most_common(12)))


if __name__ == "__main__":
    main()
