#!/usr/bin/env python3
"""tools/bench.py: make bench: the bench/ programs on Matryoshka and on Linux.

Both kernels boot in the same QEMU (tools/qemu.py's qemu_command: machine pc,
-cpu max, one CPU, 512 MiB, qboot, -kernel), one after the other:
  linux       Debian's /boot/vmlinuz-* with an initramfs of the same
              build/bench/* binaries and tools/bench_init.c as /init
  matryoshka  build/matryoshka.elf + build/initramfs.cpio, "runbench=all":
              its /sbin/init runs /bench/* and powers off
  kbench      build/matryoshka.elf, "kbench=all": the in-kernel benchmarks
              (no Linux counterpart)
  prompt      build/matryoshka.elf and build/initramfs-system.cpio (the
              image `make run`'s ISO holds: no /tests, no /bench) with no
              command line: the normal boot to
              the shell prompt "# " on the serial console; the host notes
              when it appears, types `cat /proc/uptime` (det mode) and
              `poweroff`
  iso         build/matryoshka.iso (GRUB, from -cdrom, SeaBIOS), as
              `make run` boots it, to the prompt: wall mode, one boot
Every program prints "BENCH name=N iters=I ns_per_op=X" (or "error=E") per
row.  Two modes:
  det   TCG with -icount shift=0: one guest instruction is one guest ns, so
        the figures repeat and count path length.  One boot each.  Primary.
  wall  plain TCG, the kernels' boots interleaved, the median of --boots.
In det mode the prompt boot also asks QEMU (QMP query-replay) how many
instructions the guest has executed when the prompt appears.
Serial logs go to build/bench/logs/; the tables go between the markers
<!-- bench:begin --> and <!-- bench:end --> of docs/benchmarks.md (the rest
of that page is left alone), and to stdout.  --only NAME runs one bench/NAME
program, or the program of row NAME, or else in-kernel benchmark NAME, and
writes to stdout only; so does --cmdline WORDS, which adds WORDS to every
Matryoshka command line (docs/debugging.md measures the debug checks so)."""
import argparse
import codecs
import datetime
import glob
import json
import os
import re
import select
import socket
import stat
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import qemu_command, EXIT_POWEROFF, EXIT_PANIC, QBOOT  # noqa: E402
import bench_scale  # noqa: E402
import bench_boot  # noqa: E402
import bench_hostwait  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
BENCH_BINS = os.path.join(BUILD, "bench")
LOGS = os.path.join(BENCH_BINS, "logs")	 # a directory: mkinitramfs packs files only
LINUX_DIR = os.path.join(BUILD, "bench-linux")	# not under build/bench: not packed
KERNEL = os.path.join(BUILD, "matryoshka.elf")
INITRD = os.path.join(BUILD, "initramfs.cpio")
SYSTEM_INITRD = os.path.join(BUILD, "initramfs-system.cpio")	# without the tests
ISO = os.path.join(BUILD, "matryoshka.iso")
ISO_CMDLINE = os.path.join(BUILD, "cmdline.txt")	# what the Makefile baked into the ISO
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
SECTION = "<!-- bench:mode=%s -->"

# quiet: the boot prints nothing, and bench_init echoes the kernel log lines
# that time it (a console at loglevel 7 would slow the boot it measures).
# norandmaps: where a process's stack and mmap area land decides how many
# page-table pages fork copies and exit frees, so with randomized layouts the
# fork rows move by up to 8% from boot to boot even under -icount; with fixed
# ones every row repeats to 0.6%.
LINUX_CMDLINE = "console=ttyS0 quiet panic=-1 norandmaps"
MUSL_FLAGS = ["-static", "-O2", "-Wall", "-Wextra", "-Werror", "-std=gnu11"]

# The rows in table order (the contract's list; others follow as they come),
# with what each measures (more at the top of its bench/*.c).
ROWS = {
    "getpid": "syscall(SYS_getpid)",
    "sched_yield": "sched_yield() with nothing else to run",
    "clock_gettime": "libc's clock_gettime(CLOCK_MONOTONIC): the vDSO, no system call, on both kernels",
    "fork_exit_wait": "musl fork(), child _exit(0), waitpid",
    "clone_exit_wait": "raw clone(SIGCHLD), child _exit(0), waitpid",
    "pipe_pingpong": "1 byte there and back between two processes over two pipes",
    "clone_newpid": "clone(SIGCHLD|CLONE_NEWPID) + exit + wait",
    "clone_newipc": "clone(SIGCHLD|CLONE_NEWIPC) + exit + wait",
    "clone_newuser": "clone(SIGCHLD|CLONE_NEWUSER) + exit + wait",
    "clone_newall": "clone(SIGCHLD|CLONE_NEWPID|CLONE_NEWIPC|CLONE_NEWUSER) + exit + wait",
    "unshare_newipc": "unshare(CLONE_NEWIPC) repeated in one process",
    "fork_unshare_newuser": "fork, unshare(CLONE_NEWUSER) in the child, exit, wait "
                            "(a user namespace cannot be unshared twice in a row)",
    "msg_pingpong64": "a 64-byte System V message there and back between two processes",
    "semop_uncontended": "one semop() call doing +1 then -1 on one semaphore",
    "fork_depth1": "fork + exit + wait in a pid namespace 1 deep",
    "fork_depth8": "the same, 8 deep",
    "fork_depth32": "the same, 32 deep (Linux's limit)",
    "cpu_pair": "two processes that each spin 4M loops, forked together, both waited for "
                "(one CPU here: docs/benchmarks.md compares SMP=2)",
}
ROW_ORDER = list(ROWS)
ROWS.update(bench_scale.rows())	# the scaling table's rows, for the page's list
# The design contract's figures: Linux 6.1, QEMU 7.2, -icount shift=0, ns/op.
REFERENCE = {"getpid": 344, "sched_yield": 808, "fork_exit_wait": 178647,
             "clone_exit_wait": 163195, "clone_newpid": 167305,
             "clone_newipc": 281159, "clone_newuser": 204530,
             "clone_newall": 316533, "unshare_newipc": 119850,
             "pipe_pingpong": 12813, "msg_pingpong64": 12262}
REFERENCE_BOOT = 1.70	# "power-on to /init": it matches the printk clock, not power-on

