#!/usr/bin/env python3
"""tools/harness.py: Matryoshka's test harness, what `make test` runs.

It owns the host side of testing: it boots QEMU headless (the serial
console on pipes, copied to build/logs/BOOT.log), several boots at once,
each bounded in time; it parses the KTAP the kernel and the user-space test
runner print into named results (kernel/SUITE.CASE, user/PROGRAM.CASE,
extra/PROGRAM.CASE); it plays the serial-console scenarios of
tests/scenarios/*.scn on the shell; it counts a panic, a reset, a hang or a
missing result as a failure and quotes the log around it; and it ends with
the line `N passed, N failed` (`, N skipped`), exiting non-zero on failure.

Every boot is in BOOT_PLAN below.  docs/testing.md explains the output,
the scenario format and how to add a test.  tools/run_linux_tests.py
imports the KTAP parser from here to run the same tests on Linux.

    python3 tools/harness.py [--accel kvm] [--jobs 2] [--only GLOB] [--list]
                             [--extra DIR [--only-extra]] [--no-keep-going] [-v]
    python3 tools/harness.py --self-check     # the harness's own unit tests
"""
import argparse
import codecs
import concurrent.futures
import dataclasses
import fnmatch
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
sys.modules.setdefault("harness", sys.modules[__name__])   # gdb_check.py imports us
from qemu import qemu_command, monitor_option, EXIT_POWEROFF, EXIT_PANIC, EXIT_RESET  # noqa: E402
from junit import junit_xml, check_junit  # noqa: E402
from mkiso import make_iso  # noqa: E402

BUILD = os.path.join(ROOT, "build")
KERNEL = os.path.join(BUILD, "matryoshka.elf")
INITRD = os.path.join(BUILD, "initramfs.cpio")
# The same image in two parts, the ISO's two modules (tools/mkinitramfs.py).
ISO_INITRDS = [os.path.join(BUILD, "initramfs-system.cpio"),
               os.path.join(BUILD, "initramfs-tests.cpio")]
TEST_BINS = os.path.join(BUILD, "tests")
LOG_DIR = os.path.join(BUILD, "logs")
ISO_DIR = os.path.join(BUILD, "harness-iso")
SCENARIOS = os.path.join(ROOT, "tests", "scenarios")
SAMPLES = os.path.join(ROOT, "tests", "harness")


def set_paths(tree=None, kernel=None, logs=None):
    """Points the harness at another tree's build (tools/grade.py grades a
    student's tree with the instructor's tools), another kernel (one with
    KTESTS' hidden suites linked in) or another log directory."""
    global BUILD, KERNEL, INITRD, ISO_INITRDS, TEST_BINS, LOG_DIR, ISO_DIR, SCENARIOS
    if tree:
        BUILD = os.path.join(os.path.abspath(tree), "build")
        KERNEL = os.path.join(BUILD, "matryoshka.elf")
        INITRD = os.path.join(BUILD, "initramfs.cpio")
        ISO_INITRDS = [os.path.join(BUILD, os.path.basename(p)) for p in ISO_INITRDS]
        TEST_BINS = os.path.join(BUILD, "tests")
        LOG_DIR = os.path.join(BUILD, "logs")
        ISO_DIR = os.path.join(BUILD, "harness-iso")
        SCENARIOS = os.path.join(os.path.abspath(tree), "tests", "scenarios")
    if kernel:
        KERNEL = os.path.abspath(kernel)
    if logs:
        LOG_DIR = os.path.abspath(logs)

# ---- the boot plan -------------------------------------------------------
#
# Every QEMU boot of a run, in the order they start (the long user-test boots
# first, so both cores stay busy while the short ones fill in).  "kind" says
# how the boot is read: "kernel" is ktest KTAP (results kernel/SUITE.CASE),
# "user" the test runner's KTAP (user/PROGRAM.CASE, extra/PROGRAM.CASE),
# "fuzz" the syscall fuzzer's KTAP, one result per seed (fuzz/seed-N; a
# kernel WARNING or BUG line fails the boot too: tools/fuzz/, make fuzz),
# "selftest-*" the harness's checks of itself (harness/...), "scenario" a
# shell session played from a .scn file (scenario/NAME), "gdb" the gdb
# session of docs/gdb.md with its checks (gdb/STEP, tools/gdb_check.py).  "limit" is
# the time bound of the whole boot in seconds under TCG (--timeout-scale
# multiplies it); "via" is the boot path: "kernel" is QEMU's -kernel loader
# with qboot (fast), "iso" is GRUB from a CD image (the real path).
# {half_1}/{half_2} are the sorted names in build/tests/, taken alternately;
# the scenario row becomes one boot per tests/scenarios/*.scn.  testtimeout=
# bounds each test program (the runner kills it after that many seconds).
#
#   name               kind              command line                       limit  via
BOOT_PLAN = [
    ("user-1",         "user",           "runtests={half_1} testtimeout=120",  600, "kernel"),
    ("user-2",         "user",           "runtests={half_2} testtimeout=120",  600, "kernel"),
    ("extra",          "user",           "runtests=extra testtimeout=120",     600, "kernel"),
    ("lab-{name}",     "lab",            "",                                     0, "host"),
    ("ktest",          "kernel",         "ktest=*",                            120, "kernel"),
    ("fuzz",           "fuzz",           "runfuzz=1-3 fuzzcalls=1000",         300, "kernel"),
    ("iso",            "kernel",         "ktest=boot",                         180, "iso"),
    ("selftest-fail",  "selftest-fail",  "ktest=selftest.fail",                120, "kernel"),
    ("selftest-panic", "selftest-panic", "ktest=selftest.panic",               120, "kernel"),
    ("selftest-hang",  "selftest-hang",  "ktest=selftest.hang",                120, "kernel"),
    ("selftest-leak",  "selftest-leak",  "runtests=none leakcheck=selftest",   120, "kernel"),
    ("selftest-hang-irqs-off", "selftest-hang-irqs-off", "ktest=selftest.hang_irqs_off",
     120, "kernel"),
    ("panic-{name}",   "expect-panic",   "ktest={name}",                       120, "kernel"),
    ("scenario-{name}", "scenario",      "",                                   180, "kernel"),
    ("gdb",            "gdb",            "",                                   180, "kernel"),
]
# The "extra" row runs only with --extra DIR (make test EXTRA=DIR); with
# --only-extra it is the only boot.  The "panic-{name}" row becomes one boot
# per EXPECTED_PANICS case.  The "lab" row is no boot: it becomes one row per
# check of each lab (tools/check_labs.py: lab-pid-skeleton builds and grades
# lab pid's student tree, which boots its own QEMUs); only a tree with the
# instructor's labs/wrong/ has them.

# Explicit ktest cases that end the machine on purpose (a stack overflow, a
# fault while oopsing): each passes, as kernel/CASE, when its boot ends in a
# clean panic (the panic line, the end marker, QEMU exiting by itself) and
# each regex matches a console line (without its timestamp).
EXPECTED_PANICS = {
    "stack_overflow.overflow": [
        r"^BUG: stack guard page was hit at [0-9a-f]{16} \(stack is [0-9a-f]{16}\.\.",
        r"^kernel stack overflow \(double-fault\): 0000 \[#1\]",
        r"^ recurse_deeply\S*\+0x"],
    "stack_overflow.write_below": [
        r"^BUG: stack guard page was hit at ",
        r"^kernel stack overflow \(page fault\): ",
        r"^RIP: 0010:write_below\+0x"],
    "oops.garbage_lock_name": [
        r"^Kernel panic - not syncing: BUG: spinlock recursion on CPU#0, \S+, lock \(efault\)$"],
    # With several CPUs each other one spins with interrupts off: only the
    # NMI stops it.  With one the panic line says there was none to stop.
    "smp_stop.panic_stops_spinning_cpus": [
        r"^(Shutting down cpus with NMI"
        r"|Kernel panic - not syncing: ktest: 0 other CPUs spinning with interrupts off)$"],
    "oops.fault_while_oopsing": [
        r"^BUG: stack guard page was hit at ",
        r"^ page_fault_oops\+0x",
        r"^ fault_near_the_bottom\S*\+0x"],
}

# Every boot runs with the kernel's debug checks on (docs/debugging.md): slab
# red zones, poison and tracking, page poisoning, list checks, wait-entry
# checks and the lock validator (docs/locking.md).  The stack guards, the lockup detectors and the robust printing
# are always on.  --no-debug-checks leaves these off (to measure them).
DEBUG_CMDLINE = "slub_debug page_poison=1 debug_list debug_objects lockdep"

START_LIMIT = 120       # a test boot must print "KTAP version" within this (s)
PROMPT_LIMIT = 120      # a scenario boot must show its first prompt within this
STEP_LIMIT = 30         # default wait of a scenario's "?" and "prompt" lines
POWEROFF_LIMIT = 60     # QEMU must exit this long after `poweroff`
QUOTE_LINES = 30        # lines of serial log quoted around a failure
DIAG_LINES = 60         # at most this many diagnostic lines under a result
RESUME_LIMIT = 8        # at most this many resume boots after crashes in one run

