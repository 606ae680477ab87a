#!/usr/bin/env python3
"""tools/stress.py: Debian's stress-ng and trinity on Matryoshka (make stress).

Writes one guest script per run into build/stress/root/extra (bash, which
the image has from tools/debian_root.py), builds build/stress/initramfs.cpio
(build/stress-root: the image's Debian userland with stress-ng and trinity,
tools/debian_root.py --program; init; the scripts), and boots it twice, two boots at a
time, with the harness's debug checks on:

  stress-ng  runtests=extra/stress-ng-*: each stressor of STRESSORS with
             --verify for --seconds (60), one after the other;
  trinity    runtests=extra/trinity: trinity as uid 65534 in new user,
             pid, mount, ipc and uts namespaces for --trinity-seconds (600),
             with the fd providers the kernel lacks turned off.

and, only when asked for (--only ns, make stress-ns), a third boot of the
test image (build/initramfs.cpio, no Debian root needed):

  ns         runtests=ns_stress with NS_STRESS_SECONDS=--ns-seconds (100):
             each of its three cases (nested pid namespaces, IPC objects
             across IPC namespaces, setns/unshare) keeps its four workers
             going for that long, on --smp CPUs (make stress-ns: 4), with
             the lock validator and the debug checks on; its checks are
             exact counts, and the leak check after it counts the memory back.

/sbin/init runs each script as a test (user/init/runner.c: a time limit,
everything it leaves killed) and checks the kernel's memory counters
before the first and after the last (user/init/leakcheck.c).  A boot
passes when it powers off cleanly with no kernel report (BUG, WARNING,
soft lockup, hung task), every script exited 0 (stress-ng exits non-zero
on a verify failure, trinity on a taint) and the leak check says ok; the
harness's own reading of the console decides (tools/harness.py analyse).
The figures (bogo ops per stressor, trinity's calls) are printed after the
results, and the last line is `N passed, N failed`.

    stress.py [--only fork,pipe,trinity,ns] [--seconds 60] [--trinity-seconds 600]
              [--ns-seconds 100] [--smp 1] [--instances 2] [--jobs 2] [--accel tcg]
              [--timeout-scale 1] [-v] [--linux]

--linux boots Debian's own kernel (/boot/vmlinuz-*, as make bench does)
with the same image instead, for the same figures on Linux: what a run
on Matryoshka should look like (its leak-check line means little there).
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import stat
import subprocess
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import bench  # noqa: E402
import harness  # noqa: E402
from harness import Qemu, analyse, qemu_command, KERNEL, ROOT, BUILD, PRINT_LOCK  # noqa: E402

OUT = os.path.join(BUILD, "stress")
INITRD = os.path.join(OUT, "initramfs.cpio")
SCRIPTS = os.path.join(OUT, "root")
STRESS_ROOT = os.path.join(BUILD, "stress-root")

# The stressors of issue 14, each run with --verify (stress-ng checks what
# the stressor can check: data through pipes and queues, semaphore and
# shared-memory contents, signal values, mapped pages, child states).
STRESSORS = ["fork", "clone", "vfork", "pipe", "msg", "mq", "sem-sysv", "shm-sysv",
             "sigq", "futex", "pthread", "mmap"]

# trinity's fd providers for what Matryoshka has no system call for yet
# (socket, perf_event_open) or no device (/dev/dri), and memfd: a memfd's
# pages count against nothing but the RAM (the kernel's own tmpfs has no
# size, on Linux too), and trinity's writes to the memfds its main process
# keeps open filled the 512 MB machine until the OOM killer ended trinity
# (docs/stress.md).
TRINITY_NO_FDS = ["sockets", "perf", "drm", "memfd"]
NS_STRESS = "ns_stress"   # tests/user/ns_stress.c, in the test image
NS_CASES = 3            # its cases, each run for --ns-seconds
TRINITY_UID = 65534
TRINITY_CHILDREN = 4

METRIC_RE = re.compile(r"stress-ng: metrc: \[\d+\] (\S+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+"
                       r"([\d.]+)\s+([\d.]+)")
TRINITY_RE = re.compile(r"Ran (\d+) syscalls\. Successes: (\d+)\s+Failures: (\d+)")
PROCESSES_RE = re.compile(r"# trinity made (\d+) processes")
ROUNDS_RE = re.compile(r"# (\d+) workers made (\d+) rounds in (\d+) s")
SLACK = 120             # s a script may run past its own time before the runner kills it
BOOT_SLACK = 300        # s a boot may take beyond its scripts' limits

STRESS_NG_SCRIPT = """#!/usr/bin/bash
# /extra/stress-ng-{name}: written by tools/stress.py
cd /tmp || exit 1
exec /usr/bin/stress-ng --{name} {instances} --verify --timeout {seconds}s --metrics-brief \\
	--temp-path /tmp
