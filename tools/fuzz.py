#!/usr/bin/env python3
"""tools/fuzz.py: the syscall fuzzer's host side (make fuzz, make fuzz-min).

Boots Matryoshka with `runfuzz=SEEDS` (/sbin/init runs /bin/fuzz, built
from tools/fuzz/) as many times as the seeds need, reads each boot with
the harness's classification (tools/harness.py: panic, reset, hang, and
for fuzz boots any kernel WARNING or BUG line), and shrinks a crash to a
short list of calls.

    fuzz.py run --seeds 1-200 [--calls 5000] [--per-boot 10] [--jobs 2]
    fuzz.py minimise --seed S [--calls N] [--log build/logs/fuzz-A-B.log]
    fuzz.py replay --seed S (--only LIST | --from I --calls N)

`run` reports each boot (the seeds it ran: survived, panic, hang, reset,
warning, with its log) and ends with `N passed, N failed` over the boots;
a boot that crashed part-way is followed by one for the seeds it never
reached.  `minimise` finds the batch of calls the crash happened in,
checks that the seed alone still crashes, then runs delta debugging
(Zeller's ddmin) over the calls, each test a boot that runs just the
listed calls in one process (`fuzzonly=`).  It writes the replay line and
a C reproducer (`fuzz --print-c`, run on the host: printing runs nothing)
to build/fuzz/.  docs/debugging.md, "The syscall fuzzer", has the rest.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import harness  # noqa: E402
from harness import Qemu, analyse, qemu_command, KERNEL, INITRD, ROOT, PRINT_LOCK  # noqa: E402

OUT_DIR = os.path.join(ROOT, "build", "fuzz")
FUZZ_BIN = os.path.join(ROOT, "build", "user", "fuzz")
BATCH_RE = re.compile(r"^# seed (\d+) calls (\d+)-(\d+)")
RESULT_RE = re.compile(r"^(ok|not ok) \d+ seed-(\d+) # calls (\d+)")
# Seconds a boot may take: a start, then per call (generous: TCG on a busy machine);
# and how long its console may stay silent before the boot counts as hung.
BOOT_BASE, PER_CALL, SILENCE_LIMIT = 120, 0.03, 120
UNKILLABLE = "unkillable in system call"     # what tools/fuzz/main.c says of a stuck batch


def parse_range(text):
    """"1-200" or "7" as (first, last)."""
    a, _, b = text.partition("-")
    return int(a), int(b or a)


def compress(indices):
    """[1, 2, 3, 7] as "1-3,7" (the kernel command line is 2048 bytes)."""
    out, run = [], None
    for i in sorted(indices):
        if run and i == run[1] + 1:
            run[1] = i
        else:
            run = [i, i]
            out.append(run)
    return ",".join("%d-%d" % (a, b) if a != b else str(a) for a, b in out)


class Outcome:
    """How one fuzz boot ended: kind is survived, panic, hang, reset, warning, ..."""
    def __init__(self, kind, message, log, secs, text):
        self.kind, self.message, self.log, self.secs, self.text = kind, message, log, secs, text

    def crashed(self):
        return self.kind != "survived"

    def lines(self):
        return [harness.TIMESTAMP_RE.sub("", harness.clean_line(l)) for l in self.text.split("\n")]

    def last_batch(self):
        """(seed, first, last) of the last batch that started, or None."""
        found = [BATCH_RE.match(l) for l in self.lines()]
        found = [m for m in found if m]
        return tuple(int(x) for x in found[-1].groups()) if found else None

    def seeds_done(self):
        return {int(m.group(2)) for m in map(RESULT_RE.match, self.lines()) if m}

    def calls(self):
        return sum(int(m.group(3)) for m in map(RESULT_RE.match, self.lines()) if m)


def wait_quiet(qemu, limit, silence):
    """As Qemu.wait_exit, but a console silent for @silence seconds is a hang too.

    A batch prints a line at least every few seconds (a stuck one is killed
    after 5 s), so a long silence is the kernel stuck, found long before
    the whole boot's limit; so is a batch process that SIGKILL cannot end."""
    seen, since = 0, time.monotonic()
    while qemu.proc.poll() is None:
        now, text = time.monotonic(), qemu.text()
        if len(text) != seen:
            if UNKILLABLE in text[max(0, seen - len(UNKILLABLE)):]:
                return None, "hang: a batch process that SIGKILL does not end; QEMU killed"
            seen, since = len(text), now
        if now - since > silence:
            return None, "hang: no console output for %d s; QEMU killed" % silence
        if now - qemu.started > limit:
            return None, "hang: not finished after %d s; QEMU killed" % limit
        time.sleep(0.2)
    return qemu.proc.returncode, None


