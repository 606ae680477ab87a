#!/usr/bin/env python3
"""tools/gdb_check.py: the gdb session of docs/gdb.md, run and checked.

make test's `gdb` boot (tools/harness.py calls run_gdb_boot) and make
diagrams (tools/nsdiagram.py calls run_session) both go through here.  It
boots QEMU stopped (-S) with its gdb stub on a free port (a socket made
here and inherited by QEMU, so no other program can take the port), runs
gdb in batch mode with the project's tools/gdb/gdbinit, and:

  - runs to start_kernel (a hardware breakpoint) and to the first
    alloc_pid (pid 1, in init_pid_ns), with bt, p *ns and finish;
  - lets the kernel boot to the shell, types GUEST_COMMAND (nested user,
    pid, ipc, uts and mount namespaces, an IPC object in two of them) and
    stops at its uname(2);
  - runs every mx-* helper there.

Each step's output is checked for values the kernel must have (init is
pid 1 in init_pid_ns, inode 4026531836; the uname task has three pids;
every task's pid is in pid_hash; the IPC objects are where they were
made).  QEMU and gdb are killed at the end whatever happened, and both get
SIGTERM if this process dies.

    python3 tools/gdb_check.py [-v]     # alone: the session's output, then the checks
"""
import os
import re
import resource
import shutil
import subprocess
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import harness  # noqa: E402  (harness.py makes itself importable when it is __main__)
from qemu import qemu_command, gdb_listen, die_with_parent  # noqa: E402

GDBINIT = os.path.join("tools", "gdb", "gdbinit")
# What the shell runs once the kernel is up: a user namespace owning new
# pid, ipc, uts and mount namespaces with a message queue, and in it a
# second user namespace owning a pid and an ipc namespace with a semaphore
# set; its uname is where gdb stops.
GUEST_COMMAND = ("unshare -U -r -p -f -i -u --mount-proc sh -c "
                 "'hostname inner; ipcmk -Q; "
                 "unshare -U -r -p -f -i sh -c \"ipcmk -S 2; uname -n\"'")
# Where the session stops: the typed command's uname(2), not the shell's
# own (busybox's ash calls uname for its prompt).
UNAME_BREAK = 'break __do_sys_uname if $_streq(boot_pcpu.current_task->comm, "uname")'
# The session: (section, gdb commands).  Each section's output is checked below.
SECTIONS = [
    ("start_kernel", ["thbreak start_kernel", "continue", "bt"]),
    # the breakpoint goes before finish: alloc_pid may sleep, and another
    # task's fork would then stop finish at the breakpoint, not the return
    ("alloc_pid", ["break alloc_pid", "continue", "bt", "p *ns", "delete", "finish",
                   "p $->numbers[0]"]),
    ("uname", [UNAME_BREAK, "continue", "bt"]),
    ("mx-ps", ["mx-ps"]),
    ("mx-nstree", ["mx-nstree"]),
    ("mx-pidhash", ["mx-pidhash"]),
    ("mx-ipc", ["mx-ipc"]),
    ("mx-dmesg", ["mx-dmesg"]),
    ("mx-bt", ["mx-bt 1"]),
]
MARK = "@@@ "
INIT_PID_NS, INIT_USER_NS, INIT_IPC_NS = 4026531836, 4026531837, 4026531839
SESSION_LIMIT = 120     # s: the whole session, under TCG; only catches a hang


def gdb_child():
    """gdb ends with us, and a crash of gdb leaves no core file in the tree."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    die_with_parent()


def gdb_command(port, sections):
    cmd = ["gdb", "-q", "-batch", "-nx", "-x", GDBINIT, "-ex", "file " + harness.KERNEL,
           "-ex", "target remote localhost:%d" % port]
    for name, commands in sections:
        cmd += ["-ex", "echo %s%s\\n" % (MARK, name)]
        for command in commands:
            cmd += ["-ex", command]
    return cmd + ["-ex", "echo %send\\n" % MARK, "-ex", "kill"]


def split_sections(output):
    """{section: its output lines} from gdb's output with MARK lines."""
    sections, name = {}, None
    for line in output.splitlines():
        if line.startswith(MARK):
            name = line[len(MARK):]
            sections[name] = []
        elif name:
            sections[name].append(line)
    return sections


class Session:
    """What a session gave: gdb's output by section, the console, how it ended."""

    def __init__(self, sections, console, log, problem):
        self.sections, self.console, self.log, self.problem = sections, console, log, problem