BENCH_RE = re.compile(r"BENCH name=(\S+)((?: \w+=\S+)*)")
STAMP = r"\[\s*(\d+\.\d+)\][^\n]*"
START_RE = re.compile(STAMP + r"Kernel command line:")
INIT_RE = re.compile(STAMP + r"Run \S+ as init process")
ENTERED_RE = re.compile(r"start_kernel was entered (\d+) us after power-on")	# Matryoshka
TSC_RE = re.compile(r"BOOT tsc=(\d+)")
PROMPT_RE = re.compile(r"^# ", re.M)	# the shell's prompt, as tools/harness.py finds it
UPTIME_RE = re.compile(r"^(\d+\.\d+) \d+\.\d+\r?\n", re.M)	# what cat /proc/uptime prints
PROMPT_LIMIT = 120	# seconds from QEMU's start to the prompt, at most
POWEROFF_LIMIT = 60	# seconds from typing poweroff to QEMU's exit, at most
TSC_MHZ_RE = re.compile(r"tsc: (?:Refined TSC clocksource calibration|Detected)"
                        r"[^\n]*?(\d+\.\d+) MHz")


def log(msg):
    """Progress and problems, on stderr."""
    print("bench: " + msg, file=sys.stderr, flush=True)


# ---- building ------------------------------------------------------------

def build_programs():
    """make the build/bench/* binaries; their names."""
    names = sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(ROOT, "bench", "*.c")))
    targets = ["build/bench/" + n for n in names]
    subprocess.run(["make", "--no-print-directory", "-s"] + targets, cwd=ROOT, check=True)
    return names


def build_init():
    """build/bench-linux/init from tools/bench_init.c (musl, static), when out of date; its path."""
    out = os.path.join(LINUX_DIR, "init")
    src = os.path.join(ROOT, "tools", "bench_init.c")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
        subprocess.run(["musl-gcc"] + MUSL_FLAGS + ["-o", out, src], check=True)
    return out


def newc(name, mode, data=b"", rdev=(0, 0), ino=0):
    """One cpio newc entry (Linux's Documentation/driver-api/early-userspace/buffer-format.rst)."""
    name_b = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0)
    out = b"070701" + b"".join(b"%08x" % f for f in fields) + name_b
    out += b"\0" * (-len(out) % 4) + data
    return out + b"\0" * (-len(out) % 4)


def linux_initramfs(programs):
    """build/bench-linux/initramfs.cpio: /init, /bench/*, /dev/console, /dev/null."""
    entries = [(d, stat.S_IFDIR | 0o755, b"", (0, 0)) for d in ("dev", "proc", "tmp", "bench")]
    entries += [("dev/console", stat.S_IFCHR | 0o600, b"", (5, 1)),
                ("dev/null", stat.S_IFCHR | 0o666, b"", (1, 3))]
    files = [("init", build_init())] + [("bench/" + n, os.path.join(BENCH_BINS, n)) for n in programs]
    for name, path in files:
        with open(path, "rb") as f:
            entries.append((name, stat.S_IFREG | 0o755, f.read(), (0, 0)))
    out = b"".join(newc(n, m, d, r, i + 1) for i, (n, m, d, r) in enumerate(entries))
    out += newc("TRAILER!!!", 0)
    path = os.path.join(LINUX_DIR, "initramfs.cpio")
    with open(path, "wb") as f:
        f.write(out + b"\0" * (-len(out) % 512))
    return path


def find_vmlinuz():
    """Debian's newest kernel image, installing linux-image-amd64 if there is none."""
    def newest():
        images = glob.glob("/boot/vmlinuz-*")
        return max(images, key=os.path.getmtime) if images else None
    if not newest():
        subprocess.run([os.path.join(ROOT, "tools", "deps.sh"), "--bench"])
    image = newest()
    if image and not os.access(image, os.R_OK):
        log("%s is not readable: run as root, or make it readable" % image)
        return None
    return image


# ---- booting -------------------------------------------------------------

class Boot:
    """One QEMU run: its serial log and what it printed."""

    def __init__(self, label, path, rc, seconds, reason, shell=False):
        self.label, self.path, self.rc, self.seconds = label, path, rc, seconds
        with open(path, encoding="utf-8", errors="replace") as f:
            self.text = f.read().replace("\r", "")
        self.rows = parse_rows(self.text)
        self.times = parse_boot_times(self.text)
        self.reason = reason	# why QEMU was stopped, or None
        self.shell = shell	# a boot to the shell prompt, not a benchmark run
        self.contended = {}	# {row: share of its time QEMU's vCPU waited for the host's CPU}

    def gave(self):
        """Whether this boot gave what it was run for."""
        return "prompt_host" in self.times if self.shell else bool(self.rows)

    def killed(self):
        """QEMU's words when something else on the host killed it, or None."""
        m = re.search(r"qemu-system-x86_64: (terminating on signal[^\n]*)", self.text)
        return m.group(1) if m else None

    def note(self):
        """Why this boot gave no figures, or None when it gave some."""
        if self.gave():
            return None
        rel = os.path.relpath(self.path, ROOT)
        panic = re.search(r"Kernel panic - not syncing: ([^\n]*)", self.text)
        why = self.reason or {EXIT_PANIC: "the kernel panicked",
                              EXIT_POWEROFF: "it powered off"}.get(
                                  self.rc, "QEMU exited with status %s" % self.rc)
        if panic:
            why = "Kernel panic - not syncing: " + panic.group(1).strip()
        if self.killed():
            why = "QEMU was killed from outside: " + self.killed()
        what = "reached no shell prompt" if self.shell else "printed no BENCH lines"
        return "%s (%s); log: `%s`" % (what, why.replace("`", "'"), rel)