# What each kind of boot prints when it is done; its absence is a failure.
END_LINES = {
    "kernel": re.compile(r"^ktest: done, \d+ suite\(s\) failed"),
    "user": re.compile(r"^# matryoshka-tests: \d+ passed, \d+ failed"),
    "fuzz": re.compile(r"^# matryoshka-fuzz: \d+ seeds"),
}
# A user-test boot's last words on the kernel's memory (user/init/leakcheck.c).
LEAK_RE = re.compile(r"^# matryoshka-leak-check: (ok|LEAK)\b:? ?(.*)$")
PANIC_RE = re.compile(r"Kernel panic - not syncing")
# A hung boot is asked for its task dump before QEMU is killed: Ctrl-T, the
# console's SysRq-T (drivers/tty/sysrq.c), answered by "sysrq: Show State".
# With interrupts off Ctrl-T cannot get in: the harness then sends an NMI
# through QEMU's monitor, answered by kernel/nmi.c in Linux's words.
SYSRQ_KEY = "\x14"
DUMP_START_RE = re.compile(r"sysrq: Show State|Uhhuh\. NMI received for unknown reason")
DUMP_WAIT = 5           # s to wait for the dump to start, and at most for it to end
DUMP_QUIET = 1          # the dump has ended when the console is quiet this long
HANG_LINES = 10         # lines before the dump that a hang's quote keeps
DUMP_LINES = 45         # lines of the dump that a hang's quote keeps
# ktest=selftest.hang says this as it starts to hang: the harness need not
# wait out the time limit to test what it does with a hang.
SELFTEST_HANG_RE = re.compile(r"ktest selftest: hanging on purpose")
KERNEL_STARTED_RE = re.compile(r"Matryoshka version")    # start_kernel's banner
PANIC_END_RE = re.compile(r"---\[ end Kernel panic")
BACKTRACE_RE = re.compile(r"^\s*[\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+")
PROMPT_RE = re.compile(r"^(/\S* )?# ", re.M)   # "# ", or ash's default "\\w # ": "/tmp # "
# The kernel's reports of bugs it survived, in Linux's formats (docs/debugging.md):
# a boot whose console has one fails, unless a ktest case announced it expects
# it (ktest_expect_reports prints the two lines of EXPECT_*_RE around it).
# Only kernel lines count: printk's, with their timestamp.
REPORT_RE = re.compile(r"^(BUG[: ]|WARNING: |watchdog: BUG: soft lockup"
                       r"|INFO: trying to register non-static key"
                       r"|INFO: task \S+ blocked for more than"
                       r"|pagealloc: (memory corruption|single bit error))")
EXPECT_BEGIN_RE = re.compile(r"^\s*# \S+: expecting .*: the report below is part of the test")
EXPECT_END_RE = re.compile(r"^\s*# \S+: end of expected reports")
REPORT_LINES = 24       # lines quoted from a report
# GRUB could not boot the kernel: it then waits at its menu forever.
GRUB_FAILED_RE = re.compile(r"Failed to boot both default and fallback entries"
                            r"|error: you need to load the kernel first")


# ---- KTAP ----------------------------------------------------------------
#
# KTAP version 1 (Documentation/dev-tools/ktap.rst): a test document is
# "KTAP version 1", a plan "1..N" and result lines "ok N name [# directive]"
# or "not ok N ...", with "# diagnostic" lines.  A subtest is a whole
# document indented by 4 more spaces, printed before its own result line:
#
#   KTAP version 1                 the top level: suites or programs
#   1..2
#       KTAP version 1             a subtest (the kernel prints its name
#       # Subtest: buddy           here; the user runner prints it one
#       1..2                       level up, before the indented lines)
#       ok 1 split_merge
#       # bad: EXPECTATION FAILED at mm/x.c:10    diagnostics come before
#       not ok 2 bad                              the line they explain
#   not ok 1 buddy
#
# The parser is forgiving: other console lines (printk, program output) are
# kept as diagnostics of the subtest that is open, and a subtest whose
# result line never came (a crash) is kept as "unfinished" (ok is None).

TIMESTAMP_RE = re.compile(r"^\[[ 0-9]+\.[ 0-9]+\] ?")   # loose: [    0.123456]
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
VERSION_RE = re.compile(r"^K?TAP version \d+$")
PLAN_RE = re.compile(r"^1\.\.(\d+)")
RESULT_RE = re.compile(r"^(ok|not ok) +(\d+)\b *(?:- )?(.*)$")
SUBTEST_RE = re.compile(r"^# *Subtest: *(.*)$")


@dataclasses.dataclass
class TestNode:
    """One KTAP test: a case, or a suite/program whose cases are children."""
    name: str
    ok: object = None          # True, False, or None: its result line never came
    directive: str = ""        # what follows " # " on the result line
    diag: list = dataclasses.field(default_factory=list)      # lines before it
    plan: object = None        # the children's "1..N", if they had one
    children: list = dataclasses.field(default_factory=list)
    tail: list = dataclasses.field(default_factory=list)      # after the last child

    @property
    def skipped(self):
        return self.directive.upper().startswith("SKIP")


class _Frame:
    """A test document being read at one indentation depth."""
    def __init__(self, name=""):
        self.name = name       # from "# Subtest: NAME"
        self.plan = None
        self.results = []
        self.diag = []         # lines not yet attached to a result

    def has_content(self):
        return self.plan is not None or bool(self.results)

    def note(self, text):
        self.diag.append(text)
        del self.diag[:-200]   # a chatty program must not fill memory


def clean_line(raw):
    """A console line without carriage returns, colours or control bytes."""
    return CONTROL_RE.sub("", ANSI_RE.sub("", raw.replace("\r", "")))


# A printk line that landed in the middle of a program's line: the kernel
# writes to the console whenever it must, between two pieces of one write.
STAMP_RE = re.compile(r"\[[ 0-9]{5,}\.[0-9]{6}\] ")


def split_console(text):
    """The console's lines, with printk lines that cut into a line of a
    program's output moved out of it: "ok 5 sig[ 1.2] msg" then "nal" is
    read as "[ 1.2] msg" then "ok 5 signal".  A printk line runs from its
    stamp to the end of its raw line, and the program's line goes on after
    it, on the next raw line, through any number of printk lines, even
    when all that came before the first one was indentation.  A stamp
    after a space that follows other text ("dmesg: [ 1.2] x") is a
    program's quoting one, not a cut."""
    out, pending = [], None
    for line in text.split("\n"):
        cut = STAMP_RE.search(line)
        if cut and (cut.start() == 0 or not line[:cut.start()].strip() or
                    not line[cut.start() - 1].isspace()):
            if cut.start() == 0 and pending is None:
                out.append(line)            # an ordinary printk line
                continue
            pending = (pending or "") + line[:cut.start()]
            out.append(line[cut.start():])
            continue
        out.append((pending or "") + line)
        pending = None
    if pending:
        out.append(pending)
    return out


def console_lines(text):
    """The console's lines, cleaned and without printk timestamps."""
    return [TIMESTAMP_RE.sub("", clean_line(line)) for line in split_console(text)]


def _close_from(frames, depth):
    """Ends every frame at @depth or deeper whose result line never came."""
    while len(frames) > max(depth, 1):
        frame = frames.pop()
        if frame.has_content() or frame.name:
            frames[-1].results.append(TestNode(
                frame.name or "(unnamed)", None, plan=frame.plan,
                children=frame.results, tail=frame.diag))


def _open(frames, depth, name=""):
    """Makes sure a frame is open at @depth, starting a fresh one if @name says so."""
    if name and len(frames) > depth and (frames[depth].has_content() or frames[depth].name):
        _close_from(frames, depth)
    while len(frames) <= depth:
        frames.append(_Frame())
    if name:
        frames[depth].name = name
    return frames[depth]


def _result(frames, depth, match):
    """A result line at @depth: it ends the subtest open one level deeper."""
    status, _number, rest = match.groups()
    name, directive = (re.split(r"\s+#\s*", rest, maxsplit=1) + [""])[:2]
    frame = _open(frames, depth)
    node = TestNode(name.strip(), status == "ok", directive.strip(), frame.diag)
    frame.diag = []
    if len(frames) > depth + 1:
        _close_from(frames, depth + 2)
        child = frames.pop()
        node.plan, node.children, node.tail = child.plan, child.results, child.diag
        node.name = node.name or child.name
    frame.results.append(node)


def parse_ktap(lines):
    """Parses console lines into a tree: the root's children are the top-level tests."""
    frames = [_Frame()]
    for line in lines:
        text = line.strip()
        if not text:
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 4
        subtest = SUBTEST_RE.match(text)
        if VERSION_RE.match(text):
            if depth > 0 and len(frames) > depth and frames[depth].has_content():
                _close_from(frames, depth)   # a new document where one never ended
            _open(frames, depth)
        elif subtest:
            # KUnit prints it inside the subtest; our user runner one level up.
            busy = len(frames) > depth and frames[depth].plan is not None
            _open(frames, depth + 1 if busy else depth, name=subtest.group(1) or "?")
        elif PLAN_RE.match(text):
            frame = _open(frames, depth)
            if frame.plan is None:
                frame.plan = int(PLAN_RE.match(text).group(1))
        elif RESULT_RE.match(text):
            _result(frames, depth, RESULT_RE.match(text))
        elif text.startswith("#"):
            _open(frames, depth).note(text)
        elif len(frames) > 1:
            frames[-1].note(text)   # console output while a subtest runs
    _close_from(frames, 1)
    top = frames[0]
    return TestNode("", None, plan=top.plan, children=top.results, tail=top.diag)


# ---- results -------------------------------------------------------------

@dataclasses.dataclass
class Result:
    """One line of the harness's report."""
    name: str                  # kernel/buddy.split_merge, user/pipe.epipe, ...
    status: str                # "ok", "FAIL" or "skip"
    reason: str = ""           # why it failed or was skipped
    diag: list = dataclasses.field(default_factory=list)   # lines shown under it
    unreached: bool = False    # a test the boot never started: "not run"
    unfinished: bool = False   # the test that was running when the boot died


def node_results(node, name):
    """The results of one test: its leaf cases, and itself if it went wrong as a whole."""
    results = []
    for child in node.children:
        results += node_results(child, "%s.%s" % (name, child.name))
    problems, diag = [], node.diag + node.tail
    finished = sum(child.ok is not None for child in node.children)
    if node.ok is None:
        problems.append("did not finish" + (": %d of %d results came" % (finished, node.plan)
                                            if node.plan else ""))
        diag = before_crash(diag)
    else:
        if not node.ok and not any(r.status == "FAIL" for r in results):
            problems.append(node.directive or ("not ok" if node.children else ""))
        if node.plan is not None and finished < node.plan:
            problems.append("missing results: planned %d, got %d" % (node.plan, finished))
    if problems:
        results.append(Result(name, "FAIL", "; ".join(p for p in problems if p), diag,
                              unfinished=node.ok is None))
    elif not node.children:
        if node.skipped:
            results.append(Result(name, "skip", node.directive[4:].strip()))
        else:
            results.append(Result(name, "ok"))
    return results