def boot(name, cmdline, limit, opts):
    """One QEMU boot of the fuzzer; its Outcome."""
    if not opts.no_debug_checks:       # the harness's slab, page, list and wait checks
        cmdline = harness.DEBUG_CMDLINE + " " + cmdline
    cmd = qemu_command(kernel=KERNEL, initrd=INITRD, cmdline=cmdline, accel=opts.accel)
    qemu = Qemu(cmd, name, getattr(opts, "verbose", False))
    try:
        status, hang = wait_quiet(qemu, limit * opts.timeout_scale,
                                  SILENCE_LIMIT * opts.timeout_scale)
        if hang:
            qemu.task_dump(opts.timeout_scale)    # SysRq-T, then an NMI: every task's state
    finally:
        text = qemu.finish()
    secs = time.monotonic() - qemu.started
    analysis = analyse("fuzz", text, status, hang)
    kind = "survived"
    if analysis.problems:
        kind = analysis.ending.status if analysis.ending.status != "ok" else "warning"
    message = "; ".join(analysis.problems) or "clean power-off"
    return Outcome(kind, message, os.path.relpath(qemu.log_path, ROOT), secs, text)


# ---- run: many seeds, several boots ---------------------------------------------------------

def run_boot(first, last, opts):
    cmdline = "runfuzz=%d-%d fuzzcalls=%d fuzzbatch=%d" % (first, last, opts.calls, opts.batch)
    limit = BOOT_BASE + (last - first + 1) * opts.calls * PER_CALL
    return first, last, boot("fuzz-%d-%d" % (first, last), cmdline, limit, opts)


def report_boot(first, last, out):
    with PRINT_LOCK:
        print("seeds %d-%d: %s (%.1f s, %s)%s" % (first, last, out.kind, out.secs, out.log,
                                                 "" if not out.crashed() else
                                                 ": " + out.message))
        where = out.last_batch()
        if out.crashed() and where:
            print("    in seed %d, calls %d-%d; shrink it with: make fuzz-min SEED=%d LOG=%s"
                  % (where[0], where[1], where[2], where[0], out.log))
        sys.stdout.flush()


def cmd_run(opts):
    first, last = parse_range(opts.seeds)
    chunks = [(a, min(a + opts.per_boot - 1, last)) for a in range(first, last + 1, opts.per_boot)]
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs))
    pending = {pool.submit(run_boot, a, b, opts) for a, b in chunks}
    started, boots, crashes, calls = time.monotonic(), 0, [], 0
    while pending:
        done, pending = concurrent.futures.wait(pending,
                                                return_when=concurrent.futures.FIRST_COMPLETED)
        for future in done:
            a, b, out = future.result()
            boots += 1
            calls += out.calls()
            report_boot(a, b, out)
            if out.crashed():
                crashes.append((a, b, out))
                where = out.last_batch()
                rest = (where[0] + 1) if where else b + 1
                if rest <= b:        # the seeds the crash kept from running
                    pending.add(pool.submit(run_boot, rest, b, opts))
    pool.shutdown()
    print("# fuzz: seeds %s, %d calls each: %d calls made in %d boots, %.0f s; %d crashed"
          % (opts.seeds, opts.calls, calls, boots, time.monotonic() - started, len(crashes)))
    print("%d passed, %d failed" % (boots - len(crashes), len(crashes)))
    return 1 if crashes else 0


# ---- minimise: ddmin over one seed's calls -----------------------------------------------------

class Tester:
    """Boots a list of calls of one seed; True if it fails the way the original did."""
    def __init__(self, opts, seed, kind):
        self.opts, self.seed, self.kind, self.boots, self.cache = opts, seed, kind, 0, {}

    def __call__(self, calls):
        key = tuple(calls)
        if key not in self.cache:
            self.boots += 1
            cmdline = "runfuzz=%d fuzzonly=%s fuzzbatch=%d" % (self.seed, compress(calls),
                                                                self.opts.batch)
            out = boot("fuzz-min-%d" % self.seed, cmdline, BOOT_BASE + len(calls) * 0.5,
                       self.opts)
            self.cache[key] = out.kind == self.kind
            print("  %d calls: %s" % (len(calls), out.kind), flush=True)
        return self.cache[key]


def ddmin(calls, test):
    """Zeller's ddmin: a 1-minimal sublist of @calls for which @test holds."""
    n = 2
    while len(calls) >= 2:
        size = len(calls) // n
        parts = [calls[i:i + size] for i in range(0, len(calls), size)]
        for i, part in enumerate(parts):
            if test(part):
                calls, n = part, 2
                break
            rest = [c for j, p in enumerate(parts) if j != i for c in p]
            if n > 2 and test(rest):
                calls, n = rest, max(n - 1, 2)
                break
        else:
            if n >= len(calls):
                break
            n = min(n * 2, len(calls))
    return calls