def run_session(name="gdb", sections=SECTIONS, commands=((GUEST_COMMAND, None),), accel="tcg",
                scale=1.0, echo=False, cmdline=""):
    """Boots QEMU for gdb, runs the gdb @sections, types @commands at the shell.

    Each of @commands is (text, regex): the text is typed at a prompt, and
    the next waits for the regex (None: nothing) after it."""
    sock = gdb_listen(0)
    port = sock.getsockname()[1]
    cmd = qemu_command(kernel=harness.KERNEL, initrd=harness.INITRD, cmdline=cmdline,
                       accel=accel, gdb_fd=sock.fileno())
    try:
        qemu = harness.Qemu(cmd, name, echo, pass_fds=[sock.fileno()],
                            preexec_fn=die_with_parent)
    finally:
        sock.close()
    gdb = output = None
    try:
        gdb = subprocess.Popen(gdb_command(port, sections), cwd=ROOT,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace",
                               preexec_fn=gdb_child)
        problem = type_commands(qemu, gdb, commands, SESSION_LIMIT * scale)
        output, late = wait_gdb(gdb, SESSION_LIMIT * scale)
        problem = problem or late
    finally:
        if gdb and gdb.poll() is None:
            gdb.kill()
            gdb.wait()
        console = qemu.finish()
    return Session(split_sections(output or ""), console, qemu.log_path, problem)


def wait_console(qemu, gdb, regex, pos, deadline):
    """(the match of @regex on the console after @pos, None) or (None, why there is none)."""
    while True:
        found = qemu.wait_for(regex, pos, 0.2)
        if found:
            return found, None
        if gdb.poll() is not None:
            return None, "gdb exited before /%s/ on the console" % regex.pattern
        if time.monotonic() > deadline:
            return None, "no /%s/ on the console in time" % regex.pattern


def type_commands(qemu, gdb, commands, limit):
    """Types each command at the shell's next prompt (while gdb runs the kernel),
    then waits for its regex, if any, in what follows; None, or what went wrong.
    (A background command's prompt comes before its output: the next command
    is typed at it.)"""
    deadline, pos = time.monotonic() + limit, 0
    for text, regex in commands:
        found, problem = wait_console(qemu, gdb, harness.PROMPT_RE, pos, deadline)
        if not problem:
            pos = found.end()
            qemu.send(text + "\r")
            if regex:
                found, problem = wait_console(qemu, gdb, re.compile(regex, re.M), pos, deadline)
        if problem:
            return problem
    return None


def wait_gdb(gdb, limit):
    """gdb's whole output, and why it had to be killed (or None)."""
    try:
        return gdb.communicate(timeout=limit)[0], None
    except subprocess.TimeoutExpired:
        gdb.kill()
        return gdb.communicate()[0], "gdb did not finish within %d s: killed" % limit


# ---- the checks: each takes the sections and returns what is wrong ----------

def need(lines, regex, what):
    """[] if a line of @lines matches @regex, else the complaint."""
    return [] if any(re.search(regex, line) for line in lines) else ["no %s" % what]


def check_start_kernel(s):
    lines = s["start_kernel"]
    frames = [line for line in lines if line.startswith("#")]
    return need(lines, r"^Temporary breakpoint 1, start_kernel \(\) at kernel/main\.c:\d+$",
                "stop in kernel/main.c") + \
        need(lines, r"^#1 .* x86_64_start_kernel ", "x86_64_start_kernel in bt") + \
        need(frames[-1:], r"^#2 +0x[0-9a-f]+ in higher_half \(\)$", "higher_half as the last frame")


def check_alloc_pid(s):
    lines = s["alloc_pid"]
    return need(lines, r"alloc_pid \(ns=0x[0-9a-f]+ <init_pid_ns>", "stop in alloc_pid") + \
        need(lines, r" in copy_process ", "copy_process in bt") + \
        need(lines, r"^  level = 0,", "ns->level 0") + \
        need(lines, r"inum = %d," % INIT_PID_NS, "init_pid_ns's inode number") + \
        need(lines, r"^Value returned is \$\d+ = \(struct pid \*\) 0x", "finish's value") + \
        need(["\n".join(lines)], r"\$\d+ = \{\n  nr = 1,\n  ns = 0x[0-9a-f]+ <init_pid_ns>,",
             "pid 1 in init_pid_ns")