def before_crash(lines, keep=10):
    """The last lines before a panic; analyse() adds how the boot ended."""
    cut = next((i for i, line in enumerate(lines) if PANIC_RE.search(line)), len(lines))
    return lines[max(0, cut - keep):cut]


def result_name(kind, test):
    """The report name of a top-level test of a boot of @kind."""
    if kind == "user":
        return test if test.startswith("extra/") else "user/" + test
    if kind == "fuzz":
        return "fuzz/" + test
    return "kernel/" + test


def tree_results(root, kind, expected=None):
    """Every result of a parsed boot; @expected lists the programs or suites asked for."""
    results = []
    for node in root.children:
        results += node_results(node, result_name(kind, node.name))
    seen = {node.name for node in root.children}
    who = "the runner" if kind == "user" else "the kernel"
    for test in expected or ():
        if test not in seen:
            results.append(Result(result_name(kind, test), "FAIL",
                                  "not run: %s never reported it" % who, unreached=True))
    return results


# ---- how a boot ended ----------------------------------------------------

@dataclasses.dataclass
class Ending:
    """How a boot ended: status is ok, panic, reset, hang, incomplete or error."""
    status: str
    message: str = ""
    quote: list = dataclasses.field(default_factory=list)
    killed: bool = False       # QEMU did not exit by itself: the harness killed it


def tail_quote(raw_lines, n=QUOTE_LINES):
    """The last @n lines of the log that are not empty."""
    lines = [line for line in raw_lines if line.strip()]
    return lines[-n:]


def hang_quote(raw_lines):
    """The log's last lines; if the kernel answered Ctrl-T, the lines before and its dump."""
    at = next((i for i in range(len(raw_lines) - 1, -1, -1)
               if DUMP_START_RE.search(raw_lines[i])), None)
    if at is None:
        return tail_quote(raw_lines)
    dump = [line for line in raw_lines[at:] if line.strip()]
    return tail_quote(raw_lines[:at], HANG_LINES) + dump[:DUMP_LINES]


def panic_quote(raw_lines, at):
    """A few lines before the panic line, then up to the end-of-panic line."""
    quote = raw_lines[max(0, at - 5):at]
    for line in raw_lines[at:at + QUOTE_LINES + 10]:
        quote.append(line)
        if PANIC_END_RE.search(line):
            break
    return [line for line in quote if line.strip()]


def kernel_reports(raw_lines):
    """The indexes of the kernel's bug reports outside the windows a test expects them in."""
    found, expected = [], False
    for i, raw in enumerate(raw_lines):
        if not TIMESTAMP_RE.match(raw):
            continue
        text = TIMESTAMP_RE.sub("", raw)
        if EXPECT_BEGIN_RE.match(text):
            expected = True
        elif EXPECT_END_RE.match(text):
            expected = False
        elif not expected and REPORT_RE.match(text.strip()):
            found.append(i)
    return found


def report_problem(raw_lines):
    """(what to say, quote) for the first unexpected kernel report, or None."""
    found = kernel_reports(raw_lines)
    if not found:
        return None
    first = found[0]
    text = TIMESTAMP_RE.sub("", raw_lines[first]).strip()
    more = " (and %d more)" % (len(found) - 1) if len(found) > 1 else ""
    quote = [line for line in raw_lines[max(0, first - 2):first + REPORT_LINES] if line.strip()]
    return "kernel report: %s%s" % (text, more), quote


def classify(raw_lines, exit_code, hang=None, kind=None):
    """Decides how a boot ended from its cleaned log lines and QEMU's exit status.

    @hang says why the harness killed QEMU (None if QEMU exited by itself);
    @kind ("kernel" or "user") names the end line the boot must print."""
    panic_at = next((i for i, l in enumerate(raw_lines) if PANIC_RE.search(l)), None)
    if panic_at is not None:
        reason = raw_lines[panic_at][PANIC_RE.search(raw_lines[panic_at]).start():]
        if hang:
            reason += " (then QEMU did not exit: %s)" % hang
        return Ending("panic", reason.strip(), panic_quote(raw_lines, panic_at), bool(hang))
    if hang:
        return Ending("hang", hang, hang_quote(raw_lines), True)
    if exit_code == EXIT_PANIC:
        return Ending("panic", "QEMU exit status 3 (panic) without a panic message",
                      tail_quote(raw_lines))
    if exit_code == EXIT_RESET:
        return Ending("reset", "reset or triple fault (QEMU exit status 0)",
                      tail_quote(raw_lines))
    if exit_code != EXIT_POWEROFF:
        return Ending("error", "QEMU exit status %s" % exit_code, tail_quote(raw_lines))
    if not any(line.strip() for line in raw_lines):
        # QEMU's own errors (a bad option, a kernel it cannot load) exit 1 too.
        return Ending("error", "QEMU exit status 1 and no console output: did QEMU start?")
    end = END_LINES.get(kind)
    lines = [TIMESTAMP_RE.sub("", line) for line in raw_lines]
    if end and not any(end.match(line) for line in lines):
        return Ending("incomplete", "powered off without its end line /%s/" % end.pattern,
                      tail_quote(raw_lines))
    return Ending("ok", "clean power-off")


@dataclasses.dataclass
class Analysis:
    """What one test boot showed: how it ended, its KTAP tree and results."""
    ending: Ending
    root: TestNode
    results: list          # the test results (not the boot's own)
    problems: list         # what went wrong with the boot as a whole


def analyse(kind, text, exit_code, hang=None, expected=None):
    """Reads a test boot (@kind "kernel" or "user") from its console text.

    Pure (no QEMU), so --self-check can feed it sample logs."""
    raw_lines = [clean_line(line) for line in split_console(text)]
    ending = classify(raw_lines, exit_code, hang, kind)
    root = parse_ktap(console_lines(text))
    results = tree_results(root, kind, expected)
    for result in results:
        if result.unfinished and ending.status != "ok":   # quote what killed it
            result.diag = result.diag + ["the boot ended: " + ending.message] + \
                ["| " + line for line in ending.quote]
    problems = [] if ending.status == "ok" else [ending.message]
    finished = sum(node.ok is not None for node in root.children)
    if root.plan is None and not root.children:
        problems.append("no KTAP output")
    elif root.plan is not None and finished < root.plan:
        problems.append("missing results: planned %d, got %d" % (root.plan, finished))
    elif not root.children and expected is None:
        problems.append("no tests ran (plan 1..0)")
    report = report_problem(raw_lines)
    if report:
        problems.append(report[0])
        if ending.status == "ok":
            ending.quote = report[1]
    if kind == "user" and ending.status == "ok":
        problems += leak_problems(console_lines(text))
    return Analysis(ending, root, results, problems)


def leak_problems(lines):
    """What the runner's leak check said, if it is not "ok" (or if it said nothing)."""
    verdict = next((LEAK_RE.match(line) for line in lines if LEAK_RE.match(line)), None)
    if not verdict:
        return ["no leak-check line (# matryoshka-leak-check: ...)"]
    if verdict.group(1) != "ok":
        return ["kernel memory leaked during the tests: " + verdict.group(2)]
    return []


def boot_result(name, analysis, log):
    """The boot's own result, boot/NAME: it fails with the log quoted."""
    if not analysis.problems:
        return Result("boot/" + name, "ok")
    diag = ["| " + line for line in analysis.ending.quote]
    diag.append("log: " + os.path.relpath(log, ROOT))
    return Result("boot/" + name, "FAIL", "; ".join(analysis.problems), diag)


# ---- the harness's checks of itself --------------------------------------

def check_selftest_fail(analysis):
    """ktest=selftest.fail must give exactly one failure, with its diagnostic."""
    name = "harness/selftest_fail_detected"
    failed = [r for r in analysis.results if r.status == "FAIL"]
    wrong = []
    if [r.name for r in failed] != ["kernel/selftest.fail"]:
        wrong.append("expected exactly kernel/selftest.fail to fail, got: %s"
                     % (", ".join(r.name for r in failed) or "no failure"))
    elif not any("EXPECTATION FAILED" in line for line in failed[0].diag):
        wrong.append("kernel/selftest.fail has no 'EXPECTATION FAILED' diagnostic")
    if analysis.ending.status != "ok":
        wrong.append("the boot did not end cleanly: " + analysis.ending.message)
    if not wrong:
        return Result(name, "ok")
    seen = ["saw: %s %s" % (r.status, r.name) for r in analysis.results]
    return Result(name, "FAIL", "; ".join(wrong),
                  seen + ["| " + l for l in analysis.ending.quote])


def check_selftest_panic(analysis):
    """ktest=selftest.panic must be classified as a panic, with a backtrace quoted."""
    name = "harness/selftest_panic_detected"
    ending = analysis.ending
    quote = [TIMESTAMP_RE.sub("", line) for line in ending.quote]
    wrong = not_a_clean_panic(ending)
    if not wrong and not any(PANIC_RE.search(line) for line in quote):
        wrong.append("the quote lacks the panic line")
    elif not wrong:
        trace = next((i for i, l in enumerate(quote) if "Call Trace:" in l), len(quote))
        if not any(BACKTRACE_RE.match(line) for line in quote[trace:]):
            wrong.append("the quote has no symbolized backtrace line (func+0x1c/0x80)")
    if not wrong:
        return Result(name, "ok")
    return Result(name, "FAIL", "; ".join(wrong), ["| " + l for l in ending.quote])


def check_selftest_hang(analysis, case="hang", spins_in="hang_with_interrupts_on"):
    """ktest=selftest.hang (or .hang_irqs_off) must be classified as a hang,
    its quote the task dump (after Ctrl-T, or the NMI) with the trace of
    the loop it hangs in."""
    name = "harness/selftest_%s_detected" % case
    ending, wrong = analysis.ending, []
    if ending.status != "hang":
        wrong.append("classified as %s (%s), not as a hang" % (ending.status, ending.message))
    elif not any(DUMP_START_RE.search(line) for line in ending.quote):
        wrong.append("the quote lacks the task dump (no 'sysrq: Show State' after Ctrl-T)")
    elif not any(re.search(r"^\s*\S+\s+R\s+1\s", TIMESTAMP_RE.sub("", line))
                 for line in ending.quote):
        wrong.append("the dump does not show pid 1 running")
    elif not any(spins_in + "+0x" in line for line in ending.quote):
        wrong.append("the dump does not show where the kernel spins (%s+0x...)" % spins_in)
    if not wrong:
        return Result(name, "ok")
    return Result(name, "FAIL", "; ".join(wrong), ["| " + l for l in ending.quote])