def run_qemu(label, cmd, limit, silence):
    """Run cmd with the serial console to build/bench/logs/LABEL.log; a Boot.
    It is stopped after limit seconds, or silence seconds without output."""
    path = os.path.join(LOGS, label + ".log")
    t0 = time.monotonic()
    reason = None
    with open(path, "wb") as out:
        proc = subprocess.Popen(cmd + ["-serial", "stdio"], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT)
        size, quiet_since = 0, t0
        watch = bench_hostwait.Watch(proc.pid, path)
        while proc.poll() is None:
            time.sleep(0.1)
            watch.sample()
            now = time.monotonic()
            if os.path.getsize(path) != size:
                size, quiet_since = os.path.getsize(path), now
            if now - t0 > limit or now - quiet_since > silence:
                reason = "stopped after %d s, %d s without output" % (now - t0, now - quiet_since)
                proc.kill()
                proc.wait()
    secs = time.monotonic() - t0
    with open(path, "rb") as f:
        contended = watch.contended_rows(f.read().decode("latin-1"))
    log("%-28s %6.1f s  status %s%s%s" % (
        label, secs, proc.returncode, ", " + reason if reason else "",
        ", rows the host slowed: " + contended_text(contended) if contended else ""))
    b = Boot(label, path, proc.returncode, secs, reason)
    b.contended = contended
    return b


def contended_text(contended):
    """{"getpid": 0.48} as "getpid (vCPU waited 48%)"."""
    return ", ".join("%s (vCPU waited %.0f%%)" % (r, 100 * w) for r, w in contended.items())


def cpu_seconds(pid):
    """The CPU time (user and system) all threads of process @pid have had
    so far, in seconds, from /proc/PID/task/*/schedstat (ns, unlike the
    10 ms ticks of /proc/PID/stat); None once the process is gone."""
    total = 0
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e9


class Console:
    """A QEMU run whose serial console is on pipes, so that the host can type
    on the guest's shell; what it prints is copied to build/bench/logs/LABEL.log."""

    def __init__(self, label, cmd, console=("-serial", "stdio")):
        self.path = os.path.join(LOGS, label + ".log")
        self.log = open(self.path, "wb")
        self.text, self.decoder = "", codecs.getincrementaldecoder("utf-8")("replace")
        # (len(text) after a read, host seconds since t0, QEMU's CPU seconds then)
        self.arrived = []
        self.cpu_total = None	# QEMU's CPU seconds over its whole run, once it has exited
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd + list(console), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if console == bench_boot.CONSOLE_WITH_DEBUGCON:
            self.proc.stdin.write(bench_boot.CONSOLE_WITH_DEBUGCON_FIRST_INPUT)
            self.proc.stdin.flush()

    def read(self, timeout):
        """Take in what the console prints within timeout seconds; False once QEMU is gone."""
        ready, _, _ = select.select([self.proc.stdout], [], [], max(timeout, 0))
        if not ready:
            return True
        data = os.read(self.proc.stdout.fileno(), 65536)
        now, cpu = time.monotonic() - self.t0, cpu_seconds(self.proc.pid)
        if cpu is not None and self.arrived and (self.arrived[-1][2] or 0) > cpu:
            cpu = None	# QEMU is exiting: its threads' times are leaving /proc
        self.log.write(data)
        self.text += self.decoder.decode(data).replace("\r", "")
        self.arrived.append((len(self.text), now, cpu))
        return bool(data)

    def time_at(self, pos):
        """Host seconds from QEMU's start to the arrival of character pos."""
        return next(t for n, t, _ in self.arrived if n > pos)

    def cpu_at(self, pos):
        """QEMU's CPU seconds when character pos arrived (the host's clock
        counts the time other processes had the CPU too: this one does not)."""
        return next(c for n, _, c in self.arrived if n > pos)

    def wait_for(self, regex, pos, limit):
        """The first match of regex after pos in the console, waiting up to
        limit seconds for it; None if it did not come."""
        deadline = time.monotonic() + limit
        while True:
            found = regex.search(self.text, pos)
            if found or time.monotonic() > deadline or not self.read(deadline - time.monotonic()):
                return found

    def type(self, line):
        """Type line and Enter, which a terminal sends as CR (the tty makes it NL)."""
        try:
            self.proc.stdin.write(line.encode() + b"\r")
            self.proc.stdin.flush()
        except OSError:
            pass	# QEMU is gone: finish() says so

    def finish(self, limit):
        """Wait up to limit seconds for QEMU to exit, then kill it; its exit
        status, and why it was stopped (or None)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self.read(deadline - time.monotonic()):
            pass
        reason = None
        if not self.reap(max(deadline - time.monotonic(), 0)):
            reason = "still running %d s after the last step" % limit
            self.proc.kill()
            self.reap(None)
        while self.read(1):	# the rest of the console, up to QEMU's end
            pass
        self.log.close()
        try:
            self.proc.stdin.close()
        except OSError:
            pass	# what was typed after QEMU's end could not be flushed
        self.proc.stdout.close()
        return self.proc.returncode, reason


    def reap(self, timeout):
        """Waits up to @timeout seconds (None: for as long as it takes) for
        QEMU's exit, keeping its CPU time in cpu_total; whether it exited."""
        end = None if timeout is None else time.monotonic() + timeout
        while self.proc.returncode is None:
            pid, status, usage = os.wait4(self.proc.pid, 0 if end is None else os.WNOHANG)
            if pid:
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                self.cpu_total = usage.ru_utime + usage.ru_stime
            elif time.monotonic() >= end:
                return False
            else:
                time.sleep(0.05)
        return True


