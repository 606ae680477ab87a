#!/usr/bin/env python3
"""tools/tbprof.py: where a guest program's kernel path spends its instructions.

QEMU (TCG) can log every translation block (TB) it translates (-d in_asm:
the block's guest instructions) and every one it executes (-d exec, with
nochain so that chained blocks are logged too).  Joining the two gives, for
each kernel function, how many guest instructions ran in it: under
`-icount shift=0`, as in `make bench`'s deterministic mode, those are the
guest's nanoseconds.  A block is charged to the function its first
instruction is in (a block ends at every jump, call and return, so it never
spans two functions unless code falls through into the next one).

  tools/tbprof.py run PROGRAM.c -o OUT.tsv [--kernel ELF]
      Builds the program (musl-gcc -static), packs it as /extra/NAME into a
      throw-away initramfs beside the kernel's own programs, boots
      build/matryoshka.elf under -icount shift=0 with `runtests=extra`
      and counts the kernel's instructions (-dfilter: the kernel's half of
      the address space) between the first and the second sync(2) the
      programs make (tools/prof/prof.h: prof_begin() and prof_end(ops)),
      then divides by the ops the program printed ("tbprof ops=N").  The
      log streams through a pipe: nothing large is written to disk.
  tools/tbprof.py show OUT.tsv [--top N]
      The functions by instructions per op, with calls per op (executions
      of the block at the function's first instruction).
  tools/tbprof.py diff BEFORE.tsv AFTER.tsv [--top N]
      Two profiles (e.g. two kernels: run --kernel OTHER.elf), the functions
      whose cost changed most first.
  tools/tbprof.py callers OUT.tsv FUNCTION
      Who called the function, how often, and the instructions it ran for
      each caller (exact for a function that calls nothing, as memset).
  tools/tbprof.py annotate OUT.tsv FUNCTION
      The function's instructions (objdump), each with how many times per
      op it ran: which branch, which loop.

The whole boot can be profiled too (--whole: no window, ops = 1).  A block
that QEMU stops before it runs ("Stopped execution of TB chain") is taken
back; one it rewinds to recompile it for I/O under -icount is counted in
full (a handful per boot).  More in docs/benchmarks.md, "Profiling".
"""
import argparse
import bisect
import collections
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import qemu_command  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(ROOT, "build", "matryoshka.elf")
KERNEL_RANGE = "0xffffffff80000000..0xffffffffffffffff"	# the kernel's addresses (linker.ld)
MARKER = "__x64_sys_sync"	# sync(2): the window of tools/prof/prof.h's prof_run()
OPS_RE = re.compile(r"tbprof ops=(\d+)")
MUSL_FLAGS = ["-static", "-O2", "-Wall", "-Wextra", "-Werror", "-std=gnu11"]


def symbols(elf):
    """The ELF's function symbols: (sorted start addresses, names)."""
    out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True, check=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "tTwW":
            addrs.append(int(p[0], 16))
            names.append(p[2])
    return addrs, names