def check_selftest_leak(analysis):
    """leakcheck=selftest: init leaves a System V queue after its baseline, and its
    leak check must say LEAK and name the caches that hold it."""
    name = "harness/selftest_leak_detected"
    leaks = [p for p in analysis.problems if p.startswith("kernel memory leaked")]
    wrong = []
    if analysis.ending.status != "ok":
        wrong.append("the boot did not end cleanly: " + analysis.ending.message)
    elif not leaks:
        wrong.append("the leak check did not report the queue init left: %s"
                     % ("; ".join(analysis.problems) or "it said ok"))
    elif not re.search(r"\S+ \+1\b", leaks[0]):
        wrong.append("the LEAK line names no cache with one more object: " + leaks[0])
    if not wrong:
        return Result(name, "ok")
    return Result(name, "FAIL", "; ".join(wrong), ["| " + l for l in analysis.ending.quote])


SELFTEST_CHECKS = {
    "selftest-fail": check_selftest_fail,
    "selftest-leak": check_selftest_leak,
    "selftest-panic": check_selftest_panic,
    "selftest-hang": check_selftest_hang,
    "selftest-hang-irqs-off": lambda analysis: check_selftest_hang(
        analysis, "hang_irqs_off", "hang_with_interrupts_off"),
}


def not_a_clean_panic(ending):
    """Why a boot's @ending is not a panic QEMU ended by itself ([] if it is)."""
    if ending.status != "panic":
        return ["classified as %s (%s), not as a panic" % (ending.status, ending.message)]
    if ending.killed:
        return ["QEMU did not exit after the panic: " + ending.message]
    return []


def check_expected_panic(analysis, case, text):
    """An EXPECTED_PANICS boot: a clean panic, and every regex of @case on the console."""
    name, ending = "kernel/" + case, analysis.ending
    lines = console_lines(text)
    wrong = not_a_clean_panic(ending)
    if not wrong and not any(PANIC_END_RE.search(line) for line in lines):
        wrong.append("no end-of-panic line")
    for regex in EXPECTED_PANICS.get(case, ["(no expectations for this case)^"]):
        if not any(re.search(regex, line) for line in lines):
            wrong.append("no line matches /%s/" % regex)
    if not wrong:
        return Result(name, "ok")
    return Result(name, "FAIL", "; ".join(wrong), ["| " + l for l in tail_quote(
        [clean_line(line) for line in text.split("\n")], 40)])


# ---- scenarios -----------------------------------------------------------
#
# A scenario (tests/scenarios/NAME.scn) drives the shell on the serial
# console, one step a line:
#   # text        a comment (only at the start of a line)
#   > TEXT        type TEXT and Enter (sent as '\r', as a terminal does)
#   ? REGEX       wait until the output after the previous match contains
#                 REGEX (Python syntax; ^ and $ match at line ends; blanks
#                 at its end are part of it)
#   prompt        wait for the shell's prompt, "# " at the start of a line
#   ^C            send a control character (^C is byte 0x03, ^D 0x04, ^Z ...)
#   timeout N     later waits give up after N seconds (default 30)
#   pause N       wait N seconds (only to let a command start; never a check)
#   panic REGEX   the boot ends in a kernel panic whose reason matches (last step)
# and, before the first step, how to boot:
#   cmdline WORDS the kernel command line (repeatable: the words add up)
#   memory SIZE   QEMU's -m (e.g. 12M; qemu.py's default otherwise); as
#                 initrd+SIZE, the initramfs's size and SIZE more (a boot
#                 that must run short of memory only once the archive is
#                 in, however large the image grows)
# Before the first typed line (> or ^C) the harness waits for the shell's
# first prompt; "?" lines before it read the console from power-on.  After
# the last step it types `poweroff` if the scenario typed anything; a
# scenario that typed nothing must end the boot by itself (a clean
# power-off, say with cmdline init=/sbin/poweroff, or its `panic`).

class ScenarioError(Exception):
    pass


BOOT_OPS = ("cmdline", "memory")
# The whole line: the console may have delivered only part of it so far.
PANIC_LINE_RE = re.compile(r"Kernel panic - not syncing: ([^\r\n]*)\r?\n")


def parse_scenario(text, path="scenario"):
    """The steps of a scenario file: a list of (line number, op, argument).

    op is send (a line), key (a control character), expect (a regex),
    panic (a regex), timeout or pause (seconds), or before them cmdline
    (words) and memory (a size)."""
    steps = []
    for n, line in enumerate(text.splitlines(), 1):
        where = "%s:%d" % (path, n)
        word = line.strip()
        if not word or line.startswith("#"):
            continue
        op = word.split()[0]
        if steps and steps[-1][1] == "panic":
            raise ScenarioError("%s: nothing may follow `panic`" % where)
        if op in BOOT_OPS and any(step[1] not in BOOT_OPS for step in steps):
            raise ScenarioError("%s: `%s` must come before the first step" % (where, op))
        if line.startswith(">"):
            steps.append((n, "send", line[2:] if line.startswith("> ") else line[1:]))
        elif line.startswith("?") or op == "panic":
            # A "?" regex keeps its trailing blanks: "\n# " waits for the whole prompt.
            text = line[1:].lstrip(" ").rstrip("\r\n") if line.startswith("?") else word[5:].strip()
            try:
                regex = re.compile(text, re.M)
                steps.append((n, "expect" if line.startswith("?") else "panic", regex))
            except re.error as e:
                raise ScenarioError("%s: bad regex: %s" % (where, e))
        elif re.fullmatch(r"\^[@A-Z\[\\\]^_?]", word):
            steps.append((n, "key", chr(0x7f if word[1] == "?" else ord(word[1]) & 0x1f)))
        elif word == "prompt":
            steps.append((n, "expect", PROMPT_RE))
        elif re.fullmatch(r"(timeout|pause) +\d+(\.\d+)?", word):
            steps.append((n, op, float(word.split()[1])))
        elif op == "cmdline" and len(word.split()) > 1:
            steps.append((n, op, word[len(op):].strip()))
        elif re.fullmatch(r"memory +(initrd\+)?\d+[KMG]?", word):
            steps.append((n, op, word.split()[1]))
        else:
            raise ScenarioError("%s: cannot read %r" % (where, line))
    return steps


def kib(size):
    """KiB in a size as QEMU's -m takes it (12M, 512K, 1G; a bare number is MiB)."""
    units = {"K": 1, "M": 1024, "G": 1024 * 1024}
    return int(size[:-1]) * units[size[-1]] if size[-1] in units else int(size) * 1024