def qmp_icount(path, limit=10):
    """How many instructions the guest has executed (QMP query-replay, which
    needs -icount), asked on QEMU's QMP socket at path; None if it fails."""
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(limit)
            sock.connect(path)
            f = sock.makefile("rw")
            f.readline()	# the greeting
            for command in ("qmp_capabilities", "query-replay"):
                f.write(json.dumps({"execute": command}) + "\n")
                f.flush()
                reply = {}
                while "return" not in reply and "error" not in reply:	# skip events
                    reply = json.loads(f.readline())
            return reply["return"]["icount"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        log("QMP query-replay: %s" % e)
        return None


def prompt_cpu(con, pos):
    """QEMU's CPU seconds when the prompt at @pos arrived; for a kernel that
    ends QEMU as it prints it (the floor's), QEMU's whole CPU time, which
    /proc could no longer tell; None if neither is known."""
    cpu = con.cpu_at(pos)
    if cpu is None and con.arrived[-1][1] - con.time_at(pos) < 0.5:
        cpu = con.cpu_total
    return cpu


def run_prompt(label, cmd, det, console=("-serial", "stdio")):
    """Boot cmd to the shell prompt and power it off; a Boot whose times
    hold prompt_host (host seconds from QEMU's start to the prompt), the
    steps of bench_boot.split() as split_STEP, the same on QEMU's CPU time
    as cpu_STEP, the host's load average (1 min) as load, and, in det mode,
    prompt_insns (instructions executed by then, in seconds at one ns each)
    and prompt_uptime (the first number of `cat /proc/uptime` typed at the
    prompt).  @console: QEMU's options for the serial console."""
    qmp = os.path.join(tempfile.gettempdir(), "bench-qmp-%d.sock" % os.getpid())
    if det:
        cmd = cmd + ["-qmp", "unix:%s,server=on,wait=off" % qmp]
    con = Console(label, cmd, console)
    times, reason = {}, None
    prompt = con.wait_for(PROMPT_RE, 0, PROMPT_LIMIT)
    if prompt:
        times["prompt_host"] = con.time_at(prompt.start())
        times["load"] = os.getloadavg()[0]
        times.update(("split_" + k, v) for k, v in
                     bench_boot.split(con.text, con.time_at, times["prompt_host"]).items())
        if det:
            insns = qmp_icount(qmp)
            if insns is not None:
                times["prompt_insns"] = insns / 1e9
            con.type("cat /proc/uptime")
            uptime = con.wait_for(UPTIME_RE, prompt.end(), 30)
            if uptime:
                times["prompt_uptime"] = float(uptime.group(1))
        con.type("poweroff")
    elif not con.reap(0):
        reason = "no shell prompt within %d s" % PROMPT_LIMIT
    rc, stopped = con.finish(POWEROFF_LIMIT if prompt else 0)
    cpu = prompt and prompt_cpu(con, prompt.start())
    if cpu:
        times.update(("cpu_" + k, v) for k, v in
                     bench_boot.split(con.text, con.cpu_at, cpu).items())
    if det and os.path.exists(qmp):
        os.unlink(qmp)
    secs = time.monotonic() - con.t0
    log("%-28s %6.1f s  status %s%s" % (label, secs, rc, ", " + (reason or stopped)
                                         if reason or stopped else ""))
    b = Boot(label, con.path, rc, secs, reason or stopped, shell=True)
    b.times.update(times)
    return b


def parse_rows(text):
    """{name: fields} from the BENCH lines, in order of appearance."""
    rows = {}
    for m in BENCH_RE.finditer(text):
        rows[m.group(1)] = dict(f.split("=", 1) for f in m.group(2).split())
    return rows


def parse_boot_times(text):
    """Guest seconds since power-on at start_kernel and at running init.

    Both kernels stamp printk lines; Matryoshka's clock counts from power-on,
    Linux's from when it set up its clock, after the firmware and the kernel's
    decompression.  Linux's /init (tools/bench_init.c) reads the TSC, which
    counts from power-on, so the difference between it and the stamp of
    "Run /init" places Linux's stamps on the power-on scale (to within the
    exec of /init, well under a ms)."""
    times = {}
    for key, regex in (("start_kernel", START_RE), ("init", INIT_RE)):
        m = regex.search(text)
        if m:
            times[key] = float(m.group(1))
    entered = ENTERED_RE.search(text)
    if entered and not times.get("start_kernel"):	# stamped before its clock ran
        times["start_kernel"] = int(entered.group(1)) / 1e6
    tsc, mhz = TSC_RE.search(text), TSC_MHZ_RE.findall(text)
    offset = 0.0
    if tsc and mhz and "init" in times:
        offset = int(tsc.group(1)) / (float(mhz[-1]) * 1e6) - times["init"]
        times["init_printk"] = times["init"]
    for key in ("start_kernel", "init"):
        if key in times:
            times[key] += offset
    return times


SHELL_KINDS = ("prompt", "iso", "floor", "kfloor")	# boots to the shell prompt (run_prompt)
WALL_ONLY = ("iso", "floor", "kfloor")	# booted in wall mode only (their figures are host time)
KINDS = ("linux", "matryoshka", "kbench") + SHELL_KINDS


class Plan:
    """What to boot: the QEMU command of each kind, or why it cannot run."""

    def __init__(self, args, programs, keep):
        self.args, self.keep = args, keep
        self.cmds, self.missing = {}, {}
        self.consoles = {}	# QEMU's console options of a kind, when not -serial stdio
        self.vmlinuz = None
        only = args.only_program or "all"
        if args.only_kbench is None and args.only != BOOTS_ONLY:
            self.add_linux(programs, "runbench=" + only)
            self.add_matryoshka("matryoshka", "runbench=" + only)
        if args.only_program is None and args.only != BOOTS_ONLY:
            self.add_matryoshka("kbench", "kbench=" + (args.only_kbench or "all"))
        if args.only in (None, BOOTS_ONLY):
            self.add_matryoshka("prompt", "", SYSTEM_INITRD)
            self.add_iso()
            self.add_floor()
            self.add_kernel_floor()

    def add_linux(self, programs, cmdline):
        """Linux with an initramfs of the bench programs and tools/bench_init.c."""
        self.vmlinuz = find_vmlinuz()
        if not self.vmlinuz:
            self.missing["linux"] = "no readable /boot/vmlinuz-* (apt-get install linux-image-amd64)"
            return
        initrd = linux_initramfs(programs)
        self.cmds["linux"] = lambda icount: qemu_command(
            kernel=self.vmlinuz, initrd=initrd, cmdline=LINUX_CMDLINE + " " + cmdline,
            accel=self.args.accel, icount=icount)

    def add_matryoshka(self, kind, cmdline, initrd=INITRD):
        """Matryoshka's kernel and @initrd with this command line."""
        if not os.path.exists(KERNEL) or not os.path.exists(initrd):
            self.missing[kind] = "build/matryoshka.elf or build/%s not built (make all)" % (
                os.path.basename(initrd))
            return
        cmdline = " ".join(w for w in (self.args.cmdline, cmdline) if w)
        self.cmds[kind] = lambda icount: qemu_command(
            kernel=KERNEL, initrd=initrd, cmdline=cmdline, accel=self.args.accel, icount=icount)

    def add_iso(self):
        """The GRUB ISO as `make run` boots it, if it was built to stop at the shell."""
        baked = open(ISO_CMDLINE).read().strip() if os.path.exists(ISO_CMDLINE) else ""
        if not os.path.exists(ISO) or os.path.getmtime(ISO) < os.path.getmtime(KERNEL):
            self.missing["iso"] = "build/matryoshka.iso missing or older than the kernel (make all)"
        elif baked:
            self.missing["iso"] = "build/matryoshka.iso was made with CMDLINE=%s" % baked
        else:
            self.cmds["iso"] = lambda icount: qemu_command(
                iso=ISO, accel=self.args.accel, icount=icount)
            self.consoles["iso"] = bench_boot.CONSOLE_WITH_DEBUGCON

    def add_floor(self):
        """GRUB's path to a kernel that only prints the prompt (tools/boot_floor.S)."""
        iso = bench_boot.build_floor()
        if not iso:
            self.missing["floor"] = "tools/boot_floor.S's ISO could not be made (see above)"
            return
        self.cmds["floor"] = lambda icount: qemu_command(
            iso=iso, accel=self.args.accel, icount=icount)
        self.consoles["floor"] = bench_boot.CONSOLE_WITH_DEBUGCON

    def add_kernel_floor(self):
        """The same kernel through `-kernel` (qboot), with the prompt boot's initramfs."""
        if not bench_boot.build_floor() or not os.path.exists(SYSTEM_INITRD):
            self.missing["kfloor"] = "the floor kernel or build/%s is missing" % (
                os.path.basename(SYSTEM_INITRD))
            return
        self.cmds["kfloor"] = lambda icount: qemu_command(
            kernel=bench_boot.FLOOR_ELF, initrd=SYSTEM_INITRD, accel=self.args.accel,
            icount=icount)


def run_mode(plan, mode):
    """Boot each kind (det: once; wall: --boots times, interleaved); {kind: [Boot]}."""
    icount = 0 if mode == "det" else None
    rounds = 1 if mode == "det" else plan.args.boots
    kinds = [k for k in plan.cmds if mode == "wall" or k not in WALL_ONLY]
    boots = {kind: [] for kind in kinds}
    for r in range(rounds):
        # Alternate which kernel goes first, so a drift in host speed is shared.
        for kind in (kinds if r % 2 == 0 else kinds[::-1]):
            if r > 0 and not boots[kind][0].gave():
                continue	# it failed the first time
            label = "%s-%s-%d" % (mode, kind, r + 1)
            boots[kind].append(boot(plan, kind, label, icount))
    return boots


def boot(plan, kind, label, icount, tries=3):
    """One boot, run again (up to tries in all) while another process on the
    host kills QEMU, or, in wall mode, while the host took the CPU from
    QEMU's vCPU as a row was measured (bench_hostwait); of the contended
    tries, the one with the fewest such rows is kept."""
    cmd = plan.cmds[kind](icount)
    best = None
    for _ in range(tries):
        if kind in SHELL_KINDS:
            b = run_prompt(label, cmd, icount is not None,
                           plan.consoles.get(kind, ("-serial", "stdio")))
        else:
            b = run_qemu(label, cmd, plan.args.timeout, plan.args.silence)
        if b.killed():
            log("%s: %s" % (label, b.killed()))
            continue
        if best is None or len(b.contended) < len(best.contended):
            best = b
        if icount is not None or not b.contended:
            break
    return best or b


# ---- reporting -----------------------------------------------------------

def median_rows(boots):
    """{row: ns per op (median over boots) or an error string}, and the
    largest (max - min) / median over the rows measured more than once, with
    its row: (spread, row), or (0.0, None)."""
    values, errors, spread = {}, {}, (0.0, None)
    for b in boots:
        for name, f in b.rows.items():
            if "ns_per_op" in f:
                values.setdefault(name, []).append(float(f["ns_per_op"]))
            else:
                errors[name] = "error " + f.get("error", "?")
    out = dict(errors)
    for name, v in values.items():
        out[name] = statistics.median(v)
        if len(v) > 1:
            spread = max(spread, ((max(v) - min(v)) / out[name], name))
    return out, spread


def median_times(boots):
    """{key: median over boots} of the boots' times (seconds)."""
    keys = {k for b in boots for k in b.times}
    return {k: statistics.median(b.times[k] for b in boots if k in b.times) for k in keys}


def fmt_ns(v):
    """A figure with thousands separators and one decimal, or an error string as it is."""
    return "%s" % v if isinstance(v, str) else "{:,.1f}".format(v)


def ratio(linux, mine):
    """Linux's figure over Matryoshka's, or n/a when either is missing."""
    ok = isinstance(linux, float) and isinstance(mine, float) and mine > 0
    return "%.2f" % (linux / mine) if ok else "n/a"


def ordered(names):
    """Row names in table order: the known rows first, then the others as they came."""
    known = [n for n in ROW_ORDER if n in names]
    return known + [n for n in names if n not in ROW_ORDER]


def bench_table(res, kernel_rows, keep):
    """The benchmark table: both kernels' ns/op per row, then the in-kernel rows."""
    lines = ["| benchmark | Matryoshka ns/op | Linux ns/op | Linux/Matryoshka |",
             "|---|---:|---:|---:|"]
    names = ordered(list(dict.fromkeys(ROW_ORDER + list(res["linux"]) + list(res["matryoshka"]))))
    for n in names:
        if (keep and n not in keep) or bench_scale.is_scale_row(n):
            continue	# the scaling rows have their own table
        m, lx = res["matryoshka"].get(n, "n/a"), res["linux"].get(n, "n/a")
        lines.append("| %s | %s | %s | %s |" % (n, fmt_ns(m), fmt_ns(lx), ratio(lx, m)))
    for n, v in kernel_rows.items():
        lines.append("| %s (in-kernel) | %s | n/a | n/a |" % (n, fmt_ns(v)))
    return lines if len(lines) > 2 else []


# The boot table's rows: label, Matryoshka's key, Linux's key in the times
# of section() (seconds), and the unit shown.  A row none of whose keys
# were measured is left out.
BOOT_ROWS = [
    ("start_kernel: printk stamp of `Kernel command line:`, guest ms since power-on",
     "start_kernel", "start_kernel", "ms"),
    ("initcalls done: printk stamp of `Run ... as init process`, guest ms since power-on",
     "init", "init", "ms"),
    ("the same, on Linux's printk clock (from after firmware and decompression)",
     "init", "init_printk", "ms"),
    ("shell prompt: instructions executed from power-on to the prompt "
     "(QEMU's icount; ms at one instruction a ns)", "prompt_insns", None, "ms"),
    ("shell prompt: first number of `cat /proc/uptime` typed at it "
     "(guest s since power-on, hundredths, rounded down)", "prompt_uptime", None, "s"),
    ("shell prompt: host ms from QEMU's start (qboot, `-kernel`)", "prompt_host", None, "ms"),
    ("shell prompt through GRUB (`build/matryoshka.iso` as a CD, SeaBIOS): host ms from "
     "QEMU's start", "iso_prompt_host", None, "ms"),
    ("the same with a kernel that only prints the prompt (`tools/boot_floor.S`): the floor",
     "floor_prompt_host", None, "ms"),
    ("the floor through `-kernel` (qboot), with the prompt boot's initramfs",
     "kfloor_prompt_host", None, "ms"),
]
# The prompt boots' keys that each mode's table shows (a det boot's host
# time says how slow -icount is, not how fast the kernel boots).
PROMPT_KEYS = {"det": ("prompt_insns", "prompt_uptime"), "wall": ("prompt_host",)}


def boot_split(times):
    """The split of the boots to the prompt (bench_boot), with its lead-in."""
    splits, cpus, loads = {}, {}, []
    for kind, label in (("floor", "GRUB, floor kernel"), ("iso", "GRUB (`make run`)"),
                        ("kfloor", "`-kernel`, floor kernel"), ("prompt", "`-kernel`, qboot")):
        splits[label] = {k[len("split_"):]: v for k, v in times[kind].items()
                         if k.startswith("split_")}
        cpus[label] = {k[len("cpu_"):]: v for k, v in times[kind].items()
                       if k.startswith("cpu_")}
        loads += ["%.1f (%s)" % (times[kind]["load"], label)] if "load" in times[kind] else []
    lines = bench_boot.table(splits, cpus, fmt_ns)
    if not lines:
        return []
    return ["Where the boots to the shell prompt spend their time (`tools/bench_boot.py` "
            "says how each step is timed): host ms, then QEMU's own CPU ms (all its "
            "threads), medians of the boots; the host's load average (1 min) at the "
            "prompts, median: %s." % ", ".join(loads), ""] + lines + [""]


def boot_table(times):
    """The boot table: how long each kernel took to reach each point."""
    mt, lt = times["matryoshka"], times["linux"]

    def cell(t, key, unit):
        if key not in t:
            return "n/a"
        return fmt_ns(t[key] * 1e3) if unit == "ms" else "%.2f" % t[key]
    lines = ["| boot | Matryoshka | Linux | Linux/Matryoshka |", "|---|---:|---:|---:|"]
    for label, mkey, lkey, unit in BOOT_ROWS:
        if mkey not in mt and lkey not in lt:
            continue
        lines.append("| %s | %s | %s | %s |" % (label, cell(mt, mkey, unit), cell(lt, lkey, unit),
                                                ratio(lt.get(lkey), mt.get(mkey))))
    if any(k.startswith(("prompt", "iso")) for k in mt):
        lines += ["", "Linux has no shell-prompt rows: its bench initramfs has no shell "
                  "(`/init` is `tools/bench_init.c`)."]
    return lines


DEPTHS = (1, 8, 32)	# the fork_depthN rows of bench/pidns_depth.c


def depth_slope(rows):
    """The least-squares slope of fork cost (ns/op) over pid-namespace depth
    (ns per level) from the fork_depthN rows; None unless all were measured."""
    points = [(d, rows.get("fork_depth%d" % d)) for d in DEPTHS]
    if not all(isinstance(v, float) for _, v in points):
        return None
    mean_d = sum(d for d, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    return (sum((d - mean_d) * (v - mean_v) for d, v in points) /
            sum((d - mean_d) ** 2 for d, _ in points))


def slope_line(res):
    """The sentence giving both kernels' fork cost per pid-namespace level,
    with the slope of each segment, which shows how straight the line is."""
    def text(rows):
        slope = depth_slope(rows)
        if slope is None:
            return "n/a"
        points = [(d, rows["fork_depth%d" % d]) for d in DEPTHS]
        segments = ["%d to %d: %s" % (d0, d1, fmt_ns((v1 - v0) / (d1 - d0)))
                    for (d0, v0), (d1, v1) in zip(points, points[1:])]
        return "%s ns per level (segments, ns per level: %s)" % (fmt_ns(slope), "; ".join(segments))
    if depth_slope(res["matryoshka"]) is None and depth_slope(res["linux"]) is None:
        return []
    return ["Fork cost over pid-namespace depth, least-squares slope over `fork_depth1`, "
            "`fork_depth8` and `fork_depth32`: Matryoshka %s; Linux %s."
            % (text(res["matryoshka"]), text(res["linux"])), ""]


def reference_table(linux, linux_times, keep):
    """Linux here against DESIGN.md's figures, which were taken the same way."""
    lines = ["| benchmark | Linux here | contract's reference | here/reference |",
             "|---|---:|---:|---:|"]
    for n, ref in REFERENCE.items():
        if keep and n not in keep:
            continue
        v = linux.get(n, "n/a")
        cmp = "%.2f" % (v / ref) if isinstance(v, float) else "n/a"
        lines.append("| %s | %s | {:,} | %s |".format(ref) % (n, fmt_ns(v), cmp))
    boot = linux_times.get("init_printk")
    lines.append("| boot to /init, printk clock (s) | %s | %.2f | %s |" % (
        "%.3f" % boot if boot else "n/a", REFERENCE_BOOT,
        "%.2f" % (boot / REFERENCE_BOOT) if boot else "n/a"))
    return lines


def extra_notes(name, boots):
    """Fields beyond iters and ns_per_op, from the first boot (the scaling
    rows' are bench_scale's notes)."""
    notes = []
    for row, f in (boots[0].rows.items() if boots else ()):
        if bench_scale.is_scale_row(row):
            continue
        extra = ["%s=%s" % kv for kv in f.items() if kv[0] not in ("iters", "ns_per_op", "error")]
        if extra:
            notes.append("%s %s: %s." % (name, row, ", ".join(extra)))
    return notes


def mode_notes(plan, mode, boots):
    """Why a kind of boot gave nothing, and the extra fields of the rows."""
    notes = []
    for kind in KINDS:
        if kind in WALL_ONLY and mode != "wall":
            continue	# not a boot of this mode
        if kind in plan.missing:
            notes.append("%s: not run: %s." % (kind, plan.missing[kind]))
        elif boots.get(kind) and boots[kind][0].note():
            notes.append("%s boot %s." % (kind, boots[kind][0].note()))
    if mode == "wall":
        notes += ["%s, rows measured while the host (or its hypervisor) kept QEMU's vCPU from a CPU "
                  "(three boots tried): %s." % (b.label, contended_text(b.contended))
                  for kind in ("linux", "matryoshka", "kbench")
                  for b in boots.get(kind, []) if b.contended]
    return notes + extra_notes("Linux", boots.get("linux")) + \
        extra_notes("Matryoshka", boots.get("matryoshka"))


def spread_text(spread):
    """(0.42, "getpid") as "42% (getpid)"."""
    return "%.0f%%%s" % (100 * spread[0], " (%s)" % spread[1] if spread[1] else "")


def intro(plan, mode, spread, command):
    """A mode's heading and how it was measured."""
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if mode == "det":
        title = "### Deterministic: TCG with `-icount shift=0` (primary)"
        how = ("One guest instruction counts as one ns of guest time, so these figures "
               "count instructions (path length) and repeat to about 1% (Linux's "
               "`fork_depth32` less well: 5% seen). One boot per kernel.")
    else:
        title = "### Wall clock: plain TCG (secondary)"
        how = ("Guest time is host time under TCG emulation, so these figures move with "
               "the host's load (load average %.1f at the end). %d boots per kernel, "
               "interleaved; medians. Largest (max-min)/median of a row: Linux %s, "
               "Matryoshka %s. A pause of the guest (or of QEMU) lengthens one run; the "
               "fastest of a row's three runs and the median of the boots leave it "
               "out. A boot during which the host made QEMU's vCPU thread wait for a "
               "CPU, or its hypervisor stole that CPU, for over %.0f%% of a row's time (`tools/bench_hostwait.py`) is run "
               "again, up to three times." % (
                   os.getloadavg()[0], plan.args.boots,
                   spread_text(spread["linux"]), spread_text(spread["matryoshka"]),
                   100 * bench_hostwait.WAIT_LIMIT))
    return [SECTION % mode, title, "", "Measured %s with `%s` (accelerator: %s). %s"
            % (date, command, plan.args.accel, how), ""]


def section(plan, mode, boots, command):
    """The markdown of one mode's results."""
    res, spread, times = {}, {}, {}
    for kind in KINDS:
        res[kind], spread[kind] = median_rows(boots.get(kind, []))
        times[kind] = median_times(boots.get(kind, []))
    times["matryoshka"] = times["matryoshka"] or times["kbench"]	# the same boot path
    times["matryoshka"].update((k, v) for k, v in times["prompt"].items()
                               if k in PROMPT_KEYS[mode])
    for kind in WALL_ONLY:
        if "prompt_host" in times[kind]:
            times["matryoshka"][kind + "_prompt_host"] = times[kind]["prompt_host"]
    keep = plan.keep or (set(res["linux"]) | set(res["matryoshka"]) if plan.args.only else None)
    out = intro(plan, mode, spread, command)
    if plan.args.only != BOOTS_ONLY:
        out += bench_table(res, res["kbench"], keep) + [""] + slope_line(res)
    out += bench_scale.section(res, [("Matryoshka", boots.get("matryoshka")),
                                     ("Linux", boots.get("linux"))], fmt_ns, keep)
    out += boot_table(times) + [""]
    if mode == "wall":
        out += boot_split(times)
    if mode == "det" and boots.get("linux"):
        out += ["Linux here against the contract's reference figures (DESIGN.md: Linux 6.1, "
                "QEMU 7.2, the same mode):", ""]
        out += reference_table(res["linux"], times["linux"], keep) + [""]
    out += ["- " + n for n in mode_notes(plan, mode, boots)]
    return "\n".join(out).rstrip() + "\n"


def qemu_version():
    """The first line of qemu-system-x86_64 --version."""
    out = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True, text=True)
    return out.stdout.splitlines()[0] if out.stdout else "unknown"


def cpu_model():
    """The host CPU's model name from /proc/cpuinfo."""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def linux_version(vmlinuz):
    """The release of the Linux image and its Debian package version."""
    release = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    pkg = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "linux-image-" + release],
                         capture_output=True, text=True).stdout
    return "`%s`%s" % (release, " (Debian package %s)" % pkg if pkg else "")


