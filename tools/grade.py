#!/usr/bin/env python3
"""tools/grade.py: `make grade`: a lab's graded tests, with points.

A lab's rubric, labs/NAME.rubric, is the one place that says what is
graded and what each test is worth:

    title  PID numbers: the pidmap, pid_hash and set_tid
    group  pidmap  timeout 20          the tests below run in one boot of their own
       10  kernel/pid.numbers_increase_and_are_not_reused_before_the_wrap
       10  kernel/pid.wraps_to_reserved_pids_and_runs_out
    group  set_tid  timeout 20
       10  user/proc_clone3            a program: every result it gives must pass

A test line is POINTS NAME: NAME is a result name of the harness
(docs/testing.md) or a glob of them, and also covers the results under it
(user/proc_clone3 is user/proc_clone3 and user/proc_clone3.*).  The test
earns its points when it has at least one result and every one passed.
A group is one boot, so a panic or a hang costs only its group's tests
(and the harness boots again for the tests a crash never reached);
`timeout` bounds the boot and each program in it, in seconds (and each
wait of a scenario, unless the scenario says longer).

It prints a `#` line per boot as it ends, the diagnostics of what failed,
then one line per test, `NAME: POINTS/MAX`, and `Score: N/M`; and writes
build/grade/results.json (Gradescope's autograder format) and
build/grade/junit.xml.  Without --lab it grades every lab whose rubric is
in labs/ (a student tree has only its own).  A directory of hidden tests
(EXTRA=dir, KTESTS=dir) may hold NAME.rubric with their points.

    python3 tools/grade.py [--lab NAME] [--tree DIR] [--kernel ELF] [--jobs N]
                           [--extra DIR] [--ktests DIR] [--out DIR]
    python3 tools/grade.py --self-check
"""
import argparse
import dataclasses
import fnmatch
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import harness  # noqa: E402
from junit import junit_xml  # noqa: E402

DEFAULT_TIMEOUT = 30
OUTPUT_LINES = 40       # at most this many lines of diagnostics per test


class RubricError(Exception):
    pass


@dataclasses.dataclass
class Group:
    name: str
    timeout: float
    tests: list = dataclasses.field(default_factory=list)    # [(points, name)]


@dataclasses.dataclass
class Rubric:
    lab: str
    title: str = ""
    groups: list = dataclasses.field(default_factory=list)

    @property
    def max_score(self):
        return sum(points for group in self.groups for points, _ in group.tests)


KINDS = ("kernel/", "user/", "extra/", "scenario/")


def parse_rubric(text, lab, path="rubric"):
    """A rubric file's groups and tests (format above)."""
    rubric = Rubric(lab)
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        where = "%s:%d" % (path, n)
        if not line:
            continue
        words = line.split()
        if words[0] == "title":
            rubric.title = line[len("title"):].strip()
        elif words[0] == "group":
            if len(words) not in (2, 4) or (len(words) == 4 and words[2] != "timeout"):
                raise RubricError("%s: expected `group NAME [timeout SECONDS]`" % where)
            try:
                timeout = float(words[3]) if len(words) == 4 else DEFAULT_TIMEOUT
            except ValueError:
                raise RubricError("%s: bad timeout %r" % (where, words[3]))
            if not re.fullmatch(r"[A-Za-z0-9_]+", words[1]):
                raise RubricError("%s: a group name is letters, digits and _" % where)
            if any(g.name == words[1] for g in rubric.groups):
                raise RubricError("%s: group %s twice" % (where, words[1]))
            rubric.groups.append(Group(words[1], timeout))
        elif re.fullmatch(r"\d+(\.\d+)?", words[0]) and len(words) == 2:
            if not rubric.groups:
                raise RubricError("%s: a test before any group" % where)
            name = words[1]
            if not name.startswith(KINDS):
                raise RubricError("%s: %s is not a kernel/, user/, extra/ or scenario/ "
                                  "result" % (where, name))
            group = rubric.groups[-1]
            kinds = {group_kind(t) for _, t in group.tests} | {group_kind(name)}
            if len(kinds) > 1:
                raise RubricError("%s: group %s mixes %s: one boot runs one kind"
                                  % (where, group.name, " and ".join(sorted(kinds))))
            group.tests.append((float(words[0]), name))
        else:
            raise RubricError("%s: cannot read %r" % (where, raw))
    for group in rubric.groups:
        if not group.tests:
            raise RubricError("%s: group %s has no tests" % (path, group.name))
    return rubric