"""

# trinity refuses to run as root: it runs in a tmpfs of its own (half the
# RAM, as Linux's default: rootfs has no size here) as an
# unmapped uid of a new user namespace (getuid() is the overflow uid), in
# pid, mount (its own /proc), IPC and UTS namespaces of its own.  Those are
# root's, and so is their init, a bash that reports how trinity ended:
# trinity can signal and prlimit only its own processes, not the init (when
# the init was trinity's uid, it died of SIGKILL at the end of two runs,
# likely from an RLIMIT_CPU trinity's prlimit64 gave it).  trinity has no
# time limit of its own: after the time, its process group gets the SIGINT
# a terminal's Ctrl-C would send, and it prints its totals.  Only x86_64's
# calls (--arch 64): Matryoshka has no 32-bit entry (int $0x80 is a #GP
# there, as on a Linux without IA32 emulation).  On Linux (--linux) trinity
# watches only the WARN and BAD_PAGE taints: Debian's kernel taints itself
# (AUX) when trinity's fanotify fds ask for permission events.
TRINITY_SCRIPT = """#!/usr/bin/bash
# /extra/trinity: written by tools/stress.py
mkdir /tmp/trinity && mount -t tmpfs -o mode=0777 trinity /tmp/trinity && cd /tmp/trinity || exit 1
trap 'true' INT
first=$(< /proc/sys/kernel/ns_last_pid)
/usr/bin/unshare --pid --fork --mount --mount-proc --ipc --uts /usr/bin/bash -c \\
	'/usr/bin/setpriv --reuid={uid} --regid={uid} --clear-groups /usr/bin/unshare --user \\
		/usr/bin/trinity --arch 64 -C {children} --disable-fds={no_fds} {taint}-q
	status=$?; echo "# trinity main: exit status $status"; exit $status' &