def git_version():
    """git describe of the tree measured (-dirty with uncommitted changes)."""
    out = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "no commit yet"


def header(plan):
    """What was compared, on what: the part of the page common to both modes."""
    linux = linux_version(plan.vmlinuz) if plan.vmlinuz else "kernel (no /boot/vmlinuz-* found)"
    firmware = "qboot" if os.path.exists(QBOOT) else "SeaBIOS"
    return "\n".join([
        "## Matryoshka against Linux: `make bench`", "",
        "Written by `tools/bench.py`. The same `bench/*.c` programs run on both kernels, "
        "booted one after the other in the same QEMU. A row's loop doubles its iteration "
        "count until one run lasts 100 ms of guest time (`CLOCK_MONOTONIC`), runs that "
        "count twice more, and the fastest of the three gives the figure (`bench/bench.h`: "
        "a pause can only lengthen a run; if the fastest is under 50 ms, the doubling "
        "goes on). Ratio = Linux ns/op / Matryoshka ns/op: above 1, Matryoshka is "
        "faster.", "",
        "- Machine: %s, %d cores (host `/proc/cpuinfo`)" % (cpu_model(), os.cpu_count()),
        "- QEMU: %s" % qemu_version(),
        "- Guest: `-machine pc -cpu max -smp 1 -m 512M`, %s firmware, `-kernel` boot, "
        "serial console" % firmware,
        "- Linux: Debian's %s, command line `%s runbench=all`; `/init` is "
        "`tools/bench_init.c`, which lifts Linux's RAM-sized caps on tasks and namespaces "
        "(see its comment)" % (linux, LINUX_CMDLINE),
        "- Matryoshka: git %s, command lines `runbench=all` (user-space rows), "
        "`kbench=all` (in-kernel rows) and none (shell-prompt rows)" % git_version(), "",
        "Rows:", ""] + ["- `%s`: %s" % kv for kv in ROWS.items()] + [""] + TABLES)