def group_kind(name):
    """kernel, user (user/ and extra/ programs boot alike) or scenario."""
    kind = name.split("/", 1)[0]
    return "user" if kind == "extra" else kind


def load_rubric(lab, dirs):
    """The lab's rubric from the first of @dirs that has it, plus hidden
    ones (NAME.rubric in a hidden test directory) from the others."""
    rubric = None
    for d in filter(None, dirs):
        path = os.path.join(d, lab + ".rubric")
        if os.path.isfile(path):
            with open(path) as f:
                part = parse_rubric(f.read(), lab, os.path.relpath(path))
            if rubric is None:
                rubric = part
            else:
                names = {g.name for g in rubric.groups}
                for g in part.groups:
                    if g.name in names:
                        raise RubricError("%s: group %s is in the lab's rubric too" % (path, g.name))
                rubric.groups += part.groups
    if rubric is None:
        raise RubricError("no rubric labs/%s.rubric" % lab)
    return rubric


# ---- boots -------------------------------------------------------------------

def group_boots(lab, group):
    """The harness boots that run @group: one, or one per scenario."""
    kind, names = group_kind(group.tests[0][1]), [t for _, t in group.tests]
    base = "%s-%s" % (lab, group.name)
    limit = group.timeout
    if kind == "kernel":
        globs = sorted({n[len("kernel/"):] for n in names})
        return [harness.Boot(base, "kernel", "ktest=" + ",".join(globs), limit,
                             start_limit=limit)]
    if kind == "user":
        programs = sorted({n.split(".", 1)[0][len("user/"):] if n.startswith("user/")
                           else n.split(".", 1)[0] for n in names})
        return [harness.Boot(base, "user", "runtests=%s testtimeout=%d"
                             % (",".join(programs), max(1, int(limit))), limit,
                             programs=programs, start_limit=limit)]
    boots = []
    for name in sorted({n[len("scenario/"):] for n in names}):
        path = os.path.join(harness.SCENARIOS, name + ".scn")
        cmdline, mem = harness.scenario_boot_options(harness.read_scenario(path))
        boots.append(harness.Boot("%s-%s" % (base, name), "scenario", cmdline, limit,
                                  scenario=path, mem=mem,
                                  step_limit=min(limit, harness.STEP_LIMIT)))
    return boots


def boot_group(boot_name):
    """The boot name a resumed boot (pid-pidmap.1) came from."""
    return boot_name.split(".", 1)[0]


# ---- scores ------------------------------------------------------------------

@dataclasses.dataclass
class Graded:
    """One rubric test's verdict (also a Result for tools/junit.py)."""
    name: str
    points: float
    max_points: float
    status: str                # "ok" or "FAIL", as the harness's results
    reason: str = ""
    diag: list = dataclasses.field(default_factory=list)
    unreached: bool = False


def matches(result_name, test):
    return (result_name == test or result_name.startswith(test + ".")
            or fnmatch.fnmatchcase(result_name, test))


def grade_test(points, test, results, boot_results):
    """The verdict on one rubric test from its group's results."""
    mine = [r for r in results if matches(r.name, test)]
    bad = [r for r in mine if r.status != "ok"]
    if mine and not bad:
        return Graded(test, points, points, "ok")
    if not mine:
        why = ["no result named %s or %s.*" % (test, test)]
        for r in boot_results:
            if r.status == "FAIL":
                why += ["%s: %s" % (r.name, r.reason)] + brief_quote(r.diag)
        return Graded(test, 0, points, "FAIL", "no result", why, unreached=True)
    diag = []
    for r in bad:
        diag += harness.format_result(r).split("\n") if r.status == "FAIL" else \
            ["skip %s # %s (a skipped test earns nothing)" % (r.name, r.reason)]
    if all(r.unreached for r in bad):       # why the boot never got to them
        for r in boot_results:
            if r.status == "FAIL":
                diag += ["%s: %s" % (r.name, r.reason)] + brief_quote(r.diag)
    reasons = sorted({r.reason.split(":")[0] for r in bad if r.reason}) or ["failed"]
    return Graded(test, 0, points, "FAIL", "; ".join(reasons)[:200], diag[:OUTPUT_LINES],
                  unreached=all(r.unreached for r in bad))