def cmd_minimise(opts):
    seed = opts.seed
    if opts.log:
        with open(opts.log, errors="replace") as f:
            text = f.read()
        first = Outcome("?", "", opts.log, 0, text)
        where = first.last_batch()
        if not where or where[0] != seed:
            sys.exit("%s: its last batch is not one of seed %d" % (opts.log, seed))
        upto = where[2] + 1
    else:
        upto = opts.calls
    print("# does seed %d alone crash (calls 0-%d)?" % (seed, upto - 1), flush=True)
    out = boot("fuzz-min-%d" % seed, "runfuzz=%d fuzzcalls=%d fuzzbatch=%d"
               % (seed, upto, opts.batch), BOOT_BASE + upto * PER_CALL, opts)
    print("  %s: %s (%s)" % (out.kind, out.message, out.log), flush=True)
    if not out.crashed():
        print("# not reproduced alone: the crash needs what earlier seeds of its boot did")
        return 1
    _, lo, hi = out.last_batch()
    test = Tester(opts, seed, out.kind)
    for start in (lo, lo - opts.batch, lo - 4 * opts.batch, 0):
        calls = list(range(max(start, 0), hi + 1))
        print("# calls %d-%d, in their batch processes:" % (calls[0], hi), flush=True)
        if test(calls):
            break
    else:
        print("# calls 0-%d do not crash again: not minimised" % hi)
        return 1
    calls = ddmin(calls, test)
    write_reproducer(seed, calls, out, test.boots)
    return 0


def write_reproducer(seed, calls, out, boots):
    os.makedirs(OUT_DIR, exist_ok=True)
    line = "runfuzz=%d fuzzonly=%s" % (seed, compress(calls))
    c_path = os.path.join(OUT_DIR, "repro-%d.c" % seed)
    with open(c_path, "w") as f:
        subprocess.run([FUZZ_BIN, "--print-c", "--seeds=%d" % seed, "--only=" + compress(calls)],
                       stdout=f, check=True)
    with open(os.path.join(OUT_DIR, "seed-%d.txt" % seed), "w") as f:
        f.write("%s\n%s: %s\n" % (line, out.kind, out.message))
    print("# minimal: %d call(s) of seed %d, %s, after %d boots" % (len(calls), seed, out.kind,
                                                                     boots))
    print("# replay: make fuzz-replay SEED=%d ONLY=%s   (kernel command line: %s)"
          % (seed, compress(calls), line))
    print("# C reproducer: %s" % os.path.relpath(c_path, ROOT))
    subprocess.run([FUZZ_BIN, "--print-c", "--seeds=%d" % seed, "--only=" + compress(calls)])


def cmd_replay(opts):
    if opts.only:
        cmdline, n = "runfuzz=%d fuzzonly=%s" % (opts.seed, opts.only), 1000
    else:
        cmdline = "runfuzz=%d fuzzfrom=%d fuzzcalls=%d fuzzbatch=%d" % (
            opts.seed, opts.start, opts.calls, opts.batch)
        n = opts.calls
    out = boot("fuzz-replay-%d" % opts.seed, cmdline, BOOT_BASE + n * PER_CALL, opts)
    print("%s: %s (%.1f s, %s)" % (cmdline, out.kind, out.secs, out.log))
    return 1 if out.crashed() else 0


def main():
    ap = argparse.ArgumentParser(description="Matryoshka's syscall fuzzer, host side.")
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--timeout-scale", type=float, default=1.0)
    ap.add_argument("-v", "--verbose", action="store_true", help="echo the consoles live")
    ap.add_argument("--no-debug-checks", action="store_true",
                    help="boot without %r" % harness.DEBUG_CMDLINE)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="fuzz seeds, several boots")
    r.add_argument("--seeds", default="1-200")
    r.add_argument("--per-boot", type=int, default=10, help="seeds per boot (default 10)")
    r.add_argument("--jobs", "-j", type=int, default=2)
    m = sub.add_parser("minimise", help="shrink a crash to a few calls")
    m.add_argument("--seed", type=int, required=True)
    m.add_argument("--log", help="the crashed boot's log (finds the batch)")
    p = sub.add_parser("replay", help="boot once with some calls of a seed")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--only", help="call indices, e.g. 3,17-20")
    p.add_argument("--from", dest="start", type=int, default=0)
    for sp in (r, m, p):
        sp.add_argument("--calls", type=int, default=5000, help="calls per seed")
        sp.add_argument("--batch", type=int, default=100, help="calls per batch process")
    opts = ap.parse_args()
    for path in (KERNEL, INITRD):
        if not os.path.exists(path):
            sys.exit("%s does not exist: run make first" % os.path.relpath(path, ROOT))
    return {"run": cmd_run, "minimise": cmd_minimise, "replay": cmd_replay}[opts.cmd](opts)


if __name__ == "__main__":
    harness.exit_killing_qemus(main)
