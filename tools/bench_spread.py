#!/usr/bin/env python3
"""tools/bench_spread.py: how far make bench's wall-clock figures move from one
run of make bench to the next.

Runs the wall mode of tools/bench.py --runs times in a row (5 by default),
each exactly as make bench does it (--boots boots of each kernel,
interleaved, each row's median over them), and prints, per row and kernel,
the --runs figures, their max/min, and the host's load average around each
run (os.getloadavg: the other processes' work slows some runs and not
others).  Nothing is written to docs/: docs/benchmarks.md's closing note
quotes a run of this by hand, with its command and its load.

    python3 tools/bench_spread.py [--runs 5] [--boots 3] [--only NAME]"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402


def one_run(plan):
    """The wall mode once: {kernel: {row: median ns/op}}, the load before and after."""
    before = os.getloadavg()[0]
    boots = bench.run_mode(plan, "wall")
    res = {kind: bench.median_rows(boots.get(kind, []))[0] for kind in ("matryoshka", "linux")}
    return res, (before, os.getloadavg()[0])


def spread_table(runs):
    """The markdown table of each row's figures over the runs, per kernel."""
    names = bench.ordered(list(dict.fromkeys(
        n for res, _ in runs for kind in res for n in res[kind])))
    lines = ["| benchmark | Matryoshka ns/op, run by run | max/min | Linux ns/op, run by run "
             "| max/min |", "|---|---|---:|---|---:|"]
    for n in names:
        cells = []
        for kind in ("matryoshka", "linux"):
            v = [res[kind].get(n) for res, _ in runs]
            ok = [x for x in v if isinstance(x, float)]
            cells.append(", ".join(bench.fmt_ns(x) if x is not None else "n/a" for x in v))
            cells.append("%.2f" % (max(ok) / min(ok)) if ok and min(ok) > 0 else "n/a")
        lines.append("| %s | %s |" % (n, " | ".join(cells)))
    loads = ", ".join("%.1f-%.1f" % load for _, load in runs)
    return lines + ["", "Load average (1 min) before and after each run: %s." % loads]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs of the wall mode")
    ap.add_argument("--boots", type=int, default=3, help="boots per kernel in each run")
    ap.add_argument("--only", metavar="NAME", help="one bench/NAME program, or one row")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per boot at most")
    ap.add_argument("--silence", type=float, default=120,
                    help="stop a boot after this many seconds without serial output")
    args = ap.parse_args()
    args.accel, args.cmdline = "tcg", ""
    os.makedirs(bench.LOGS, exist_ok=True)
    os.makedirs(bench.LINUX_DIR, exist_ok=True)
    programs = bench.build_programs()
    args.only_program, keep, args.only_kbench = bench.resolve_only(args.only, programs)
    args.only = args.only or "user rows"  # no prompt boots
    plan = bench.Plan(args, programs, keep)
    plan.cmds.pop("kbench", None)  # the in-kernel rows: no Linux figure beside them
    runs = []
    for i in range(args.runs):
        runs.append(one_run(plan))
        bench.log("run %d of %d done, load %.1f" % (i + 1, args.runs, runs[-1][1][1]))
    print("\n".join(spread_table(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