def brief_quote(diag, keep=15):
    """A boot's quote cut to what says where it died: the panic line, the
    call trace, the hang's running task, and where the log is."""
    def text(line):
        return harness.TIMESTAMP_RE.sub("", line[2:] if line.startswith("| ") else line)
    wanted = [line for line in diag
              if harness.PANIC_RE.search(line) or "Call Trace" in line or line.startswith("log:")
              or harness.BACKTRACE_RE.match(text(line)) or "RIP:" in line]
    return (wanted or diag)[:keep]


def score_lab(rubric, reports, prefix=""):
    """[(group name, [Graded], seconds, log text)] for one lab's rubric."""
    out = []
    for group in rubric.groups:
        base = "%s-%s" % (rubric.lab, group.name)
        mine = [r for r in reports if boot_group(r.boot.name) == base
                or boot_group(r.boot.name).startswith(base + "-")]
        results = [res for r in mine for res in r.results if not res.name.startswith("boot/")]
        boots = [res for r in mine for res in r.results if res.name.startswith("boot/")]
        graded = [grade_test(p, t, results, boots) for p, t in group.tests]
        for g in graded:
            g.name = prefix + g.name
        log = "\n".join(filter(None, (harness.read_log(r.log) for r in mine)))
        out.append((base, graded, sum(r.secs for r in mine), log or None))
    return out


# ---- output ------------------------------------------------------------------

def fmt_points(x):
    return ("%d" % x) if float(x).is_integer() else ("%g" % x)


def results_json(groups, secs):
    """Gradescope's autograder results (its documented fields only)."""
    tests = []
    for _, graded, _, _ in groups:
        for g in graded:
            text = [g.reason] + g.diag if g.status == "FAIL" else ["passed"]
            tests.append({"name": g.name, "score": g.points, "max_score": g.max_points,
                          "status": "passed" if g.status == "ok" else "failed",
                          "output": "\n".join(text)})
    score = sum(t["score"] for t in tests)
    total = sum(t["max_score"] for t in tests)
    return {"score": score, "execution_time": round(secs, 1),
            "output": "Score: %s/%s" % (fmt_points(score), fmt_points(total)), "tests": tests}


GRADESCOPE_TOP = {"score": (int, float), "execution_time": (int, float), "output": str,
                  "output_format": str, "test_output_format": str, "test_name_format": str,
                  "visibility": str, "stdout_visibility": str, "extra_data": dict,
                  "tests": list, "leaderboard": list}
GRADESCOPE_TEST = {"score": (int, float), "max_score": (int, float), "status": str,
                   "name": str, "name_format": str, "number": str, "output": str,
                   "output_format": str, "tags": list, "visibility": str, "extra_data": dict}


def check_results_json(data):
    """What is wrong with @data as Gradescope's results.json."""
    wrong = []
    for key, value in data.items():
        if key not in GRADESCOPE_TOP:
            wrong.append("unknown key %r" % key)
        elif not isinstance(value, GRADESCOPE_TOP[key]):
            wrong.append("%s is a %s" % (key, type(value).__name__))
    if "score" not in data and not all("score" in t for t in data.get("tests", [])):
        wrong.append("neither a score nor a score per test")
    for i, test in enumerate(data.get("tests", [])):
        for key, value in test.items():
            if key not in GRADESCOPE_TEST:
                wrong.append("tests[%d]: unknown key %r" % (i, key))
            elif not isinstance(value, GRADESCOPE_TEST[key]):
                wrong.append("tests[%d].%s is a %s" % (i, key, type(value).__name__))
        if test.get("status") not in (None, "passed", "failed"):
            wrong.append("tests[%d].status is %r" % (i, test.get("status")))
        if "score" in test and "max_score" in test and not 0 <= test["score"] <= test["max_score"]:
            wrong.append("tests[%d]: score %s outside 0..%s" % (i, test["score"],
                                                               test["max_score"]))
    if "score" in data and abs(sum(t.get("score", 0) for t in data.get("tests", []))
                               - data["score"]) > 1e-6:
        wrong.append("score is not the sum of the tests' scores")
    return wrong