class Counter:
    """Reads QEMU's -d exec,in_asm,nochain log line by line.

    Blocks are known by their host address (a Trace line's second field):
    QEMU may translate the same guest address more than once (under -icount,
    a block that does I/O is cut short), and reuses host addresses after it
    flushes its cache, so a block's size is taken from the IN: listing that
    precedes its first execution."""

    def __init__(self, marker, syms=None):
        self.marker = marker	# guest pc (hex, as QEMU prints it) opening and closing the window
        self.syms = syms	# (start addresses, names): for the callers' table
        self.func = {}		# guest pc (hex) -> (function index, is its first instruction)
        self.prev = None	# the function of the block that ran last
        self.entered = {}	# function index -> the function that last called it
        self.calls = collections.Counter()	# (function, caller) -> [instructions, calls]
        self.counting = marker is None
        self.marks = 0
        self.size = {}		# guest pc -> instructions in its latest translation
        self.fresh = set()	# guest pcs translated whose first execution is still to come
        self.block = {}		# host address -> (guest pc, instructions)
        self.runs = collections.Counter()	# host address -> executions in the window
        self.execs = collections.Counter()	# (guest pc, instructions) -> executions
        self.pc, self.n = None, 0	# the IN: listing being read

    def retire(self, host):
        """Moves the executions of the block at @host into the per-pc totals."""
        n = self.runs.pop(host, 0)
        if n and host in self.block:
            self.execs[self.block[host]] += n

    def listing(self, line):
        """A line of an IN: listing: an instruction, or the rest of a long one's bytes."""
        addr, _, rest = line.partition(":")
        if self.pc is None:
            self.pc = addr[2:].lstrip("0")
        if "  " in rest.strip():	# bytes, two blanks, the mnemonic
            self.n += 1

    def trace(self, line):
        """Trace N: HOST [CS_BASE/PC/FLAGS/CFLAGS] SYMBOL: a block about to run."""
        p = line.split(None, 4)
        host, pc = p[2], p[3][1:].split("/")[1].lstrip("0")
        if pc in self.fresh:
            self.fresh.discard(pc)
            self.retire(host)
            self.block[host] = (pc, self.size[pc])
        elif host not in self.block:
            self.block[host] = (pc, self.size.get(pc, 0))
        if pc == self.marker:
            self.marks += 1
            self.counting = self.marks == 1
        if self.counting:
            self.runs[host] += 1
            if self.syms:
                self.charge(pc, self.block[host][1])

    def charge(self, pc, size):
        """Counts @size instructions of the block at @pc against its function
        and the caller that entered it last: exact for a leaf (memset), the
        latest entry's caller for the rest."""
        f = self.func.get(pc)
        if f is None:
            a = int(pc, 16)
            i = bisect.bisect_right(self.syms[0], a) - 1
            f = self.func[pc] = (i, i >= 0 and self.syms[0][i] == a)
        if f[1] and self.prev is not None and self.prev != f[0]:
            self.entered[f[0]] = self.prev
            self.calls[(f[0], self.prev, 1)] += 1
        self.calls[(f[0], self.entered.get(f[0], -1), 0)] += size
        self.prev = f[0]

    def stopped(self, line):
        """Stopped execution of TB chain before HOST [PC]: that block did not run."""
        host = line.split()[6]
        if self.counting and self.runs[host]:
            self.runs[host] -= 1

    def feed(self, f):
        """Reads the whole log from file @f."""
        for line in f:
            c = line[0]
            if c == "T":
                self.trace(line)
            elif c == "0":
                self.listing(line)
            elif c == "I":		# IN: a new listing
                self.pc, self.n = None, 0
            elif c == "\n" and self.pc is not None:
                self.size[self.pc] = self.n
                self.fresh.add(self.pc)
                self.pc = None
            elif c == "S":
                self.stopped(line)
        for host in list(self.runs):
            self.retire(host)


def by_function(blocks, elf):
    """{function: [instructions, calls]} from {(pc, instructions): executions}."""
    addrs, names = symbols(elf)
    per = {}
    for (pc, size), n in blocks.items():
        i = bisect.bisect_right(addrs, pc) - 1
        name = names[i] if i >= 0 else "%#x" % pc
        row = per.setdefault(name, [0, 0])
        row[0] += n * size
        if i >= 0 and addrs[i] == pc:
            row[1] += n
    return per


def build(src, tmp):
    """The program as a static executable in @tmp/extra; that directory."""
    extra = os.path.join(tmp, "extra")
    os.makedirs(extra)
    out = os.path.join(extra, os.path.splitext(os.path.basename(src))[0])
    if src.endswith(".c"):
        subprocess.run(["musl-gcc"] + MUSL_FLAGS + ["-I", os.path.dirname(os.path.abspath(src)),
                        "-I", os.path.join(ROOT, "bench"), "-o", out, src], check=True)
    else:
        shutil.copy(src, out)
    return extra


def initramfs(extra, tmp):
    """An initramfs with the test runner (/sbin/init) and @extra's programs: its path."""
    out = os.path.join(tmp, "initramfs.cpio")
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "mkinitramfs.py"), "--out", out,
                    "--bin", os.path.join(ROOT, "build", "user", "init"), "--extra", extra],
                   check=True)
    return out


def boot(kernel, initrd, cmdline, tmp, counter, timeout):
    """Boots with the log on a pipe that @counter reads; the serial console's text."""
    fifo = os.path.join(tmp, "log")
    os.mkfifo(fifo)
    serial = os.path.join(tmp, "serial")
    cmd = qemu_command(kernel=kernel, initrd=initrd, cmdline=cmdline, icount=0)
    cmd += ["-serial", "file:" + serial, "-d", "exec,in_asm,nochain",
            "-dfilter", KERNEL_RANGE, "-D", fifo]
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
    reader = threading.Thread(target=lambda: counter.feed(open(fifo, errors="replace")))
    reader.start()
    try:
        qemu.wait(timeout)
    except subprocess.TimeoutExpired:
        qemu.kill()
        qemu.wait()
        print("tbprof: QEMU stopped after %d s" % timeout, file=sys.stderr)
    reader.join()
    with open(serial, errors="replace") as f:
        return f.read()