def scenario_boot_options(steps):
    """(the kernel command line, QEMU's memory or None) a scenario's steps ask for;
    a memory of initrd+SIZE is worked out from the initramfs's size now."""
    cmdline = " ".join(arg for _, op, arg in steps if op == "cmdline")
    mem = [arg for _, op, arg in steps if op == "memory"]
    if mem and mem[-1].startswith("initrd+"):
        mem[-1] = "%dK" % (-(-os.path.getsize(INITRD) // 1024) + kib(mem[-1][len("initrd+"):]))
    return cmdline, (mem[-1] if mem else None)


def play_scenario(qemu, steps, scale=1.0, step_limit=STEP_LIMIT):
    """Plays @steps on a booted machine: (None or (line, why, unmatched output), typed?)."""
    pos, limit, typed = 0, step_limit * scale, False
    for n, op, arg in steps:
        if op in ("send", "key") and not typed:    # type only once the shell is up
            found = qemu.wait_for(PROMPT_RE, pos, PROMPT_LIMIT * scale)
            if not found:
                return (0, "no shell prompt within %d s of power-on" % (PROMPT_LIMIT * scale),
                        pos), typed
            pos, typed = found.end(), True
        if op == "send":
            qemu.send(arg + "\r")      # Enter is CR; the tty's ICRNL makes it NL
        elif op == "key":
            qemu.send(arg)
        elif op == "timeout":
            limit = arg * scale
        elif op == "pause":
            time.sleep(arg * scale)
        elif op in ("expect", "panic"):
            found = qemu.wait_for(arg if op == "expect" else PANIC_LINE_RE, pos, limit)
            if not found:
                why = "QEMU exited" if qemu.exited() else "nothing within %g s" % limit
                what = arg.pattern if op == "expect" else "a panic: " + arg.pattern
                return (n, "waited for /%s/: %s" % (what, why), pos), typed
            if op == "panic" and not arg.search(found.group(1)):
                return (n, "panicked with %r, not /%s/" % (found.group(1).strip(),
                                                          arg.pattern), pos), typed
            pos = found.end()
    return None, typed


# ---- QEMU ------------------------------------------------------------------

PRINT_LOCK = threading.Lock()
RUNNING = set()          # live QEMU processes, killed if the harness is stopped


def exit_killing_qemus(main):
    """sys.exit(main()); on Ctrl-C, the QEMUs still running are killed first (fuzz.py, stress.py)."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        for proc in list(RUNNING):
            proc.kill()
        sys.exit(130)


class Qemu:
    """One QEMU process, its serial console on pipes and copied to a log."""

    def __init__(self, cmd, name, echo=False, **popen):
        os.makedirs(LOG_DIR, exist_ok=True)
        self.name, self.echo = name, echo
        # A short path: a Unix socket's name must fit in 108 bytes.
        self.monitor_dir = tempfile.mkdtemp(prefix="matryoshka-qemu-")
        self.monitor_path = os.path.join(self.monitor_dir, "monitor")
        cmd = cmd + monitor_option(self.monitor_path)
        self.log_path = os.path.join(LOG_DIR, name + ".log")
        self.err_path = os.path.join(LOG_DIR, name + ".stderr")
        self.parts, self.length, self._joined = [], 0, ""
        self.lock = threading.Lock()
        self.started = time.monotonic()
        try:
            with open(self.log_path, "wb"), open(self.err_path, "wb") as err:
                self.proc = subprocess.Popen(cmd + ["-serial", "stdio"],
                                             stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=err, **popen)
        except OSError:
            shutil.rmtree(self.monitor_dir, ignore_errors=True)
            raise
        RUNNING.add(self.proc)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        """Copies the console to the log and to memory (and the terminal with -v)."""
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        partial = ""
        with open(self.log_path, "ab") as log:
            while True:
                data = os.read(self.proc.stdout.fileno(), 65536)
                if not data:
                    break
                log.write(data)
                log.flush()
                text = decoder.decode(data).replace("\r", "")
                with self.lock:
                    self.parts.append(text)
                    self.length += len(text)
                if self.echo:
                    partial = self._echo(partial + text)
        if self.echo and partial:
            self._echo(partial + "\n")

    def _echo(self, text):
        *lines, rest = text.split("\n")
        with PRINT_LOCK:
            for line in lines:
                print("%s| %s" % (self.name, clean_line(line)), flush=True)
        return rest

    def text(self):
        """Everything the console printed so far (carriage returns removed)."""
        with self.lock:
            if len(self._joined) != self.length:
                self._joined = "".join(self.parts)
                self.parts = [self._joined]
            return self._joined

    def send(self, text):
        try:
            self.proc.stdin.write(text.encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass               # QEMU is gone; the next wait says so

    def exited(self):
        return self.proc.poll() is not None

    def wait_for(self, regex, pos, limit):
        """Polls the console until @regex matches after @pos; None on timeout or exit."""
        deadline = time.monotonic() + limit
        while True:
            text = self.text()
            found = regex.search(text, pos)
            if found and not self.maybe_partial(found, text):
                return found
            if time.monotonic() > deadline:
                return found
            if self.exited():
                self.reader.join(5)
                return regex.search(self.text(), pos)
            time.sleep(0.05)

    def maybe_partial(self, found, text):
        """A match that ends where the console's text ends, mid-line, may be
        cut short (a `$` or `.*` at the end of a line still arriving): it
        stands once the console has been quiet for 0.2 s."""
        if found.end() < len(text) or text.endswith("\n"):
            return False
        time.sleep(0.2)
        return len(self.text()) != len(text)

    def wait_quiet(self, quiet, limit):
        """Waits until the console has printed nothing for @quiet s (at most @limit s)."""
        deadline, length, since = time.monotonic() + limit, len(self.text()), time.monotonic()
        while time.monotonic() < deadline and not self.exited():
            time.sleep(0.05)
            if len(self.text()) != length:
                length, since = len(self.text()), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def task_dump(self, scale=1.0):
        """Asks a hung kernel for its task dump (Ctrl-T) and waits for it; True if it came.

        The waits only bound how much of the dump the quote gets: the boot
        has already failed."""
        pos = len(self.text())
        self.send(SYSRQ_KEY)
        if not self.wait_for(DUMP_START_RE, pos, DUMP_WAIT * scale):
            if not self.monitor_command("nmi") or \
                    not self.wait_for(DUMP_START_RE, pos, DUMP_WAIT * scale):
                return False
        self.wait_quiet(DUMP_QUIET, DUMP_WAIT * scale)
        return True

    def monitor_command(self, command):
        """Types @command at QEMU's human monitor; False if it cannot be reached."""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(5)
                sock.connect(self.monitor_path)
                self._monitor_prompt(sock, b"")
                sock.sendall(command.encode() + b"\r\n")
                self._monitor_prompt(sock, b"\r\n")     # the command has run
            return True
        except OSError:
            return False

    @staticmethod
    def _monitor_prompt(sock, after):
        """Reads the monitor's output until a "(qemu) " prompt that follows @after."""
        seen = b""
        while not re.search(re.escape(after) + rb"\(qemu\) $", seen):
            data = sock.recv(4096)
            if not data:
                raise OSError("the monitor closed")
            seen += data

    def wait_exit(self, limit, start_limit=None, start_re=None, fail_re=None, hang_re=None):
        """Waits for QEMU to exit: (exit status, None) or (None, why it was killed).

        It kills QEMU after @limit seconds, after @start_limit if @start_re
        has not appeared by then, as soon as @fail_re appears, and takes
        @hang_re (a boot that says it hangs) as a hang at once."""
        started = start_re is None
        while self.proc.poll() is None:
            waited = time.monotonic() - self.started
            started = started or bool(start_re.search(self.text()))
            failed = fail_re and fail_re.search(self.text())
            if failed:
                return None, "stuck: %r; QEMU killed" % failed.group(0)
            if hang_re and hang_re.search(self.text()):
                return None, "hang: it said %r; QEMU killed" % hang_re.pattern
            if waited > limit:
                return None, "hang: not finished after %d s; QEMU killed" % limit
            if start_limit and waited > start_limit and not started:
                return None, ("hang: no /%s/ within %d s; QEMU killed"
                              % (start_re.pattern, start_limit))
            time.sleep(0.1)
        return self.proc.returncode, None

    def finish(self):
        """Kills QEMU if it still runs; returns the whole console text."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        RUNNING.discard(self.proc)
        shutil.rmtree(self.monitor_dir, ignore_errors=True)
        self.reader.join(10)
        self.proc.stdin.close()
        return self.text()

    def stderr(self):
        with open(self.err_path, errors="replace") as f:
            return f.read().strip()


# ---- one boot ----------------------------------------------------------------

@dataclasses.dataclass
class Boot:
    """One planned boot (a row of BOOT_PLAN, made concrete)."""
    name: str
    kind: str
    cmdline: str
    limit: float
    via: str = "kernel"
    programs: list = None     # user boots: the test programs asked for
    scenario: str = None      # scenario boots: the .scn file
    case: str = None          # expect-panic boots: the EXPECTED_PANICS case
    shows_all: bool = True    # False when --only picked some of its results
    resumes: int = 0          # how many crashes this boot's tests have resumed after
    hangs: int = 0            # how many of those crashes were hangs
    mem: str = None           # QEMU's -m (scenarios may set it), else qemu.py's default
    start_limit: float = START_LIMIT   # "KTAP version" must come within this (s)
    step_limit: float = STEP_LIMIT     # a scenario's default wait for each "?" line (s)


@dataclasses.dataclass
class Report:
    """What a boot gave: its results and a one-line summary."""
    boot: Boot
    summary: str
    results: list
    unreached: list = dataclasses.field(default_factory=list)   # tests a resume would run
    ending: str = ""          # classify()'s status: ok, panic, hang ...
    started: int = 0          # how many tests it started (a resume needs one)
    secs: float = 0.0         # how long the boot took
    log: str = None           # its console log


def build_iso(cmdline):
    """The harness's own GRUB ISO (build/harness-iso/) with @cmdline baked
    in, made as make's (tools/mkiso.py), but with the tests as a second
    module: the whole image, as the other boots have it."""
    iso = os.path.join(ISO_DIR, "matryoshka.iso")
    os.makedirs(LOG_DIR, exist_ok=True)
    with open(os.path.join(LOG_DIR, "iso-grub-mkrescue.log"), "w") as log:
        ok = make_iso(KERNEL, ISO_INITRDS, cmdline, os.path.join(ISO_DIR, "root"), iso, log)
    return iso if ok else None


def full_cmdline(boot, opts):
    """@boot's command line, after the debug checks' parameters."""
    debug = "" if opts.no_debug_checks else DEBUG_CMDLINE
    return " ".join(w for w in (debug, boot.cmdline) if w)


def start_qemu(boot, opts):
    """Starts QEMU for @boot; returns the Qemu, or a Result saying why it could not."""
    if boot.via == "iso":
        missing = [p for p in ISO_INITRDS if not os.path.exists(p)]
        if missing:
            return Result("boot/" + boot.name, "FAIL", "%s does not exist: run make first"
                          % os.path.relpath(missing[0], ROOT))
        iso = build_iso(full_cmdline(boot, opts))
        if not iso:
            return Result("boot/" + boot.name, "FAIL", "grub-mkrescue failed",
                          ["log: build/logs/iso-grub-mkrescue.log"])
        cmd = qemu_command(iso=iso, accel=opts.accel, smp=getattr(opts, "smp", 1))
    else:
        cmd = qemu_command(kernel=KERNEL, initrd=INITRD, cmdline=full_cmdline(boot, opts),
                           accel=opts.accel, smp=getattr(opts, "smp", 1),
                           **({"mem": boot.mem} if boot.mem else {}))
    try:
        return Qemu(cmd, boot.name, opts.verbose)
    except OSError as e:
        return Result("boot/" + boot.name, "FAIL", "cannot start QEMU: %s" % e)


def run_test_boot(boot, opts):
    """Runs a kernel-test or user-test boot to its end and reads its KTAP."""
    qemu = start_qemu(boot, opts)
    if isinstance(qemu, Result):
        return Report(boot, "could not boot", [qemu])
    scale = opts.timeout_scale
    try:
        status, hang = qemu.wait_exit(
            boot.limit * scale, boot.start_limit * scale, re.compile("KTAP version"),
            GRUB_FAILED_RE if boot.via == "iso" else None,
            SELFTEST_HANG_RE if boot.kind.startswith("selftest-hang") else None)
        if hang and KERNEL_STARTED_RE.search(qemu.text()):   # not GRUB's menu
            qemu.task_dump(scale)
    finally:
        text = qemu.finish()
    secs = time.monotonic() - qemu.started
    kind = boot.kind if boot.kind in ("user", "fuzz") else \
        "user" if boot.kind == "selftest-leak" else "kernel"
    expected = expected_tests(boot)
    analysis = analyse(kind, text, status, hang, expected)
    if analysis.ending.status == "error" and qemu.stderr():
        analysis.ending.quote = qemu.stderr().splitlines()[-QUOTE_LINES:]
    summary = "%s (%.1f s, %s)" % (analysis.ending.message, secs,
                                   os.path.relpath(qemu.log_path, ROOT))
    if boot.kind in SELFTEST_CHECKS:
        return Report(boot, summary, [SELFTEST_CHECKS[boot.kind](analysis)],
                      secs=secs, log=qemu.log_path)
    if boot.kind == "expect-panic":
        return Report(boot, summary, [check_expected_panic(analysis, boot.case, text)],
                      secs=secs, log=qemu.log_path)
    results = analysis.results + [boot_result(boot.name, analysis, qemu.log_path)]
    return Report(boot, summary, results, unreached_tests(analysis, expected),
                  analysis.ending.status, len(analysis.root.children), secs, qemu.log_path)


def expected_tests(boot):
    """What a test boot must report: its programs, or its kernel suites.

    The suites are read from the kernel's ELF; a ktest= glob naming cases
    (suite.case) selects suites this cannot tell, so it expects none."""
    if boot.kind == "user":
        return list(boot.programs or ())
    words = re.search(r"(?:^|\s)ktest=(\S*)", boot.cmdline)
    if boot.kind != "kernel" or not words:
        return []
    globs = words.group(1).split(",")
    if any("." in glob for glob in globs):
        return []
    return [s for s in ktest_suites(KERNEL) if any(fnmatch.fnmatchcase(s, g) for g in globs)]


def unreached_tests(analysis, expected):
    """The expected tests a crashed boot never started: a resume boot's work."""
    if analysis.ending.status in ("ok", "incomplete"):
        return []
    done = {node.name for node in analysis.root.children}
    return [test for test in expected if test not in done]


def run_scenario_boot(boot, opts):
    """Boots to the shell, plays one scenario, then powers off."""
    name = "scenario/" + os.path.basename(boot.scenario)[:-len(".scn")]
    with open(boot.scenario) as f:
        try:
            steps = parse_scenario(f.read(), os.path.relpath(boot.scenario, ROOT))
        except ScenarioError as e:
            return Report(boot, "cannot read the scenario", [Result(name, "FAIL", str(e))])
    qemu = start_qemu(boot, opts)
    if isinstance(qemu, Result):
        return Report(boot, "could not boot", [Result(name, "FAIL", qemu.reason)])
    status = hang = None
    panic_re = next((arg for _, op, arg in steps if op == "panic"), None)
    try:
        failure, typed = play_scenario(qemu, steps, opts.timeout_scale, boot.step_limit)
        if failure is None and typed and not panic_re:
            qemu.send("poweroff\r")
            status, hang = qemu.wait_exit(POWEROFF_LIMIT * opts.timeout_scale)
        elif failure is None:           # it must end by itself, within the boot's limit
            status, hang = qemu.wait_exit(boot.limit * opts.timeout_scale)
        if hang and KERNEL_STARTED_RE.search(qemu.text()):
            qemu.task_dump(opts.timeout_scale)
    finally:
        text = qemu.finish()
    secs = time.monotonic() - qemu.started
    summary = "%.1f s (%s)" % (secs, os.path.relpath(qemu.log_path, ROOT))
    return Report(boot, summary,
                  [scenario_result(name, text, failure, status, hang, qemu.log_path, panic_re)],
                  secs=secs, log=qemu.log_path)


def scenario_result(name, text, failure, status, hang, log, panic_re=None):
    """The scenario's one result, quoting the console when it failed.

    A panic fails it, unless the scenario ends in a `panic` step (@panic_re)
    that it matched; QEMU must then have stopped with the panic status."""
    raw_lines = [clean_line(line) for line in text.split("\n")]
    where = ["log: " + os.path.relpath(log, ROOT)]
    panic_at = next((i for i, l in enumerate(raw_lines) if PANIC_RE.search(l)), None)
    if panic_re and panic_at is not None and not failure:
        if status == EXIT_PANIC:
            return Result(name, "ok")
        failure = (0, "QEMU did not stop after the panic: %s" % (hang or "status %s" % status),
                   0)
    if panic_at is not None and not panic_re:    # a panic anywhere else fails it
        line = raw_lines[panic_at]
        return Result(name, "FAIL", line[PANIC_RE.search(line).start():].strip(),
                      ["| " + l for l in panic_quote(raw_lines, panic_at)] + where)
    if failure and panic_at is not None and panic_re:
        line, why, _ = failure
        return Result(name, "FAIL", "line %d: %s" % (line, why) if line else why,
                      ["| " + l for l in panic_quote(raw_lines, panic_at)] + where)
    if failure:
        line, why, pos = failure
        rest = [clean_line(l) for l in text[pos:].split("\n")]
        quote = ["| " + l for l in tail_quote(rest)] or ["(no output since then)"]
        return Result(name, "FAIL", "line %d: %s" % (line, why) if line else why,
                      ["output since the last match:"] + quote + where)
    ending = classify(raw_lines, status, hang)
    if ending.status != "ok":
        return Result(name, "FAIL", "at the end: " + ending.message,
                      ["| " + l for l in ending.quote] + where)
    report = report_problem(raw_lines)
    if report:
        return Result(name, "FAIL", report[0], ["| " + l for l in report[1]] + where)
    return Result(name, "ok")


def lab_task_names():
    """tools/check_labs.py's checks: [(lab, check)], none in a student tree
    (it has neither the instructor's labs/wrong/ nor tools/check_labs.py)."""
    if not os.path.isdir(os.path.join(ROOT, "labs", "wrong")):
        return []
    import check_labs
    return check_labs.task_names()


def run_lab_check(boot):
    """A lab-LAB-CHECK row: tools/check_labs.py's check, whose results are lab/LAB.*."""
    import check_labs
    started = time.monotonic()
    results = check_labs.run_task(*boot.cmdline.split())
    secs = time.monotonic() - started
    bad = sum(r.status == "FAIL" for r in results)
    return Report(boot, "%s (%.1f s)" % ("%d check(s) failed" % bad if bad else "checked",
                                         secs), results, secs=secs)


def run_boot(boot, opts):
    """Runs one boot of any kind; a harness bug becomes a failing result, not a crash."""
    try:
        if boot.kind == "lab":
            return run_lab_check(boot)
        if boot.kind == "scenario":
            return run_scenario_boot(boot, opts)
        if boot.kind == "gdb":
            from gdb_check import run_gdb_boot
            return run_gdb_boot(boot, opts)
        return run_test_boot(boot, opts)
    except Exception as e:   # noqa: BLE001 (report it and let the other boots go on)
        return Report(boot, "harness error", [Result("boot/" + boot.name, "FAIL",
                                                      "harness error: %r" % e)])


# ---- the plan ------------------------------------------------------------------

def read_scenario(path):
    """A scenario file's steps, or [] if it cannot be read (its boot will say why)."""
    try:
        with open(path) as f:
            return parse_scenario(f.read(), os.path.relpath(path, ROOT))
    except (OSError, ScenarioError):
        return []


def program_names(directory):
    """The sorted test program names in @directory (its regular files)."""
    if not directory or not os.path.isdir(directory):
        return []
    return sorted(n for n in os.listdir(directory)
                  if os.path.isfile(os.path.join(directory, n)))


def extra_programs(directory):
    """The EXTRA programs as the runner names them: extra/NAME, ELF executables only."""
    import elf
    return ["extra/" + n for n in program_names(directory)
            if elf.is_program(os.path.join(directory, n))]


def make_plan(opts):
    """BOOT_PLAN made concrete for this tree and these options."""
    tests = program_names(TEST_BINS)
    halves = {"user-1": tests[0::2], "user-2": tests[1::2]}
    words = {"half_1": ",".join(halves["user-1"]), "half_2": ",".join(halves["user-2"])}
    plan = []
    for name, kind, cmdline, limit, via in BOOT_PLAN:
        if opts.only_extra and name != "extra":
            continue
        if name == "extra":
            if opts.extra:
                plan.append(Boot(name, kind, cmdline, limit, via,
                                 programs=extra_programs(opts.extra)))
        elif name in halves:
            if halves[name]:
                plan.append(Boot(name, kind, cmdline.format(**words), limit, via,
                                 programs=halves[name]))
        elif kind == "lab":
            for lab, task in lab_task_names():
                plan.append(Boot(name.format(name="%s-%s" % (lab, task)), kind,
                                 "%s %s" % (lab, task), limit, via))
        elif kind == "scenario":
            for scn in sorted(f for f in os.listdir(SCENARIOS) if f.endswith(".scn")):
                path = os.path.join(SCENARIOS, scn)
                words, mem = scenario_boot_options(read_scenario(path))
                plan.append(Boot(name.format(name=scn[:-4]), kind, words or cmdline, limit,
                                 via, scenario=path, mem=mem))
        elif kind == "expect-panic":
            for case in sorted(EXPECTED_PANICS):
                plan.append(Boot(name.format(name=case), kind, cmdline.format(name=case),
                                 limit, via, case=case))
        else:
            plan.append(Boot(name, kind, cmdline, limit, via))
    return [boot for boot in (narrow(b, opts.only) for b in plan) if boot]


def _matches(name, patterns):
    """Does a result or boot name match a --only glob, lie under it, or contain it?

    --only user/pipe shows user/pipe.epipe; --only 'user/pipe.e*' shows the
    program's own result user/pipe too (a crash of the program, say)."""
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(name, p + ".*")
               or fnmatch.fnmatchcase(name, p.split(".")[0]) for p in patterns)


def set_word(cmdline, key, value):
    """@cmdline with its word key=... replaced by key=@value."""
    return re.sub(r"(^|\s)%s=\S*" % key, lambda m: "%s%s=%s" % (m.group(1), key, value),
                  cmdline)


def narrow(boot, patterns):
    """@boot cut down to what --only asks for, or None if it asks for none of it."""
    if not patterns or _matches(boot.name, patterns) or _matches("boot/" + boot.name, patterns):
        return boot
    part = dataclasses.replace(boot, shows_all=False)
    if boot.kind == "kernel" and boot.via == "kernel":
        # Suites that end the machine have boots of their own (selftest, EXPECTED_PANICS).
        own_boots = {case.split(".")[0] for case in EXPECTED_PANICS} | {"selftest"}
        globs = [p[len("kernel/"):] for p in patterns if p.startswith("kernel/")
                 and p[len("kernel/"):].split(".")[0] not in own_boots]
        part.cmdline = set_word(boot.cmdline, "ktest", ",".join(globs))
        return part if globs else None
    if boot.kind == "kernel":     # the ISO boot runs the `boot` suite only
        suites = [p[len("kernel/"):].split(".")[0] for p in patterns if p.startswith("kernel/")]
        return part if any(fnmatch.fnmatchcase("boot", s) for s in suites) else None
    if boot.kind == "user":
        wanted = [p for p in boot.programs
                  if _matches(result_name("user", p), [q.split(".")[0] for q in patterns])]
        if boot.name == "extra" or not wanted:
            return part if wanted else None
        part.programs = wanted
        part.cmdline = set_word(boot.cmdline, "runtests", ",".join(wanted))
        return part
    if boot.kind == "fuzz":
        return part if _matches("fuzz/seed", patterns) else None
    if boot.kind == "lab":
        return part if _matches("lab/" + boot.cmdline.split()[0], patterns) else None
    if boot.kind == "gdb":
        return part if any(fnmatch.fnmatchcase("gdb", p.split("/")[0]) for p in patterns) \
            else None
    if boot.kind.startswith("selftest"):
        result = "harness/selftest_%s_detected" % boot.kind[len("selftest-"):].replace("-", "_")
        return part if _matches(result, patterns) else None
    if boot.kind == "expect-panic":
        return part if _matches("kernel/" + boot.case, patterns) else None
    return part if _matches("scenario/" + boot.name[len("scenario-"):], patterns) else None


def ktest_suites(elf):
    """The kernel's ktest suite names (not KTEST_EXPLICIT ones), read from its ELF.

    linker.ld puts the pointers to every struct ktest_suite between the
    symbols __start_ktest_suites and __stop_ktest_suites; a suite's first
    field is its name, its fifth (at offset 32) its flags."""
    try:
        with open(elf, "rb") as f:
            data = f.read()
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3a)
        # name, type, flags, addr, offset, size, link
        secs = [struct.unpack_from("<IIQQQQI", data, shoff + i * shentsize)
                for i in range(shnum)]
        symbols = elf_symbols(data, secs)
        start, stop = symbols["__start_ktest_suites"], symbols["__stop_ktest_suites"]
    except (OSError, struct.error, KeyError, ValueError):
        return []

    def at(addr, size):      # bytes of the loaded image at a virtual address
        for _, kind, _, base, off, length, _ in secs:
            if kind != 8 and base <= addr < base + length:   # 8: SHT_NOBITS
                return data[off + addr - base:off + addr - base + size]
        return b""

    names = []
    for pointer in range(start, stop, 8):
        fields = at(struct.unpack("<Q", at(pointer, 8))[0], 40)
        if len(fields) < 40 or struct.unpack_from("<I", fields, 32)[0] & 1:
            continue        # KTEST_EXPLICIT: runs only when named
        name = at(struct.unpack_from("<Q", fields, 0)[0], 64).split(b"\0")[0]
        names.append(name.decode(errors="replace"))
    return names