def check_uname(s):
    """The stop, and a backtrace that ends at the system call's entry (its CFI)."""
    frames = [line for line in s["uname"] if line.startswith("#")]
    return need(s["uname"], r"^Breakpoint \d+, __do_sys_uname ", "stop in uname") + \
        need(frames[-1:], r"^#\d+ +0x[0-9a-f]+ in entry_SYSCALL_64 \(\)$",
             "entry_SYSCALL_64 as the last frame")


def ps_rows(s):
    """mx-ps's rows as dicts."""
    rows = []
    for line in s["mx-ps"][1:]:
        f = line[1:].split()
        if len(f) == 7:
            rows.append(dict(current=line.startswith(">"), task=f[0], pid=int(f[1]),
                             state=f[3], comm=f[4], nspid=f[5], pidns=f[6]))
    return rows


def check_ps(s):
    rows = ps_rows(s)
    by_pid = {row["pid"]: row for row in rows}
    problems = [] if s["mx-ps"] and s["mx-ps"][0].split()[:3] == ["TASK", "PID", "PPID"] \
        else ["no header"]
    init = by_pid.get(1, {})
    if (init.get("comm"), init.get("nspid"), init.get("pidns")) != ("init", "1", str(INIT_PID_NS)):
        problems.append("pid 1 is not init, NSPID 1, in pid:[%d]: %s" % (INIT_PID_NS, init))
    if by_pid.get(0, {}).get("comm") != "swapper":
        problems.append("pid 0 is not swapper")
    current = [row for row in rows if row["current"]]
    if len(current) != 1 or current[0]["comm"] != "uname" or \
            not re.fullmatch(r"\d+/\d+/\d+", current[0]["nspid"]):
        problems.append("the running task is not uname with three pids: %s" % current)
    return problems


def nstree_rows(s):
    """mx-nstree's rows: (depth, inum, type, tasks, details)."""
    rows = []
    for line in s["mx-nstree"][1:]:
        m = re.match(r"^((?:[│├└ ]─?|  )*?)(\d+)\s+(\w+)\s+(\d+)\s+0x[0-9a-f]+\s+(.*)$", line)
        if m:
            rows.append((len(m.group(1)) // 2, int(m.group(2)), m.group(3), int(m.group(4)),
                         m.group(5)))
    return rows


def check_nstree(s):
    rows = nstree_rows(s)
    want = [(0, INIT_USER_NS, "user"), (1, INIT_PID_NS, "pid"), (1, INIT_IPC_NS, "ipc"),
            (1, 4026531838, "uts")]
    problems = ["no %s:[%d] at depth %d" % (k, i, d) for d, i, k in want
                if not any(r[:3] == (d, i, k) for r in rows)]
    for depth, kind, detail in [(1, "user", "level 1"), (2, "user", "level 2"),
                                (2, "pid", "level 1"), (3, "pid", "level 2"),
                                (2, "uts", "nodename inner"), (2, "ipc", "msg 1, sem 0"),
                                (3, "ipc", "msg 0, sem 1"), (2, "mnt", "mounts")]:
        if not any(r[0] == depth and r[2] == kind and detail in r[4] for r in rows):
            problems.append("no %s with %r at depth %d" % (kind, detail, depth))
    return problems


def check_pidhash(s):
    chains = " ".join(s["mx-pidhash"])
    problems = need(s["mx-pidhash"], r"^pid_hash: \d+ chains \(pidhash_shift \d+\), \d+ upids",
                    "header")
    if "1 in pid:[%d] (init)" % INIT_PID_NS not in chains:
        problems.append("init's upid is not in pid_hash")
    for row in ps_rows(s):
        upid = "%s in pid:[%s]" % (row["nspid"].split("/")[-1], row["pidns"])
        if row["pid"] and row["state"] != "X" and upid not in chains:
            problems.append("%s (pid %d) is not in pid_hash" % (upid, row["pid"]))
    return problems


def ipc_tables(s):
    """{ipc inum: {kind: (in_use, [entry lines], the ids line)}} from mx-ipc."""
    tables, ns, kind = {}, None, None
    for line in s["mx-ipc"]:
        m = re.match(r"^ipc:\[(\d+)\]", line) or re.match(r"^  (\w+): ids\[\d\] in_use (\d+)",
                                                           line)
        if line.startswith("ipc:") and m:
            ns = tables.setdefault(int(m.group(1)), {})
        elif m and ns is not None:
            kind = m.group(1)
            ns[kind] = (int(m.group(2)), [], line.strip())
        elif line.startswith("    idx") and kind:
            ns[kind][1].append(line)
    return tables