# What each mode's section holds (header() puts it on the page).
TABLES = [
    "Each mode's section holds:", "",
    "- the benchmark table: each row's ns per operation on each kernel, and their ratio; "
    "the in-kernel rows (`kbench=`) have no Linux counterpart;",
    "- the slope of fork cost over pid-namespace depth: the least-squares line through "
    "`fork_depth1`, `fork_depth8` and `fork_depth32`, in ns per level (a fork at depth d "
    "allocates, and its reap frees, d + 1 pid numbers);",
    "- the scaling table: the `_N` rows (`bench/scale_pid.c`, `bench/scale_ipc.c`) at N = "
    "10, 1,000 and 10,000 objects alive, on each kernel, with the growth from 10 to 10,000 "
    "(the processes are made once and added to between the counts; the IPC objects of a "
    "kind likewise, removed before the next kind), and what a process costs in memory;",
    "- the boot table: when each kernel reached each point of its boot. The printk rows: "
    "Matryoshka's printk clock is the TSC, which QEMU starts at 0 at power-on; Linux's "
    "starts after the firmware and the kernel's decompression, so its `/init` reads the "
    "TSC to put Linux's stamps on the power-on scale. The shell-prompt rows (Matryoshka "
    "only) come from a boot with an empty command line, which ends at the shell's `# ` on "
    "the serial console. In det mode: the instructions QEMU has executed when the prompt "
    "appears (QMP `query-replay`; time the CPU idles is not in it), and the first number "
    "of `/proc/uptime` typed at the prompt (Matryoshka's `CLOCK_MONOTONIC`, the TSC since "
    "power-on, in hundredths rounded down; it also counts the run of `cat` and the host's "
    "delay in typing, during which the idle guest's clock follows the host's, as "
    "`-icount` does by default). In wall mode: host time from QEMU's start (its own "
    "start-up included) to the prompt, the median of the boots, and once through GRUB from "
    "`build/matryoshka.iso` as `make run` boots it (SeaBIOS, GRUB's timeout 0);",
    "- in det mode, Linux here against the design contract's reference figures.", ""]