def elf_symbols(data, secs):
    """{name: value} of an ELF64 file's symbol table (section type 2, SHT_SYMTAB)."""
    symbols = {}
    for _, kind, _, _, off, size, link in secs:
        if kind != 2:
            continue
        strtab = secs[link][4]
        for entry in range(off, off + size, 24):
            name_off, = struct.unpack_from("<I", data, entry)
            value, = struct.unpack_from("<Q", data, entry + 8)
            name_end = data.index(b"\0", strtab + name_off)
            symbols[data[strtab + name_off:name_end].decode(errors="replace")] = value
    return symbols


def show_plan(plan, opts):
    """--list: every boot with its command line and time bound."""
    print("%-20s %-15s %6s  %-6s %s" % ("boot", "kind", "limit", "via", "command line"))
    for boot in plan:
        what = boot.cmdline
        if boot.scenario:
            what = "%s(%s%s)" % (what + " " if what else "",
                                 os.path.relpath(boot.scenario, ROOT),
                                 ", -m " + boot.mem if boot.mem else "")
        print("%-20s %-15s %5.0fs  %-6s %s" % (boot.name, boot.kind,
                                             boot.limit * opts.timeout_scale, boot.via, what))
    if not opts.no_debug_checks:
        print("every boot's command line starts with: %s" % DEBUG_CMDLINE)
    suites = ktest_suites(KERNEL)
    if suites:
        print("kernel suites in %s: %s" % (os.path.relpath(KERNEL, ROOT), " ".join(suites)))
    print("logs go to %s/BOOT.log" % os.path.relpath(LOG_DIR, ROOT))


