#!/usr/bin/env python3
"""tools/check_labs.py: that every lab still works as a lab, for make test.

For each lab (labs/NAME.rubric) it checks, with results named lab/NAME.*:

  tree        `make lab` writes the student tree: no solution line in it
              (git history included), one commit
  builds      the student tree builds as shipped, with -Werror and not one
              warning printed
  skeleton    `make grade` there scores more than 0 (what the lab must not
              break still passes) and less than full (the lab's tests fail)
  reference   `make grade LAB=NAME` on the reference tree scores full
  wrong-N     each of the instructor's wrong solutions
              (labs/wrong/NAME/N.patch, applied to the student tree) builds
              and scores less than full
  handout     docs/labs/NAME.md lists every graded test with its points
  outputs     results.json is what Gradescope reads and junit.xml parses
              with as many testcases as the rubric has tests

A student tree is seeded with the reference's build/ (tools/labs.py
generate --seed-build), so only the files a lab changes are compiled;
grading boots only the lab's groups.  Trees go to build/labs/NAME/.

    python3 tools/check_labs.py [LAB ...] [--jobs N]
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import labs  # noqa: E402
import grade  # noqa: E402
from harness import Result, format_result, summary_line  # noqa: E402

WORK = os.path.join(ROOT, "build", "labs")
BUILD_LIMIT = 300       # s for one student tree's incremental build
GRADE_LIMIT = 300       # s for one `make grade` (it bounds its own boots far below this)


# A student tree builds as on the student's own machine: not as a sub-make of
# the `make -jN test` that runs this check (its jobserver would be inherited,
# and make warns that -j2 resets it).
CLEAN_ENV = {k: v for k, v in os.environ.items()
             if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


def run(cmd, cwd, limit):
    """(exit status, output) of @cmd; status None if it ran out of time."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=limit,
                           env=CLEAN_ENV)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + (e.stderr or b"")
        return None, out.decode(errors="replace") if isinstance(out, bytes) else out


def tail(text, n=15):
    return [line for line in text.splitlines() if line.strip()][-n:]


def build(tree):
    """Builds what grading needs; (ok, why, output lines)."""
    status, out = run(["make", "-j2", "kernel", "V=1"], tree, BUILD_LIMIT)
    warnings = [line for line in out.splitlines() if re.search(r"\bwarning\b", line)]
    if status != 0:
        return False, "the build failed" if status else "the build took over %d s" % BUILD_LIMIT, \
            tail(out)
    if warnings:
        return False, "%d warning(s)" % len(warnings), warnings[:15]
    return True, "", []


def grade_tree(tree, lab, out, own=False):
    """Grades @tree's build for @lab: (results.json data or None, output lines).

    With @own, @tree is a student tree graded by its own tools/grade.py,
    with no --lab: as its student's `make grade` does."""
    if own:
        cmd = [sys.executable, os.path.join(tree, "tools", "grade.py"), "--out", out,
               "--jobs", "1"]
    else:
        cmd = [sys.executable, os.path.join(TOOLS, "grade.py"), "--tree", tree, "--lab", lab,
               "--out", out, "--jobs", "1"]
    status, text = run(cmd, tree if own else ROOT, GRADE_LIMIT)
    try:
        with open(os.path.join(out, "results.json")) as f:
            data = json.load(f)
    except (OSError, ValueError):
        data = None
    if status is None or data is None:
        return None, tail(text, 30)
    return data, [line for line in text.splitlines() if not line.startswith("#")]


def score_text(data):
    return "%g/%g" % (data["score"], sum(t["max_score"] for t in data["tests"]))


def failed_tests(data):
    return [t["name"] for t in data["tests"] if t["status"] != "passed"]


def make_tree(lab, name, seed):
    """A fresh student tree build/labs/LAB/NAME; (path, None) or (None, why).

    Only the skeleton is a git repository checked for leaks: a wrong
    solution's tree is the same tree with a patch on it."""
    dest = os.path.join(WORK, lab, name)
    shutil.rmtree(dest, ignore_errors=True)
    try:
        labs.generate(lab, dest, seed=seed, git=(name == "skeleton"),
                      check=(name == "skeleton"))
    except (labs.LabError, OSError, subprocess.CalledProcessError) as e:
        return None, str(e)
    return dest, None


