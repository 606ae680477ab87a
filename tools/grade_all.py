#!/usr/bin/env python3
"""tools/grade_all.py: grades a directory of submissions of one lab.

    python3 tools/grade_all.py SUBMISSIONS --lab NAME [--out DIR] [--jobs N]
                               [--extra DIR] [--ktests DIR]

SUBMISSIONS holds one directory per student (a clone of their tree, named
as the course names the student).  From each only the lab's own files are
taken (those holding the lab's regions: `tools/labs.py list`): everything
else, tests and grading tools included, is the instructor's, from a
student tree generated here once and built once (OUT/base).  Each
submission gets a copy of that tree in OUT/work/NAME with its files laid
over it, so only they are compiled; a file that does not build, or builds
with a warning, scores 0 with the compiler's words as the diagnostic.
Then `tools/grade.py` grades it with the instructor's rubric (and the
hidden tests: EXTRA=dir programs, KTESTS=dir kernel suites, and any
NAME.rubric in them), in parallel up to --jobs (default: the CPUs).

OUT (default build/grade-all/LAB) gets, per submission, NAME/results.json
(Gradescope's format), NAME/junit.xml and NAME/grade.log, and for the
class summary.csv (name, score, max, seconds, note) and summary.json.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import shutil
import subprocess
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import labs  # noqa: E402
import grade  # noqa: E402

BUILD_LIMIT = 600


def sh(cmd, cwd, log=None, limit=BUILD_LIMIT):
    """Runs @cmd; (exit status or None on timeout, output)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=limit)
        out, status = p.stdout + p.stderr, p.returncode
    except subprocess.TimeoutExpired:
        out, status = "timed out after %d s\n" % limit, None
    if log:
        with open(log, "a") as f:
            f.write("$ %s\n%s" % (" ".join(cmd), out))
    return status, out


def make_args(opts):
    return [a for a in ("EXTRA=%s" % opts.extra if opts.extra else "",
                        "KTESTS=%s" % opts.ktests if opts.ktests else "") if a]


def prepare_base(opts):
    """The lab's student tree, built once: what every submission is laid over."""
    base = os.path.join(opts.out, "base")
    shutil.rmtree(base, ignore_errors=True)
    labs.generate(opts.lab, base, seed=os.path.join(ROOT, "build"), git=False)
    status, out = sh(["make", "-j%d" % opts.jobs, "kernel"] + make_args(opts), base)
    if status != 0:
        raise SystemExit("grade_all: the lab's own tree does not build:\n" + out[-3000:])
    return base


def zero(name, max_score, why, text):
    """The results of a submission that could not be graded at all."""
    return {"score": 0, "execution_time": 0.0, "output": why,
            "tests": [{"name": "build", "score": 0, "max_score": max_score,
                       "status": "failed", "output": why + "\n" + text[-4000:]}]}


def grade_one(name, src, base, opts, lab_files, max_score):
    """Grades the submission in @src: (name, results data, seconds, note)."""
    started = time.monotonic()
    out = os.path.join(opts.out, name)
    work = os.path.join(opts.out, "work", name)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(out)
    log = os.path.join(out, "grade.log")
    shutil.copytree(base, work, symlinks=True)
    missing = []
    for rel in lab_files:
        if os.path.isfile(os.path.join(src, rel)):
            shutil.copyfile(os.path.join(src, rel), os.path.join(work, rel))   # a new mtime
        else:
            missing.append(rel)
    note = "missing, graded as shipped: %s" % ", ".join(missing) if missing else ""
    status, text = sh(["make", "-j1", "kernel", "V=1"] + make_args(opts), work, log)
    said = [line for line in text.splitlines() if " warning: " in line or " error: " in line]
    if status != 0 or said:
        why = "the build failed" if status != 0 else "the build printed warnings"
        data = zero(name, max_score, why, "\n".join(said) or text)
    else:
        kernel = os.path.join(work, "build", "ktests" if opts.ktests else "",
                              "matryoshka.elf")
        cmd = [sys.executable, os.path.join(TOOLS, "grade.py"), "--tree", work, "--lab",
               opts.lab, "--rubrics", os.path.join(ROOT, "labs"), "--out", out,
               "--jobs", "1", "--kernel", kernel, "--accel", opts.accel]
        cmd += ["--extra", opts.extra] if opts.extra else []
        cmd += ["--ktests", opts.ktests] if opts.ktests else []
        status, text = sh(cmd, ROOT, log)
        try:
            with open(os.path.join(out, "results.json")) as f:
                data = json.load(f)
        except (OSError, ValueError):
            data = zero(name, max_score, "grading failed", text)
    if not os.path.exists(os.path.join(out, "results.json")):
        with open(os.path.join(out, "results.json"), "w") as f:
            json.dump(data, f, indent=2)
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return name, data, time.monotonic() - started, note


def main(argv=None):
    ap = argparse.ArgumentParser(description="Grades a directory of lab submissions.")
    ap.add_argument("submissions", help="one directory per student")
    ap.add_argument("--lab", required=True)
    ap.add_argument("--out", help="default: build/grade-all/LAB")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--extra", help="hidden user programs (EXTRA=dir)")
    ap.add_argument("--ktests", help="hidden in-kernel suites (KTESTS=dir)")
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--keep", action="store_true", help="keep each submission's built tree")
    opts = ap.parse_args(argv)
    opts.out = os.path.abspath(opts.out or os.path.join(ROOT, "build", "grade-all", opts.lab))
    for attr in ("extra", "ktests"):
        if getattr(opts, attr):
            setattr(opts, attr, os.path.abspath(getattr(opts, attr)))
    rubric = grade.load_rubric(opts.lab, [os.path.join(ROOT, "labs"), opts.ktests, opts.extra])
    names = sorted(n for n in os.listdir(opts.submissions)
                   if os.path.isdir(os.path.join(opts.submissions, n)))
    if not names:
        print("grade_all: no submission directories in %s" % opts.submissions)
        return 1
    started = time.monotonic()
    os.makedirs(opts.out, exist_ok=True)
    base = prepare_base(opts)
    lab_files = labs.lab_files(opts.lab)
    print("# lab %s: %d submission(s); their files: %s; %d at a time"
          % (opts.lab, len(names), ", ".join(lab_files), opts.jobs), flush=True)
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        futures = [pool.submit(grade_one, n, os.path.abspath(os.path.join(opts.submissions, n)),
                               base, opts, lab_files, rubric.max_score) for n in names]
        for future in concurrent.futures.as_completed(futures):
            name, data, secs, note = future.result()
            total = sum(t["max_score"] for t in data["tests"])
            print("%s: %s/%s (%.0f s)%s" % (name, grade.fmt_points(data["score"]),
                                            grade.fmt_points(total), secs,
                                            "; " + note if note else ""), flush=True)
            rows.append((name, data["score"], total, round(secs, 1), note))
    rows.sort()
    with open(os.path.join(opts.out, "summary.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("name", "score", "max", "seconds", "note"))
        writer.writerows(rows)
    with open(os.path.join(opts.out, "summary.json"), "w") as f:
        json.dump([dict(zip(("name", "score", "max", "seconds", "note"), r)) for r in rows],
                  f, indent=2)
    print("# %d graded in %.0f s: %s" % (len(rows), time.monotonic() - started,
                                         os.path.join(opts.out, "summary.csv")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