def check_junit_file(text, count):
    """What is wrong with junit.xml @text that should hold @count testcases."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        return ["not well-formed: %s" % e]
    cases = root.findall("testsuite/testcase")
    wrong = [] if root.tag == "testsuites" else ["the root is <%s>" % root.tag]
    if len(cases) != count:
        wrong.append("%d testcases for %d tests" % (len(cases), count))
    return wrong


def write_outputs(groups, secs, out_dir):
    """results.json and junit.xml in @out_dir; returns the JSON data."""
    os.makedirs(out_dir, exist_ok=True)
    data = results_json(groups, secs)
    for name, text in (("results.json", json.dumps(data, indent=2) + "\n"),
                       ("junit.xml", junit_xml(groups))):
        with open(os.path.join(out_dir, name + ".tmp"), "w") as f:
            f.write(text)
        os.replace(os.path.join(out_dir, name + ".tmp"), os.path.join(out_dir, name))
    return data


def print_scores(groups, labs):
    """The failures' diagnostics, then `NAME: P/M` per test and the scores."""
    graded = [g for _, gs, _, _ in groups for g in gs]
    failed = [g for g in graded if g.status == "FAIL"]
    if failed:
        print()
    for g in failed:
        print("FAIL %s # %s" % (g.name, g.reason))
        for line in g.diag[:OUTPUT_LINES]:
            print("    " + (line if len(line) <= 200 else line[:200] + "..."))
    print()
    for g in graded:
        print("%s: %s/%s" % (g.name, fmt_points(g.points), fmt_points(g.max_points)))
    if len(labs) > 1:
        for lab in labs:
            mine = [g for g in graded if g.name.startswith(lab + "/")]
            print("Score %s: %s/%s" % (lab, fmt_points(sum(g.points for g in mine)),
                                       fmt_points(sum(g.max_points for g in mine))))
    print("Score: %s/%s" % (fmt_points(sum(g.points for g in graded)),
                            fmt_points(sum(g.max_points for g in graded))))


def show_boot(report, note):
    with harness.PRINT_LOCK:
        print("# %s: %s%s" % (report.boot.name, report.summary,
                              "; " + note if note else ""), flush=True)


# ---- running -------------------------------------------------------------------

def grade(labs, opts, rubric_dirs):
    """Boots every group of @labs, scores them, writes the outputs: the JSON data."""
    rubrics = [load_rubric(lab, rubric_dirs) for lab in labs]
    plan = [boot for r in rubrics for g in r.groups for boot in group_boots(r.lab, g)]
    missing = harness.missing_inputs()
    if missing:
        for m in missing:
            print(harness.format_result(m))
        return None
    started = time.monotonic()
    reports = harness.run_all(plan, opts, show=None if opts.verbose else show_boot)
    secs = time.monotonic() - started
    groups = []
    for r in rubrics:
        groups += score_lab(r, reports, r.lab + "/" if len(labs) > 1 else "")
    print_scores(groups, labs)
    return write_outputs(groups, secs, opts.out)


# ---- --self-check ----------------------------------------------------------------

SAMPLE_RUBRIC = """title A sample
group one timeout 5
   4  kernel/pid.a
   6  kernel/pid.b*
group two
  10  user/prog
"""