def save(path, blocks, ops, kernel, program, calls):
    """Writes the profile: a header line, then one line per block executed in
    the window: guest pc (hex), instructions, executions; then one line per
    function and caller: c, function, caller, instructions, calls."""
    with open(path, "w") as f:
        f.write("# tbprof ops=%d kernel=%s sha1=%s program=%s\n"
                % (ops, os.path.abspath(kernel), sha1(kernel), program))
        for (pc, size), n in sorted(blocks.items()):
            f.write("%x\t%d\t%d\n" % (pc, size, n))
        for (func, caller), (n, c) in sorted(calls.items()):
            f.write("c\t%s\t%s\t%d\t%d\n" % (func, caller, n, c))


def load(path, calls=None):
    """A saved profile: (ops, header fields, {(pc, instructions): executions});
    its callers' lines go into the dict @calls, if given."""
    blocks, head = {}, {}
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                head = dict(w.split("=", 1) for w in line[1:].split() if "=" in w)
                continue
            if line.startswith("c\t"):
                if calls is not None:
                    _, func, caller, n, c = line.split("\t")
                    calls[(func, caller)] = (int(n), int(c))
                continue
            pc, size, n = line.split("\t")
            blocks[(int(pc, 16), int(size))] = int(n)
    return int(head.get("ops", 1)), head, blocks


def sha1(path):
    """The file's SHA-1: a profile names the kernel it was taken on."""
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()


def profiled_kernel(head, kernel):
    """The ELF to read a profile's symbols from: --kernel, else the one the
    profile was taken on, which must not have been rebuilt since."""
    path = kernel or head.get("kernel", KERNEL)
    if not os.path.exists(path) or (head.get("sha1") and sha1(path) != head["sha1"]):
        sys.exit("tbprof: %s is not the kernel the profile was taken on (rebuilt?): "
                 "pass --kernel with a copy of that one" % path)
    return path


def functions(path, kernel):
    """(ops, {function: [instructions, calls]}) of a saved profile."""
    ops, head, blocks = load(path)
    return ops, by_function(blocks, profiled_kernel(head, kernel))


def cmd_run(a):
    """tbprof.py run: profile the program's window; write -o."""
    tmp = tempfile.mkdtemp(prefix="tbprof-")
    try:
        extra = build(a.program, tmp)
        initrd = initramfs(extra, tmp)
        addrs, names = symbols(a.kernel)
        marker = None if a.whole else "%x" % addrs[names.index(MARKER)]
        counter = Counter(marker, (addrs, names))
        text = boot(a.kernel, initrd, ("runtests=extra " + a.cmdline).strip(), tmp, counter,
                    a.timeout)
    finally:
        shutil.rmtree(tmp)
    m = OPS_RE.search(text)
    ops = int(m.group(1)) if m and not a.whole else 1
    if not a.whole and counter.marks < 2:
        print("tbprof: the window was not closed (%d sync calls seen); the console:\n%s"
              % (counter.marks, text[-3000:]), file=sys.stderr)
        return 1
    blocks = {(int(pc, 16), size): n for (pc, size), n in counter.execs.items()}
    calls = collections.defaultdict(lambda: [0, 0])
    for (f, caller, is_call), n in counter.calls.items():
        name = lambda i: names[i] if i >= 0 else "?"
        calls[(name(f), name(caller))][is_call] += n
    shutil.copy(a.kernel, a.output + ".elf")	# the build tree's will be rebuilt
    save(a.output, blocks, ops, a.output + ".elf", os.path.basename(a.program), calls)
    show(ops, by_function(blocks, a.kernel), a.top)
    return 0


def show(ops, per, top):
    """The costliest functions, per op."""
    total = sum(n for n, _ in per.values())
    print("%.1f kernel instructions per op (%d ops)" % (total / ops, ops))
    print("%12s %9s  %s" % ("insns/op", "calls/op", "function"))
    for name, (n, calls) in sorted(per.items(), key=lambda kv: -kv[1][0])[:top]:
        print("%12.1f %9.2f  %s" % (n / ops, calls / ops, name))