def check_tree(lab, dest):
    """The generated tree: no leak (generate checked), one commit, the lab's own rubric only."""
    status, out = run(["git", "rev-list", "--count", "HEAD"], dest, 30)
    wrong = []
    if status != 0 or out.strip() != "1":
        wrong.append("git history: %s commits" % out.strip())
    if os.path.exists(os.path.join(dest, "labs", "wrong")):
        wrong.append("labs/wrong/ is in the student tree")
    rubrics = sorted(os.path.basename(p) for p in glob.glob(os.path.join(dest, "labs", "*.rubric")))
    if rubrics != [lab + ".rubric"]:
        wrong.append("rubrics in the tree: %s" % rubrics)
    for tool in (["harness.py", "--list"], ["harness.py", "--self-check"],
                 ["grade.py", "--self-check"]):     # the tools work without the instructor's
        status, out = run([sys.executable, os.path.join("tools", tool[0])] + tool[1:], dest, 120)
        if status != 0:
            wrong.append("tools/%s in the student tree: %s" % (" ".join(tool), tail(out, 3)))
    return wrong


def check_handout(lab):
    """Every graded test is in the handout with its points."""
    rubric = grade.load_rubric(lab, [os.path.join(ROOT, "labs")])
    with open(os.path.join(ROOT, "docs", "labs", lab + ".md")) as f:
        text = f.read()
    wrong = []
    for group in rubric.groups:
        for points, name in group.tests:
            row = re.search(r"^\|[^\n]*`%s`[^\n]*\|\s*%s\s*\|" % (re.escape(name),
                                                                 grade.fmt_points(points)),
                            text, re.M)
            if not row:
                wrong.append("no table row `%s` | %s" % (name, grade.fmt_points(points)))
    total = "%s points" % grade.fmt_points(rubric.max_score)
    if total not in text:
        wrong.append("the handout does not say the total, %s" % total)
    return wrong


def check_outputs(out, rubric_tests):
    """results.json against Gradescope's fields, junit.xml against the rubric."""
    wrong = []
    try:
        with open(os.path.join(out, "results.json")) as f:
            wrong += grade.check_results_json(json.load(f))
        with open(os.path.join(out, "junit.xml")) as f:
            wrong += grade.check_junit_file(f.read(), rubric_tests)
    except (OSError, ValueError) as e:
        wrong.append(str(e))
    return wrong


def lab_tasks(lab):
    """The independent checks of one lab: [(name, function giving Results)]."""
    seed = os.path.join(ROOT, "build")
    rubric = grade.load_rubric(lab, [os.path.join(ROOT, "labs")])
    full = rubric.max_score
    tasks = [("reference", lambda: check_reference(lab, rubric)),
             ("skeleton", lambda: check_skeleton(lab, seed, full))]
    patches = sorted(glob.glob(os.path.join(ROOT, "labs", "wrong", lab, "*.patch")))
    for patch in patches:
        name = "wrong-" + os.path.basename(patch)[:-len(".patch")]
        tasks.append((name, lambda patch=patch: check_wrong(lab, patch, seed, full)))
    if len(patches) < 2:
        tasks.append(("wrong", lambda: [Result("lab/%s.wrong" % lab, "FAIL", "labs/wrong/%s/ "
                                               "has %d wrong solutions, not 2"
                                               % (lab, len(patches)))]))
    return tasks


def task_names():
    """(lab, task) for every check make test runs, or [] in a student tree."""
    if not os.path.isdir(os.path.join(ROOT, "labs", "wrong")):
        return []
    return [(lab, name) for lab in labs.lab_names() for name, _ in lab_tasks(lab)]


def run_task(lab, name):
    """One check by its name (tools/harness.py runs them as make test's lab-* rows)."""
    try:
        return dict(lab_tasks(lab))[name]()
    except (grade.RubricError, labs.LabError, OSError) as e:
        return [Result("lab/%s.%s" % (lab, name), "FAIL", "cannot check: %s" % e)]