def self_check():
    """The rubric reader, the scoring, the JSON and JUnit outputs, on made-up results."""
    wrong = []
    rubric = parse_rubric(SAMPLE_RUBRIC, "sample")
    if [(g.name, g.timeout, len(g.tests)) for g in rubric.groups] != \
            [("one", 5.0, 2), ("two", DEFAULT_TIMEOUT, 1)] or rubric.max_score != 20:
        wrong.append("the sample rubric is misread: %r" % rubric)
    for bad in ("10 kernel/x", "group a\n1 kernel/x\n1 user/y", "group a timeout x",
                "group a\n1 nowhere/x", "group a", "group a\ngroup a\n1 user/x"):
        try:
            parse_rubric(bad, "bad")
            wrong.append("accepted %r" % bad)
        except RubricError:
            pass
    boots = [b for g in rubric.groups for b in group_boots("sample", g)]
    if [(b.name, b.cmdline) for b in boots] != [
            ("sample-one", "ktest=pid.a,pid.b*"),
            ("sample-two", "runtests=prog testtimeout=%d" % DEFAULT_TIMEOUT)]:
        wrong.append("the boots are %r" % [(b.name, b.cmdline) for b in boots])
    R = harness.Result
    one = harness.Report(boots[0], "", [R("kernel/pid.a", "ok"), R("kernel/pid.b1", "ok"),
                                        R("kernel/pid.b2", "FAIL", "not ok", ["# b2: bad"]),
                                        R("boot/sample-one", "ok")])
    two = harness.Report(boots[1], "", [R("boot/sample-two", "FAIL", "Kernel panic",
                                          ["| Kernel panic - not syncing: x"])])
    groups = score_lab(rubric, [one, two])
    verdicts = [(g.name, g.points, g.status) for _, gs, _, _ in groups for g in gs]
    if verdicts != [("kernel/pid.a", 4, "ok"), ("kernel/pid.b*", 0, "FAIL"),
                    ("user/prog", 0, "FAIL")]:
        wrong.append("scored %r" % verdicts)
    prog = groups[1][1][0]
    if not any("Kernel panic" in line for line in prog.diag):
        wrong.append("a test with no result does not quote its boot's panic: %r" % prog.diag)
    data = results_json(groups, 1.5)
    wrong += ["results.json: " + w for w in check_results_json(data)]
    if data["score"] != 4 or len(data["tests"]) != 3:
        wrong.append("results.json has score %r and %d tests" % (data["score"],
                                                                 len(data["tests"])))
    if not check_results_json({"score": 1, "tests": [{"status": "ok", "colour": 1}]}):
        wrong.append("check_results_json accepts a bad status and an unknown key")
    wrong += ["junit.xml: " + w for w in check_junit_file(junit_xml(groups), 3)]
    for line in wrong:
        print("    " + line)
    print("grade self-check: %s" % ("ok" if not wrong else "%d problem(s)" % len(wrong)))
    return wrong


# ---- main ----------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(description="Grades a lab (make grade).")
    ap.add_argument("--lab", help="the lab (default: every labs/*.rubric of the tree)")
    ap.add_argument("--tree", default=ROOT, help="the tree whose build/ is graded")
    ap.add_argument("--rubrics", help="where the rubrics are (default: TREE/labs)")
    ap.add_argument("--kernel", help="the kernel to boot (default: TREE/build/matryoshka.elf)")
    ap.add_argument("--extra", metavar="DIR", help="hidden user programs (may hold LAB.rubric)")
    ap.add_argument("--ktests", metavar="DIR", help="hidden kernel suites (may hold LAB.rubric)")
    ap.add_argument("--out", help="where results.json and junit.xml go "
                    "(default: TREE/build/grade)")
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout-scale", type=float, default=1.0, metavar="F")
    ap.add_argument("-v", "--verbose", action="store_true", help="the harness's own output")
    ap.add_argument("--no-debug-checks", action="store_true",
                    help="boot without the kernel's debug checks (make test's are on)")
    ap.add_argument("--self-check", action="store_true")
    opts = ap.parse_args(argv)
    opts.tree = os.path.abspath(opts.tree)
    opts.out = opts.out or os.path.join(opts.tree, "build", "grade")
    opts.keep_going, opts.only, opts.only_extra = True, [], False
    return opts


def main(argv=None):
    opts = parse_args(argv)
    if opts.self_check:
        return 1 if self_check() else 0
    harness.set_paths(tree=opts.tree, kernel=opts.kernel,
                      logs=os.path.join(opts.out, "logs"))
    rubric_dir = opts.rubrics or os.path.join(opts.tree, "labs")
    labs = [opts.lab] if opts.lab else sorted(
        n[:-len(".rubric")] for n in os.listdir(rubric_dir) if n.endswith(".rubric")) \
        if os.path.isdir(rubric_dir) else []
    if not labs:
        print("grade: no lab rubric in %s" % rubric_dir)
        return 1
    try:
        data = grade(labs, opts, [rubric_dir, opts.ktests, opts.extra])
    except RubricError as e:
        print("grade: %s" % e)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted")
        return 130
    return 0 if data is not None else 1


if __name__ == "__main__":
    sys.exit(main())