def write_doc(text_by_mode, plan):
    """Replace the bench block of docs/benchmarks.md, keeping the sections of
    modes not run this time and everything outside the markers."""
    old = open(DOC).read() if os.path.exists(DOC) else "# Benchmarks\n"
    before, _, rest = old.partition(BEGIN)
    block, _, after = rest.partition(END) if rest else ("", "", "")
    if not rest:
        before, after = old.rstrip("\n") + "\n\n", "\n"
    sections = []
    for mode in ("det", "wall"):
        if mode in text_by_mode:
            sections.append(text_by_mode[mode])
        elif SECTION % mode in block:
            kept = block.split(SECTION % mode, 1)[1].split("<!-- bench:mode=", 1)[0]
            sections.append(SECTION % mode + kept.rstrip() + "\n")
    os.makedirs(os.path.dirname(DOC), exist_ok=True)
    with open(DOC, "w") as f:
        f.write(before + BEGIN + "\n" + header(plan) + "\n" + "\n".join(sections) + END + after)


# ---- main ----------------------------------------------------------------

BOOTS_ONLY = "boot"	# --only boot: the boots to the shell prompt and nothing else


def resolve_only(name, programs):
    """--only NAME: (program, rows to keep, in-kernel benchmark)."""
    if name in (None, BOOTS_ONLY):
        return None, None, None
    if name in programs:
        return name, None, None
    stem = name.rstrip("0123456789")
    for prog in programs:
        with open(os.path.join(ROOT, "bench", prog + ".c")) as f:
            src = f.read()
        if '"%s"' % name in src or (stem != name and '"%s%%d"' % stem in src):
            return prog, {name}, None
    return None, None, name	# not a program's: an in-kernel benchmark