def diff(a, b, top):
    """What changed from profile @a to profile @b, per op."""
    (oa, pa), (ob, pb) = a, b
    ta, tb = sum(n for n, _ in pa.values()) / oa, sum(n for n, _ in pb.values()) / ob
    print("kernel instructions per op: %.1f -> %.1f (%+.1f)" % (ta, tb, tb - ta))
    print("%10s %10s %9s %8s %8s  %s" % ("before", "after", "change", "calls", "calls", "function"))
    rows = []
    for name in set(pa) | set(pb):
        na, ca = pa.get(name, (0, 0))
        nb, cb = pb.get(name, (0, 0))
        rows.append((nb / ob - na / oa, na / oa, nb / ob, ca / oa, cb / ob, name))
    for d, x, y, ca, cb, name in sorted(rows, key=lambda r: -abs(r[0]))[:top]:
        print("%10.1f %10.1f %+9.1f %8.2f %8.2f  %s" % (x, y, d, ca, cb, name))


def annotate(path, function, kernel):
    """The function's disassembly, each instruction with its executions per op."""
    ops, head, blocks = load(path)
    kernel = profiled_kernel(head, kernel)
    addrs, names = symbols(kernel)
    if function not in names:
        sys.exit("tbprof: no function %s in %s" % (function, kernel))
    i = names.index(function)
    start, end = addrs[i], addrs[i + 1] if i + 1 < len(addrs) else addrs[i] + 4096
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "--start-address=%#x" % start,
                          "--stop-address=%#x" % end, kernel],
                         capture_output=True, text=True, check=True).stdout
    insns = [(int(m.group(1), 16), m.group(2)) for m in
             re.finditer(r"^\s*([0-9a-f]+):\s*(.*)$", out, re.M)]
    index = {pc: k for k, (pc, _) in enumerate(insns)}
    runs = [0] * len(insns)
    for (pc, size), n in blocks.items():
        if pc in index:
            for k in range(index[pc], min(index[pc] + size, len(insns))):
                runs[k] += n
    print("%s: %.1f instructions per op (%d ops)" % (function, sum(runs) / ops, ops))
    for (pc, text), n in zip(insns, runs):
        print("%9s  %x:  %s" % ("%.2f" % (n / ops) if n else "", pc, text))


def callers(path, function):
    """Who calls @function, and the instructions it runs for each caller."""
    calls = {}
    ops = load(path, calls)[0]
    rows = [(n, c, caller) for (func, caller), (n, c) in calls.items() if func == function]
    if not rows:
        sys.exit("tbprof: no calls of %s in %s (profiles before callers were kept have none)"
                 % (function, path))
    print("%s: %.1f instructions per op (%d ops), by the caller that entered it"
          % (function, sum(r[0] for r in rows) / ops, ops))
    print("%12s %9s %10s  %s" % ("insns/op", "calls/op", "insns/call", "caller"))
    for n, c, caller in sorted(rows, reverse=True):
        print("%12.1f %9.2f %10s  %s" % (n / ops, c / ops, "%.1f" % (n / c) if c else "-",
                                         caller))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="profile a program")
    r.add_argument("program", help="a C file (tools/prof/*.c) or a static executable")
    r.add_argument("-o", "--output", required=True,
                   help="the profile (a small text file; the kernel is copied to OUTPUT.elf)")
    r.add_argument("--kernel", default=KERNEL)
    r.add_argument("--cmdline", default="", help="more kernel command-line words")
    r.add_argument("--whole", action="store_true", help="the whole boot, no sync() window")
    r.add_argument("--timeout", type=float, default=1800)
    r.add_argument("--top", type=int, default=40)
    s = sub.add_parser("show", help="one profile, by function")
    s.add_argument("profile")
    d = sub.add_parser("diff", help="two profiles, by function")
    d.add_argument("before")
    d.add_argument("after")
    d.add_argument("--kernel2", help="the second profile's kernel (else as --kernel)")
    n = sub.add_parser("annotate", help="one function of a profile, by instruction")
    n.add_argument("profile")
    n.add_argument("function")
    c = sub.add_parser("callers", help="one function of a profile, by caller")
    c.add_argument("profile")
    c.add_argument("function")
    for p in (s, d, n):
        p.add_argument("--kernel", help="the ELF profiled, if it has been rebuilt since")
    for p in (s, d):
        p.add_argument("--top", type=int, default=40)
    a = ap.parse_args()
    if a.cmd == "run":
        return cmd_run(a)
    if a.cmd == "show":
        show(*functions(a.profile, a.kernel), a.top)
    elif a.cmd == "callers":
        callers(a.profile, a.function)
    elif a.cmd == "diff":
        diff(functions(a.before, a.kernel), functions(a.after, a.kernel2 or a.kernel), a.top)
    else:
        annotate(a.profile, a.function, a.kernel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