# ---- output --------------------------------------------------------------------

def format_result(result):
    """A result line and, for a failure, its diagnostics indented under it."""
    tag = {"ok": "ok  ", "FAIL": "FAIL", "skip": "skip"}[result.status]
    line = "%s %s" % (tag, result.name)
    if result.reason:
        line += " # " + ("SKIP " if result.status == "skip" else "") + result.reason
    lines = [line]
    if result.status == "FAIL":
        diag = result.diag
        if len(diag) > DIAG_LINES:
            diag = ["(%d earlier lines are in the log)" % (len(diag) - DIAG_LINES)] + \
                diag[-DIAG_LINES:]
        lines += ["    " + (d if len(d) <= 200 else d[:200] + "...") for d in diag]
    return "\n".join(lines)


def summary_line(results):
    """The last line of every run: N passed, N failed (, N skipped) (, N not run).

    "not run" counts the failures that are tests no boot ever started (a
    crash cut them off and no resume boot reached them): they are counted
    in "failed" too, so "N failed" alone still says whether the run is clean."""
    count = {s: sum(r.status == s for r in results) for s in ("ok", "FAIL", "skip")}
    not_run = sum(r.status == "FAIL" and r.unreached for r in results)
    line = "%d passed, %d failed" % (count["ok"], count["FAIL"])
    line += ", %d skipped" % count["skip"] if count["skip"] else ""
    return line + (", %d not run" % not_run if not_run else "")


def shown(report, opts):
    """The results of a report that --only lets through."""
    if report.boot.shows_all:
        return report.results
    return [r for r in report.results
            if r.name.startswith("boot/") or _matches(r.name, opts.only)]


def resume_boot(report, opts, budget):
    """A boot for the tests a crashed boot never reached: (boot, None) or (None, why not).

    The rule that bounds a run (docs/testing.md): a crash is resumed only
    if the crashed boot started at least one test (otherwise a new boot
    would crash the same way), at most RESUME_LIMIT times in a whole run,
    and a chain of boots that already hung is not resumed after a second
    hang (each hang costs the boot's whole time limit)."""
    boot, left = report.boot, report.unreached
    if not left:
        return None, None
    if not opts.keep_going:
        why = "--no-keep-going"
    elif not report.started:
        why = "it started no test: a new boot would end the same way"
    elif budget <= 0:
        why = "the run's %d resume boots are used up" % RESUME_LIMIT
    elif report.ending == "hang" and boot.hangs:
        why = "its chain of boots hung twice"
    else:
        key = "runtests" if boot.kind == "user" else "ktest"
        return dataclasses.replace(
            boot, name="%s.%d" % (boot.name.split(".")[0], boot.resumes + 1),
            cmdline=set_word(boot.cmdline, key, ",".join(left)),
            programs=left if boot.kind == "user" else None, resumes=boot.resumes + 1,
            hangs=boot.hangs + (report.ending == "hang")), None
    return None, "%d test(s) it never reached are not run: %s" % (len(left), why)


def run_all(plan, opts, show=None):
    """Runs the plan, --jobs boots at a time, printing each boot's results as it ends.

    @show(report, note) replaces the printing (tools/grade.py prints its
    own lines).  Returns every report, in the order the boots ended."""
    reports, budget = [], RESUME_LIMIT
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs))
    pending = {pool.submit(run_boot, boot, opts) for boot in plan}
    try:
        while pending:
            done, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                report = future.result()
                again, why = resume_boot(report, opts, budget)
                report.results = shown(report, opts)
                if again:    # the unreached tests get their results from the new boot
                    report.results = [r for r in report.results if not r.unreached]
                    pending.add(pool.submit(run_boot, again, opts))
                    budget -= 1
                    why = "resuming in boot %s: %s" % (again.name, again.cmdline)
                (show or print_report)(report, why)
                reports.append(report)
    except BaseException:    # Ctrl-C, or our output's reader went away
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list(RUNNING):
            proc.kill()
        raise
    pool.shutdown()
    return reports


def print_report(report, note):
    """A boot's "#" line, then its results, then what became of its unreached tests."""
    with PRINT_LOCK:
        print("# %s: %s" % (report.boot.name, report.summary))
        for result in report.results:
            print(format_result(result))
        if note:
            print("# %s: %s" % (report.boot.name, note))
        sys.stdout.flush()


# ---- JUnit XML (tools/junit.py) ------------------------------------------------

JUNIT_PATH = os.path.join(BUILD, "test-results.xml")


def read_log(path):
    """A boot's console log, its lines cleaned (None if it has none)."""
    try:
        with open(path, errors="replace") as f:
            return "\n".join(clean_line(line) for line in f.read().split("\n"))
    except (OSError, TypeError):
        return None


def write_junit(reports, path=JUNIT_PATH):
    """Writes the run's reports to @path as JUnit XML."""
    groups = [(r.boot.name, r.results, r.secs, read_log(r.log)) for r in reports]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write(junit_xml(groups))
    os.replace(path + ".tmp", path)


# ---- --self-check: the harness's unit tests ----------------------------------------
#
# Each tests/harness/NAME.expect describes tests/harness/NAME.log, a serial
# log, and what the harness must make of it:
#   kind: kernel | user | fuzz | selftest-fail | selftest-panic | selftest-hang | expect-panic
#   case: stack_overflow.overflow    (expect-panic) the EXPECTED_PANICS case
#   exit: 1 | 3 | 0 | timeout        QEMU's exit status
#   programs: a b c                  (user) the programs the boot asked for
#   suites: a b c                    (kernel) the suites the boot must report
#   ending: panic                    how the boot ended (classify's status)
#   quote: REGEX                     a quoted line must match it (repeatable)
#   diag: NAME REGEX                 a diagnostic of result NAME must match
#   reason: NAME REGEX               the reason after result NAME's " # " must match
#   summary: 2 passed, 1 failed      the summary line of these results
#   ok   kernel/buddy.split_merge    then every result line, in order
#   FAIL boot/test                   (status and name; reasons not compared)