def named(lab, check, wrong, reason="", diag=()):
    """A Result lab/LAB.CHECK: a failure if @wrong; @diag says what was measured."""
    return Result("lab/%s.%s" % (lab, check), "FAIL" if wrong else "ok",
                  reason if wrong else "", list(diag))


def check_reference(lab, rubric):
    """The handout, full marks on the reference, and the two output files."""
    problems = check_handout(lab)
    results = [named(lab, "handout", problems, "; ".join(problems[:3]), problems)]
    out = os.path.join(WORK, lab, "grade-reference")
    data, lines = grade_tree(ROOT, lab, out)
    results.append(named(lab, "reference", data is None or data["score"] != rubric.max_score,
                         "scored %s" % score_text(data) if data else "grading failed",
                         ["scored %s in %.1f s; not passed: %s"
                          % (score_text(data), data["execution_time"],
                             ", ".join(failed_tests(data)) or "none")] if data else lines))
    problems = check_outputs(out, sum(len(g.tests) for g in rubric.groups))
    results.append(named(lab, "outputs", problems, "; ".join(problems[:3]), problems))
    return results


def check_skeleton(lab, seed, full):
    """The generated tree, then its build and grade."""
    dest, why = make_tree(lab, "skeleton", seed)
    problems = [why] if why else check_tree(lab, dest)
    results = [named(lab, "tree", problems, "; ".join(problems))]
    if dest:
        results.append(check_variant(lab, "skeleton", dest, lambda s: 0 < s < full,
                                     "more than 0, less than %g" % full))
    return results


def check_wrong(lab, patch, seed, full):
    """A wrong solution applies to the student tree, builds and loses points."""
    name = "wrong-" + os.path.basename(patch)[:-len(".patch")]
    dest, why = make_tree(lab, name, seed)
    if dest:
        status, text = run(["git", "apply", "--whitespace=nowarn", patch], dest, 60)
        why = None if status == 0 else "the patch does not apply: " + " ".join(tail(text, 3))
    if why:
        return [named(lab, name, True, why)]
    return [check_variant(lab, name, dest, lambda s: s < full, "less than %g" % full)]


def check_lab(lab):
    """Every check of one lab, one after the other."""
    return [r for _, task in lab_tasks(lab) for r in task()]


def check_variant(lab, name, tree, good, want):
    """A student tree (the skeleton, or a wrong solution) must build
    without a warning and score as @good says."""
    ok, why, diag = build(tree)
    if not ok:
        return Result("lab/%s.builds-%s" % (lab, name), "FAIL", why, diag)
    data, lines = grade_tree(tree, lab, os.path.join(tree, "build", "grade"), own=True)
    if data is None:
        return Result("lab/%s.%s" % (lab, name), "FAIL", "grading failed", lines)
    measured = ["built with no warning; scored %s in %.1f s; failed: %s"
                % (score_text(data), data["execution_time"],
                   ", ".join(failed_tests(data)) or "none")]
    if not good(data["score"]):
        return Result("lab/%s.%s" % (lab, name), "FAIL",
                      "scored %s: want %s" % (score_text(data), want), measured + lines[-40:])
    return Result("lab/%s.%s" % (lab, name), "ok", "", measured)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Checks that each lab still works as a lab.")
    ap.add_argument("labs", nargs="*", help="the labs (default: all)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true", help="show each check's details")
    opts = ap.parse_args(argv)
    names = opts.labs or labs.lab_names()
    started = time.monotonic()
    tasks = [task for lab in names for _, task in lab_tasks(lab)]
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        for got in pool.map(lambda task: task(), tasks):
            for r in got:
                print(format_result(r), flush=True)
                if opts.verbose and r.status == "ok":
                    for line in r.diag:
                        print("    " + line)
            results += got
    print("# %d lab(s) checked in %.0f s" % (len(names), time.monotonic() - started))
    print(summary_line(results))
    return 1 if any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