def main():
    """Build, boot each kind in each mode, print the tables and write the page."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--mode", default="both", choices=("det", "wall", "both"))
    ap.add_argument("--only", metavar="NAME", help="one bench/NAME program, or one row; "
                    "'boot': only the boots to the shell prompt")
    ap.add_argument("--boots", type=int, default=3, help="wall-clock boots per kernel (>= 3)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per boot at most")
    ap.add_argument("--cmdline", default="", metavar="WORDS",
                    help="added to every Matryoshka command line (e.g. the debug checks, "
                    "'slub_debug page_poison=1'); the page is then left alone")
    ap.add_argument("--silence", type=float, default=120,
                    help="stop a boot after this many seconds without serial output")
    args = ap.parse_args()
    os.makedirs(LOGS, exist_ok=True)
    os.makedirs(LINUX_DIR, exist_ok=True)
    programs = build_programs()
    args.only_program, keep, args.only_kbench = resolve_only(args.only, programs)
    plan = Plan(args, programs, keep)
    modes = ["det", "wall"] if args.mode == "both" else [args.mode]
    if args.accel == "kvm" and "det" in modes:
        log("-icount needs TCG: no deterministic mode under KVM")
        modes.remove("det")
    command = " ".join(["python3", "tools/bench.py"] + sys.argv[1:])
    texts = {}
    for mode in modes:
        boots = run_mode(plan, mode)
        text = section(plan, mode, boots, command)
        print(text)
        if any(b.rows for bl in boots.values() for b in bl):
            texts[mode] = text
        else:
            log("%s: no boot printed a BENCH line: its part of the page is kept" % mode)
    if args.only or args.cmdline:
        log("--only or --cmdline: docs/benchmarks.md left as it was")
    elif texts:
        write_doc(texts, plan)
        log("wrote " + os.path.relpath(DOC, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
