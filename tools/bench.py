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
Every program prints "BENCH name=N iters=I ns_per_op=X" (or "error=E") per
row.  Two modes:
  det   TCG with -icount shift=0: one guest instruction is one guest ns, so
        the figures repeat and count path length.  One boot each.  Primary.
  wall  plain TCG, the kernels' boots interleaved, the median of --boots.
Serial logs go to build/bench/logs/; the tables go between the markers
<!-- bench:begin --> and <!-- bench:end --> of docs/benchmarks.md (the rest
of that page is left alone), and to stdout.  --only NAME runs one bench/NAME
program, or the program of row NAME, or else in-kernel benchmark NAME, and
writes to stdout only."""
import argparse
import datetime
import glob
import os
import re
import stat
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import qemu_command, EXIT_POWEROFF, EXIT_PANIC, QBOOT  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
BENCH_BINS = os.path.join(BUILD, "bench")
LOGS = os.path.join(BENCH_BINS, "logs")	 # a directory: mkinitramfs packs files only
LINUX_DIR = os.path.join(BUILD, "bench-linux")	# not under build/bench: not packed
KERNEL = os.path.join(BUILD, "matryoshka.elf")
INITRD = os.path.join(BUILD, "initramfs.cpio")
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
    "kill0_10000": "kill(random pid, 0) among 10,000 live processes",
}
ROW_ORDER = list(ROWS)
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
TSC_MHZ_RE = re.compile(r"tsc: (?:Refined TSC clocksource calibration|Detected)"
                        r"[^\n]*?(\d+\.\d+) MHz")


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


# ---- building ------------------------------------------------------------

def build_programs():
    """make the build/bench/* binaries; their names."""
    names = sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(ROOT, "bench", "*.c")))
    targets = ["build/bench/" + n for n in names]
    subprocess.run(["make", "--no-print-directory", "-s"] + targets, cwd=ROOT, check=True)
    return names


def build_init():
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

    def __init__(self, label, path, rc, seconds, reason):
        self.label, self.path, self.rc, self.seconds = label, path, rc, seconds
        with open(path, encoding="utf-8", errors="replace") as f:
            self.text = f.read().replace("\r", "")
        self.rows = parse_rows(self.text)
        self.times = parse_boot_times(self.text)
        self.reason = reason	# why QEMU was stopped, or None

    def killed(self):
        """QEMU's words when something else on the host killed it, or None."""
        m = re.search(r"qemu-system-x86_64: (terminating on signal[^\n]*)", self.text)
        return m.group(1) if m else None

    def note(self):
        """Why this boot gave no figures, or None when it gave some."""
        if self.rows:
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
        return "printed no BENCH lines (%s); log: `%s`" % (why.replace("`", "'"), rel)


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
        while proc.poll() is None:
            time.sleep(0.5)
            now = time.monotonic()
            if os.path.getsize(path) != size:
                size, quiet_since = os.path.getsize(path), now
            if now - t0 > limit or now - quiet_since > silence:
                reason = "stopped after %d s, %d s without output" % (now - t0, now - quiet_since)
                proc.kill()
                proc.wait()
    secs = time.monotonic() - t0
    log("%-28s %6.1f s  status %s%s" % (label, secs, proc.returncode,
                                         ", " + reason if reason else ""))
    return Boot(label, path, proc.returncode, secs, reason)


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


class Plan:
    """What to boot: the QEMU command of each kind, or why it cannot run."""

    def __init__(self, args, programs, keep):
        self.args, self.keep = args, keep
        self.cmds, self.missing = {}, {}
        self.vmlinuz = None
        only = args.only_program or "all"
        if args.only_kbench is None:
            self.add_linux(programs, "runbench=" + only)
            self.add_matryoshka("matryoshka", "runbench=" + only)
        if args.only_program is None:
            self.add_matryoshka("kbench", "kbench=" + (args.only_kbench or "all"))

    def add_linux(self, programs, cmdline):
        self.vmlinuz = find_vmlinuz()
        if not self.vmlinuz:
            self.missing["linux"] = "no readable /boot/vmlinuz-* (apt-get install linux-image-amd64)"
            return
        initrd = linux_initramfs(programs)
        self.cmds["linux"] = lambda icount: qemu_command(
            kernel=self.vmlinuz, initrd=initrd, cmdline=LINUX_CMDLINE + " " + cmdline,
            accel=self.args.accel, icount=icount)

    def add_matryoshka(self, kind, cmdline):
        if not os.path.exists(KERNEL) or not os.path.exists(INITRD):
            self.missing[kind] = "build/matryoshka.elf or build/initramfs.cpio not built (make all)"
            return
        self.cmds[kind] = lambda icount: qemu_command(
            kernel=KERNEL, initrd=INITRD, cmdline=cmdline, accel=self.args.accel, icount=icount)


def run_mode(plan, mode):
    """Boot each kind (det: once; wall: --boots times, interleaved); {kind: [Boot]}."""
    icount = 0 if mode == "det" else None
    rounds = 1 if mode == "det" else plan.args.boots
    boots = {kind: [] for kind in plan.cmds}
    kinds = list(plan.cmds)
    for r in range(rounds):
        # Alternate which kernel goes first, so a drift in host speed is shared.
        for kind in (kinds if r % 2 == 0 else kinds[::-1]):
            if r > 0 and not boots[kind][0].rows:
                continue	# it printed nothing the first time: no use repeating
            label = "%s-%s-%d" % (mode, kind, r + 1)
            boots[kind].append(boot(plan, kind, label, icount))
    return boots


def boot(plan, kind, label, icount, tries=3):
    """One boot, run again (up to tries in all) while another process on the
    host kills QEMU."""
    args = (plan.cmds[kind](icount), plan.args.timeout, plan.args.silence)
    for _ in range(tries):
        b = run_qemu(label, *args)
        if not b.killed():
            break
        log("%s: %s" % (label, b.killed()))
    return b


# ---- reporting -----------------------------------------------------------

def median_rows(boots):
    """{row: ns per op (median over boots) or an error string}, and the
    largest (max - min) / median over the rows measured more than once."""
    values, errors, spread = {}, {}, 0.0
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
            spread = max(spread, (max(v) - min(v)) / out[name])
    return out, spread


def median_times(boots):
    keys = {k for b in boots for k in b.times}
    return {k: statistics.median(b.times[k] for b in boots if k in b.times) for k in keys}


def fmt_ns(v):
    return "%s" % v if isinstance(v, str) else "{:,.1f}".format(v)


def ratio(linux, mine):
    ok = isinstance(linux, float) and isinstance(mine, float) and mine > 0
    return "%.2f" % (linux / mine) if ok else "n/a"


def ordered(names):
    known = [n for n in ROW_ORDER if n in names]
    return known + [n for n in names if n not in ROW_ORDER]


def bench_table(res, kernel_rows, keep):
    lines = ["| benchmark | Matryoshka ns/op | Linux ns/op | Linux/Matryoshka |",
             "|---|---:|---:|---:|"]
    names = ordered(list(dict.fromkeys(ROW_ORDER + list(res["linux"]) + list(res["matryoshka"]))))
    for n in names:
        if keep and n not in keep:
            continue
        m, lx = res["matryoshka"].get(n, "n/a"), res["linux"].get(n, "n/a")
        lines.append("| %s | %s | %s | %s |" % (n, fmt_ns(m), fmt_ns(lx), ratio(lx, m)))
    for n, v in kernel_rows.items():
        lines.append("| %s (in-kernel) | %s | n/a | n/a |" % (n, fmt_ns(v)))
    return lines


def boot_table(times):
    mt, lt = times["matryoshka"], times["linux"]

    def row(label, mkey, lkey):
        cells = [fmt_ns(t[k] * 1e3) if k in t else "n/a" for t, k in ((mt, mkey), (lt, lkey))]
        return "| %s | %s | %s | %s |" % (label, cells[0], cells[1], ratio(lt.get(lkey), mt.get(mkey)))
    return ["| boot, guest ms since power-on | Matryoshka | Linux | Linux/Matryoshka |",
            "|---|---:|---:|---:|",
            row("start_kernel (printk stamp of `Kernel command line:`)", "start_kernel", "start_kernel"),
            row("initcalls done (printk stamp of `Run ... as init process`)", "init", "init"),
            row("the same, on Linux's printk clock (from after firmware and decompression)",
                "init", "init_printk")]


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
    """Fields beyond iters and ns_per_op (kill0's pids=N), from the first boot."""
    notes = []
    for row, f in (boots[0].rows.items() if boots else ()):
        extra = ["%s=%s" % kv for kv in f.items() if kv[0] not in ("iters", "ns_per_op", "error")]
        if extra:
            notes.append("%s %s: %s." % (name, row, ", ".join(extra)))
    return notes


def mode_notes(plan, boots):
    notes = []
    for kind in ("linux", "matryoshka", "kbench"):
        if kind in plan.missing:
            notes.append("%s: not run: %s." % (kind, plan.missing[kind]))
        elif boots[kind] and boots[kind][0].note():
            notes.append("%s boot %s." % (kind, boots[kind][0].note()))
    return notes + extra_notes("Linux", boots.get("linux")) + \
        extra_notes("Matryoshka", boots.get("matryoshka"))


def intro(plan, mode, spread, command):
    """A mode's heading and how it was measured."""
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if mode == "det":
        title = "### Deterministic: TCG with `-icount shift=0` (primary)"
        how = ("One guest instruction counts as one ns of guest time, so these figures "
               "count instructions (path length) and repeat to about 1%. One boot per kernel.")
    else:
        title = "### Wall clock: plain TCG (secondary)"
        how = ("Guest time is host time under TCG emulation, so these figures move with "
               "the host's load (load average %.1f at the end). %d boots per kernel, "
               "interleaved; medians. Largest (max-min)/median of a row: Linux %.0f%%, "
               "Matryoshka %.0f%%." % (os.getloadavg()[0], plan.args.boots,
                                       100 * spread["linux"], 100 * spread["matryoshka"]))
    return [SECTION % mode, title, "", "Measured %s with `%s` (accelerator: %s). %s"
            % (date, command, plan.args.accel, how), ""]


def section(plan, mode, boots, command):
    """The markdown of one mode's results."""
    res, spread, times = {}, {}, {}
    for kind in ("linux", "matryoshka", "kbench"):
        boots.setdefault(kind, [])
        res[kind], spread[kind] = median_rows(boots[kind])
        times[kind] = median_times(boots[kind])
    times["matryoshka"] = times["matryoshka"] or times["kbench"]	# the same boot path
    keep = plan.keep or (set(res["linux"]) | set(res["matryoshka"]) if plan.args.only else None)
    out = intro(plan, mode, spread, command)
    out += bench_table(res, res["kbench"], keep) + [""] + boot_table(times) + [""]
    if mode == "det" and boots["linux"]:
        out += ["Linux here against the contract's reference figures (DESIGN.md: Linux 6.1, "
                "QEMU 7.2, the same mode):", ""]
        out += reference_table(res["linux"], times["linux"], keep) + [""]
    out += ["- " + n for n in mode_notes(plan, boots)]
    return "\n".join(out).rstrip() + "\n"


def qemu_version():
    out = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True, text=True)
    return out.stdout.splitlines()[0] if out.stdout else "unknown"


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def linux_version(vmlinuz):
    release = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    pkg = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "linux-image-" + release],
                         capture_output=True, text=True).stdout
    return "`%s`%s" % (release, " (Debian package %s)" % pkg if pkg else "")


def git_version():
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
        "booted one after the other in the same QEMU. A row's figure comes from the first "
        "run of its loop to last 100 ms of guest time (`CLOCK_MONOTONIC`; the iteration "
        "count doubles until one does). Ratio = Linux ns/op / Matryoshka ns/op: above 1, "
        "Matryoshka is faster.", "",
        "- Machine: %s, %d cores (host `/proc/cpuinfo`)" % (cpu_model(), os.cpu_count()),
        "- QEMU: %s" % qemu_version(),
        "- Guest: `-machine pc -cpu max -smp 1 -m 512M`, %s firmware, `-kernel` boot, "
        "serial console" % firmware,
        "- Linux: Debian's %s, command line `%s runbench=all`; `/init` is "
        "`tools/bench_init.c`, which lifts Linux's RAM-sized caps on tasks and namespaces "
        "(see its comment)" % (linux, LINUX_CMDLINE),
        "- Matryoshka: git %s, command lines `runbench=all` (user-space rows) and "
        "`kbench=all` (in-kernel rows)" % git_version(), "",
        "Rows:", ""] + ["- `%s`: %s" % kv for kv in ROWS.items()] + [""])


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

def resolve_only(name, programs):
    """--only NAME: (program, rows to keep, in-kernel benchmark)."""
    if name is None:
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
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--mode", default="both", choices=("det", "wall", "both"))
    ap.add_argument("--only", metavar="NAME", help="one bench/NAME program, or one row")
    ap.add_argument("--boots", type=int, default=3, help="wall-clock boots per kernel (>= 3)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per boot at most")
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
    if args.only:
        log("--only: docs/benchmarks.md left as it was")
    elif texts:
        write_doc(texts, plan)
        log("wrote " + os.path.relpath(DOC, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