child=$!
sleep {seconds}
kill -INT -- -$$
wait $child
status=$?
echo "# trinity made $(( $(< /proc/sys/kernel/ns_last_pid) - first )) processes, exit status $status"
cd / && umount /tmp/trinity && rmdir /tmp/trinity	# what trinity made there is state, not a leak
exit $status
"""


def write_scripts(opts):
    """build/stress/root/extra: the scripts; the names of those that run."""
    shutil.rmtree(SCRIPTS, ignore_errors=True)
    os.makedirs(os.path.join(SCRIPTS, "extra"))
    runs = []
    for name in STRESSORS:
        runs.append(("stress-ng-" + name, STRESS_NG_SCRIPT.format(
            name=name, instances=opts.instances, seconds=opts.seconds)))
    runs.append(("trinity", TRINITY_SCRIPT.format(
        uid=TRINITY_UID, children=TRINITY_CHILDREN, no_fds=",".join(TRINITY_NO_FDS),
        taint="-T BAD_PAGE,WARN " if opts.linux else "",
        seconds=opts.trinity_seconds)))
    for name, text in runs:
        path = os.path.join(SCRIPTS, "extra", name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)
    wanted = opts.only.split(",") if opts.only else STRESSORS + ["trinity"]
    unknown = [w for w in wanted if w not in STRESSORS + ["trinity", "ns"]]
    if unknown:
        sys.exit("stress: no stressor %s (there are: %s, trinity, ns)" %
                 (", ".join(unknown), ", ".join(STRESSORS)))
    return ["stress-ng-" + w if w not in ("trinity", "ns") else w for w in wanted]


def build_initramfs():
    """The image: build/stress-root (the Debian userland with stress-ng and trinity),
    init, and the scripts."""
    init = os.path.join(BUILD, "user", "init")
    for path in (KERNEL, STRESS_ROOT, init):
        if not os.path.exists(path):
            sys.exit("%s does not exist: run make stress" % os.path.relpath(path, ROOT))
    subprocess.run([sys.executable, os.path.join(TOOLS, "mkinitramfs.py"), "--out", INITRD,
                    "--base", STRESS_ROOT, "--bin", init, "--root", SCRIPTS], check=True)


def linux_initrd():
    """The image for Linux: Linux's initramfs must bring its own /dev nodes (Matryoshka's
    populate_dev makes these, fs/initramfs.c); a second archive after the first adds them."""
    nodes = [("console", 0o600, (5, 1)), ("tty", 0o666, (5, 0)), ("null", 0o666, (1, 3)),
             ("zero", 0o666, (1, 5)), ("full", 0o666, (1, 7)), ("random", 0o666, (1, 8)),
             ("urandom", 0o666, (1, 9))]
    tail = b"".join(bench.newc("dev/" + n, stat.S_IFCHR | m, b"", rdev, 900000 + i)
                    for i, (n, m, rdev) in enumerate(nodes))
    tail += bench.newc("TRAILER!!!", 0)
    path = os.path.join(OUT, "initramfs-linux.cpio")
    with open(INITRD, "rb") as f, open(path, "wb") as out:
        out.write(f.read() + tail + b"\0" * (-len(tail) % 512))
    return path


def plan(names, opts):
    """The boots: (name, the scripts it runs, its script time limit, its whole limit)."""
    boots = []
    ng = [n for n in names if n not in ("trinity", "ns")]
    if ng:
        limit = opts.seconds + SLACK
        boots.append(("stress-ng", ng, limit, len(ng) * limit + BOOT_SLACK))
    if "trinity" in names:
        limit = opts.trinity_seconds + SLACK
        boots.append(("trinity", ["trinity"], limit, limit + BOOT_SLACK))
    if "ns" in names:
        # each case makes its usual rounds first (74 s for the pid case at SMP=4
        # on a loaded 2-core host), then goes on for the rest of --ns-seconds
        limit = NS_CASES * (opts.ns_seconds + 60) + SLACK
        boots.append(("ns", [NS_STRESS], limit, limit + BOOT_SLACK))
    return boots


def run_boot(name, scripts, test_limit, limit, opts):
    """One boot; (its name, its results, its console text, a summary of how it ended)."""
    programs = scripts if name == "ns" else ["extra/" + s for s in scripts]
    cmdline = "runtests=%s testtimeout=%d" % (",".join(programs), test_limit * opts.timeout_scale)
    initrd = INITRD
    if name == "ns":        # the test image's program, its duration in its environment
        cmdline += " NS_STRESS_SECONDS=%d" % opts.ns_seconds
        initrd = harness.INITRD
    if opts.linux:
        cmd = qemu_command(kernel=opts.linux, initrd=linux_initrd(), accel=opts.accel,
                           cmdline="console=ttyS0 panic=-1 rdinit=/sbin/init " + cmdline)
        name += "-linux"
    else:
        if not opts.no_debug_checks:
            cmdline = harness.DEBUG_CMDLINE + " " + cmdline
        cmd = qemu_command(kernel=KERNEL, initrd=initrd, cmdline=cmdline, accel=opts.accel,
                           smp=opts.smp)
    qemu = Qemu(cmd, "stress-" + name if not name.startswith("stress-ng") else name,
                opts.verbose)
    try:
        status, hang = qemu.wait_exit(limit * opts.timeout_scale,
                                      harness.START_LIMIT * opts.timeout_scale,
                                      re.compile("KTAP version"))
        if hang:
            qemu.task_dump(opts.timeout_scale)
    finally:
        text = qemu.finish()
    secs = time.monotonic() - qemu.started
    analysis = analyse("user", text, status, hang, programs)
    results = analysis.results
    if not opts.linux:     # Linux's own ending (ACPI power-off reads as a reset) and leaks are not judged
        results = results + [harness.boot_result(name, analysis, qemu.log_path)]
    summary = "%s (%.1f s, %s)" % (analysis.ending.message, secs,
                                   os.path.relpath(qemu.log_path, ROOT))
    return name, results, text, summary


def figures(text):
    """The figures lines of a boot's console: stress-ng's bogo ops, trinity's calls, the leak check."""
    lines = [harness.TIMESTAMP_RE.sub("", harness.clean_line(l)).strip()
             for l in text.split("\n")]
    out = []
    for line in lines:
        m = METRIC_RE.search(line)
        if m:
            name, ops, real, usr, sys_, rate = m.groups()
            out.append("stress-ng %-9s %10s bogo ops in %6s s (usr %s s, sys %s s): %s/s"
                       % (name, ops, real, usr, sys_, rate))
        m = TRINITY_RE.search(line)
        if m:
            out.append("trinity   %s syscalls: %s succeeded, %s failed" % m.groups())
        m = ROUNDS_RE.search(line)
        if m:
            out.append("ns_stress %s workers made %s rounds in %s s" % m.groups())
        m = PROCESSES_RE.search(line)
        if m:
            out.append("trinity   %s processes (children respawned, and the calls' forks)" % m.group(1))
        m = harness.LEAK_RE.match(line)
        if m:
            out.append("leak check: %s%s" % (m.group(1), " " + m.group(2) if m.group(2) else ""))
    return out