def load_expect(path):
    """An .expect file as a dict of its keys and the list of its result lines."""
    spec = {"results": [], "quote": [], "diag": [], "reason": []}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            key, _, value = line.partition(":")
            if not line.strip() or line.startswith("#"):
                continue
            if re.match(r"^(ok  |FAIL|skip) \S", line):
                spec["results"].append(line.split(" #")[0].rstrip())
            elif key in ("quote", "diag", "reason"):
                spec[key].append(value.strip())
            else:
                spec[key.strip()] = value.strip()
    return spec


def self_check_sample(path):
    """Runs one sample through analyse(): (what went wrong, the results, the log text)."""
    spec = load_expect(path)
    with open(path[:-len(".expect")] + ".log", errors="replace") as f:
        text = f.read()
    timed_out = spec.get("exit") == "timeout"
    status = None if timed_out else int(spec.get("exit", "1"))
    kind = spec.get("kind", "kernel")
    expected = (spec.get("programs") or spec.get("suites") or "").split() or None
    analysis = analyse(kind if kind in ("user", "fuzz") else
                       "user" if kind == "selftest-leak" else "kernel", text, status,
                       "hang: killed after the time limit" if timed_out else None, expected)
    if kind in SELFTEST_CHECKS:
        results = [SELFTEST_CHECKS[kind](analysis)]
    elif kind == "expect-panic":
        results = [check_expected_panic(analysis, spec.get("case", ""), text)]
    else:
        results = analysis.results + [boot_result("test", analysis, path)]
    got = [format_result(r).split("\n")[0].split(" #")[0] for r in results]
    wrong = []
    if got != spec["results"]:
        wrong.append("results differ; got:")
        wrong += ["  " + g for g in got]
    if "ending" in spec and analysis.ending.status != spec["ending"]:
        wrong.append("ending is %s, expected %s" % (analysis.ending.status, spec["ending"]))
    for regex in spec["quote"]:
        if not any(re.search(regex, line) for line in analysis.ending.quote):
            wrong.append("no quoted line matches /%s/" % regex)
    for item in spec["diag"]:
        name, _, regex = item.partition(" ")
        diag = next((r.diag for r in results if r.name == name), [])
        if not any(re.search(regex, line) for line in diag):
            wrong.append("no diagnostic of %s matches /%s/" % (name, regex))
    for item in spec["reason"]:
        name, _, regex = item.partition(" ")
        if not any(r.name == name and re.search(regex, r.reason) for r in results):
            wrong.append("the reason of %s does not match /%s/" % (name, regex))
    if "summary" in spec and summary_line(results) != spec["summary"]:
        wrong.append("the summary is %r" % summary_line(results))
    return wrong, results, text


def self_check_resume():
    """resume_boot's rule (docs/testing.md), on made-up reports; what went wrong."""
    opts = argparse.Namespace(keep_going=True)
    user = Boot("user-1", "user", "runtests=a,b,c testtimeout=120", 600, programs=["a", "b", "c"])

    def crashed(boot, ending="panic", started=1):
        return Report(boot, "", [], ["b", "c"], ending, started)
    again, _ = resume_boot(crashed(user), opts, 1)
    wrong = []
    if not again or again.name != "user-1.1" or again.programs != ["b", "c"] or \
            again.cmdline != "runtests=b,c testtimeout=120":
        wrong.append("a panic after one test is not resumed with the rest: %r" % (again,))
    kernel = Boot("ktest", "kernel", "ktest=*", 120)
    again, _ = resume_boot(Report(kernel, "", [], ["pid"], "reset", 2), opts, 1)
    if not again or again.cmdline != "ktest=pid" or again.programs is not None:
        wrong.append("a kernel boot is not resumed with ktest=SUITES: %r" % (again,))
    refusals = [("no test started", crashed(user, started=0), opts, 8),
                ("the run's budget is spent", crashed(user), opts, 0),
                ("a second hang in a chain", crashed(dataclasses.replace(user, hangs=1), "hang"),
                 opts, 8),
                ("--no-keep-going", crashed(user), argparse.Namespace(keep_going=False), 8)]
    for what, report, options, budget in refusals:
        again, why = resume_boot(report, options, budget)
        if again or not why or "2 test(s)" not in why:
            wrong.append("resumed (or said nothing) when %s: %r" % (what, why))
    again, _ = resume_boot(crashed(user, "hang"), opts, 8)
    if not again or again.hangs != 1:
        wrong.append("a first hang is not resumed, counted in the chain: %r" % (again,))
    return wrong


def self_check_scenario_syntax():
    """parse_scenario on made-up files: the boot lines and `panic`; what went wrong."""
    wrong = []
    steps = parse_scenario("memory 12M\ncmdline a=1\ncmdline b\n? x\npanic ^Too many")
    if scenario_boot_options(steps) != ("a=1 b", "12M") or steps[-1][1] != "panic" or \
            steps[-1][2].pattern != "^Too many":
        wrong.append("boot lines or panic misread: %r" % (steps,))
    for bad in ("> ls\ncmdline x", "panic x\n? y", "memory lots", "panic ("):
        try:
            parse_scenario(bad)
            wrong.append("accepted %r" % bad)
        except ScenarioError:
            pass
    return wrong


def self_check_trailing_blank():
    """A "?" line's trailing blanks are part of its regex (the prompt's space)."""
    kept = parse_scenario("? ^4\\n# \n")[0][2].pattern
    return [] if kept == "^4\\n# " else ["the regex became %r" % kept]


def self_check():
    """--self-check: every sample log, the resume rule, the JUnit XML and every
    scenario file's syntax."""
    results, groups = [], []
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith(".expect"):
            wrong, sample_results, text = self_check_sample(os.path.join(SAMPLES, name))
            results.append(Result("selfcheck/" + name[:-7], "FAIL" if wrong else "ok",
                                  "", wrong))
            groups.append((name[:-7], sample_results, 1.0, text))
    wrong = check_junit(junit_xml(groups), groups)
    results.append(Result("selfcheck/junit", "FAIL" if wrong else "ok", "", wrong))
    for name, check in (("resume", self_check_resume),
                        ("scenario-syntax", self_check_scenario_syntax),
                        ("scenario-trailing-blank", self_check_trailing_blank)):
        wrong = check()
        results.append(Result("selfcheck/" + name, "FAIL" if wrong else "ok", "", wrong))
    for name in sorted(os.listdir(SCENARIOS)):
        if name.endswith(".scn"):
            path = os.path.join(SCENARIOS, name)
            try:
                with open(path) as f:
                    parse_scenario(f.read(), name)
                results.append(Result("selfcheck/scenario-" + name[:-4], "ok"))
            except ScenarioError as e:
                results.append(Result("selfcheck/scenario-" + name[:-4], "FAIL", str(e)))
    for result in results:
        print(format_result(result))
    return results


# ---- main ------------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(description="Matryoshka's test harness (make test).")
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--jobs", "-j", type=int, default=2, help="boots at once (default 2)")
    ap.add_argument("--smp", type=int, default=1, help="CPUs per boot (make test SMP=N)")
    ap.add_argument("--kernel", metavar="ELF", help="boot this kernel (make test KTESTS=dir "
                    "links one with the hidden suites) instead of build/matryoshka.elf")
    ap.add_argument("--extra", metavar="DIR", help="run the EXTRA programs too")
    ap.add_argument("--only-extra", action="store_true", help="run just the EXTRA programs")
    ap.add_argument("--only", action="append", default=[], metavar="GLOB",
                    help="only the boots or results matching (kernel/buddy.*, "
                    "user/pipe*, scenario/*, iso); may be repeated")
    ap.add_argument("--list", action="store_true", help="show the boot plan and stop")
    ap.add_argument("--keep-going", action="store_true", default=True,
                    help="after a crash, boot again for the tests it never reached "
                    "(the default)")
    ap.add_argument("--no-keep-going", dest="keep_going", action="store_false",
                    help="do not boot again after a crash: its unreached tests fail as not run")
    ap.add_argument("-v", "--verbose", action="store_true", help="echo the consoles live")
    ap.add_argument("--timeout-scale", type=float, default=1.0, metavar="F",
                    help="multiply every time limit by F (slow machines)")
    ap.add_argument("--no-debug-checks", action="store_true",
                    help="boot without %r (to measure what the checks cost)" % DEBUG_CMDLINE)
    ap.add_argument("--self-check", action="store_true",
                    help="test the harness on the sample logs in tests/harness/")
    opts = ap.parse_args(argv)
    if opts.only_extra and not opts.extra:
        ap.error("--only-extra needs --extra DIR")
    return opts


def missing_inputs():
    """Results for build products that must exist before any boot."""
    return [Result("harness/inputs", "FAIL", "%s does not exist: run make first"
                   % os.path.relpath(path, ROOT))
            for path in (KERNEL, INITRD) if not os.path.exists(path)]


def main(argv=None):
    opts = parse_args(argv)
    set_paths(kernel=opts.kernel)
    if opts.self_check:
        results = self_check()
    else:
        plan = make_plan(opts)
        if opts.list:
            show_plan(plan, opts)
            return 0
        results = missing_inputs()
        for result in results:
            print(format_result(result))
        reports = [Report(Boot("harness", "harness", "", 0), "", results)]
        if not plan:
            print("# no boot matches --only %s (see --list)" % " ".join(opts.only))
        elif not results:
            try:
                reports = run_all(plan, opts)
            except KeyboardInterrupt:
                print("\ninterrupted")
                return 130
        results = [result for report in reports for result in report.results]
        write_junit(reports)
    print(summary_line(results))
    return 1 if not results or any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `harness.py | head` stopped reading: end quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