def check_ipc(s):
    tables, rows = ipc_tables(s), nstree_rows(s)
    problems = []
    if any(tables.get(INIT_IPC_NS, {}).get(k, (1,))[0] for k in ("msg", "sem", "shm")):
        problems.append("init_ipc_ns is not empty: %s" % tables.get(INIT_IPC_NS))
    for detail, kind, entry in [("msg 1, sem 0", "msg", r"mode 0644 messages 0, bytes 0"),
                                ("msg 0, sem 1", "sem", r"mode 0644 nsems 2")]:
        inums = [r[1] for r in rows if r[2] == "ipc" and r[4].startswith(detail)]
        table = tables.get(inums[0], {}).get(kind) if inums else None
        if not table or table[0] != 1 or len(table[1]) != 1 or \
                not re.search(r"idx 0 +id 0 +key 0x[0-9a-f]{8} uid 0 +" + entry, table[1][0]):
            problems.append("the %s of ipc:[%s] is not one object: %s" % (kind, inums, table))
    return problems


def check_dmesg(s):
    lines = s["mx-dmesg"]
    boot = [l for l in s["console"] if re.match(r"^\[ *\d+\.\d{6}\] ", l)][:10]
    problems = need(lines, r"\] Kernel command line:", "command line message")
    problems += ["console line %r is not in the log" % l for l in boot if l not in lines]
    return problems


def check_bt(s):
    """init (pid 1) sleeps in a system call: the scheduler, then the call's path to it."""
    lines = s["mx-bt"]
    return need(lines[:1], r"^#0  0x[0-9a-f]{16} in __schedule\+0x[0-9a-f]+ at kernel/sched/core\.c:\d+$",
                "__schedule in frame 0") + \
        need(lines, r" in do_syscall_64\+0x[0-9a-f]+ at kernel/entry_common\.c:\d+$",
             "do_syscall_64")


CHECKS = [("start_kernel", check_start_kernel), ("alloc_pid", check_alloc_pid),
          ("uname", check_uname), ("mx-ps", check_ps), ("mx-nstree", check_nstree),
          ("mx-pidhash", check_pidhash), ("mx-ipc", check_ipc),
          ("mx-dmesg", check_dmesg), ("mx-bt", check_bt)]


def session_results(session):
    """gdb/SECTION for each check, from a finished session."""
    results = []
    sections = dict(session.sections, console=session.console.splitlines())
    for name, check in CHECKS:
        lines = session.sections.get(name)
        if lines is None:
            results.append(harness.Result("gdb/" + name, "FAIL", "gdb never got there"))
            continue
        problems = check(sections)
        results.append(harness.Result("gdb/" + name, "FAIL" if problems else "ok",
                                      "; ".join(problems[:3]),
                                      ["| " + l for l in lines[-harness.QUOTE_LINES:]]
                                      if problems else []))
    return results


def run_gdb_boot(boot, opts):
    """make test's gdb boot: the session, its checks, and boot/gdb for how it ended."""
    if not shutil.which("gdb"):
        return harness.Report(boot, "gdb is not installed", [harness.Result(
            "boot/" + boot.name, "FAIL", "gdb is not installed (tools/deps.sh installs it)")])
    started = time.monotonic()
    session = run_session(boot.name, accel=opts.accel, scale=opts.timeout_scale,
                          echo=opts.verbose, cmdline=harness.full_cmdline(boot, opts))
    secs = time.monotonic() - started
    where = "log: " + os.path.relpath(session.log, ROOT)
    ending = harness.Result("boot/" + boot.name, "ok")
    if session.problem:
        tail = [harness.clean_line(l) for l in session.console.splitlines()]
        ending = harness.Result("boot/" + boot.name, "FAIL", session.problem,
                                ["| " + l for l in harness.tail_quote(tail)] + [where])
    summary = "%s (%.1f s, %s)" % (session.problem or "gdb session done", secs, where[5:])
    return harness.Report(boot, summary, session_results(session) + [ending], secs=secs,
                          log=session.log)


def main():
    echo = "-v" in sys.argv[1:]
    session = run_session(echo=echo)
    for name, lines in session.sections.items():
        print("(gdb) # %s\n%s" % (name, "\n".join(lines)))
    results = session_results(session)
    for result in results:
        print(harness.format_result(result))
    if session.problem:
        print("# " + session.problem)
    print(harness.summary_line(results))
    return 1 if session.problem or any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