def main():
    ap = argparse.ArgumentParser(description="stress-ng and trinity on Matryoshka.")
    ap.add_argument("--only", help="comma-separated stressors and/or trinity")
    ap.add_argument("--seconds", type=int, default=60, help="per stressor (60)")
    ap.add_argument("--trinity-seconds", type=int, default=600, help="trinity's run (600)")
    ap.add_argument("--ns-seconds", type=int, default=100,
                    help="each ns_stress case's run with --only ns (100)")
    ap.add_argument("--smp", type=int, default=1, help="CPUs per boot (1)")
    ap.add_argument("--instances", type=int, default=2, help="of each stressor (2)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--accel", default="tcg", choices=("tcg", "kvm"))
    ap.add_argument("--timeout-scale", type=float, default=1.0)
    ap.add_argument("--no-debug-checks", action="store_true",
                    help="boot without %r" % harness.DEBUG_CMDLINE)
    ap.add_argument("-v", "--verbose", action="store_true", help="echo the consoles live")
    ap.add_argument("--linux", action="store_true", help="boot Debian's Linux instead")
    opts = ap.parse_args()
    if opts.linux:
        opts.linux = bench.find_vmlinuz() or sys.exit("stress: no Linux kernel to boot")
    names = write_scripts(opts)
    if opts.linux and "ns" in names:
        sys.exit("stress: ns runs on Matryoshka only (make test-linux runs ns_stress on Linux)")
    if names != ["ns"]:     # ns alone boots the test image: no Debian root needed
        build_initramfs()
    started, results, figs = time.monotonic(), [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        futures = [pool.submit(run_boot, *boot, opts) for boot in plan(names, opts)]
        for future in concurrent.futures.as_completed(futures):
            name, boot_results, text, summary = future.result()
            with PRINT_LOCK:
                print("# %s: %s" % (name, summary))
                for r in boot_results:
                    print(harness.format_result(r))
                sys.stdout.flush()
            results += boot_results
            figs += ["%s: %s" % (name, f) for f in figures(text)]
    print("# figures (%.0f s):" % (time.monotonic() - started))
    for line in figs:
        print("#   " + line)
    print(harness.summary_line(results))
    return 1 if any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    harness.exit_killing_qemus(main)
