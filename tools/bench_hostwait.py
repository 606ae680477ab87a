"""tools/bench_hostwait.py: whether the host let QEMU's CPU thread run while
make bench's wall mode measured a row.

Under TCG, guest time is host time.  When another busy thread shares the
host core of QEMU's CPU thread, the host's scheduler gives each half of
that core, and every row measured then takes exactly twice as long: the
"stretches at half speed" docs/benchmarks.md used to call not explained.
Linux's per-thread /proc/PID/task/TID/schedstat gives, in ns, the time a
thread ran and the time it was runnable but waited for a CPU; the second
is the host taking the CPU away from the guest.  This host is itself a
virtual machine, and its hypervisor can take a CPU away too: Linux counts
that as the CPU's steal time (/proc/stat), while the thread on it looks
as if it ran.  Both are counted here, the steal of the CPU the vCPU thread
was on at each sample.

A Watch samples those times for all of QEMU's threads, with the size of
the serial log, as the boot goes.  After the boot it finds, per BENCH line,
the samples around the time that row was measured (from the line before it
to its own) and the share of that time QEMU's vCPU thread (the one that ran
longest; QEMU's other threads come and go, and as it exits only its main
thread is left) spent waiting.  bench.py boots again when a
row's share is above WAIT_LIMIT."""
import os
import re

WAIT_LIMIT = 0.05	# a row is contended when the vCPU waited (or was stolen) over 5% of its time
BENCH_LINE_RE = re.compile(r"BENCH name=(\S+)")


def thread_times(pid):
    """{tid: (ns run, ns waited on a run queue, the CPU it last ran on)} of
    process @pid's threads."""
    times = {}
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return times
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                run, wait = f.read().split()[:2]
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                cpu = f.read().rsplit(")", 1)[1].split()[36]	# field 39, processor
            times[int(tid)] = (int(run), int(wait), int(cpu))
        except (OSError, ValueError, IndexError):
            pass	# the thread ended, or this host has no schedstat
    return times


def cpu_steal():
    """{cpu: ns its hypervisor has taken from it} from /proc/stat (USER_HZ = 100)."""
    steal = {}
    try:
        with open("/proc/stat") as f:
            for line in f:
                w = line.split()
                if w[0].startswith("cpu") and w[0] != "cpu" and len(w) > 8:
                    steal[int(w[0][3:])] = int(w[8]) * 10000000
    except (OSError, ValueError):
        pass
    return steal


class Watch:
    """Samples of (bytes in the serial log, QEMU's thread times) over a boot."""

    def __init__(self, pid, log_path):
        self.pid, self.path, self.samples = pid, log_path, []

    def sample(self):
        """Take one sample (call it every tenth of a second or so)."""
        times = thread_times(self.pid)
        if times:
            self.samples.append((os.path.getsize(self.path), times, cpu_steal()))

    def vcpu(self):
        """QEMU's vCPU thread: the one that ran longest over the boot."""
        best = (0, None)
        for _, times, _ in self.samples:
            best = max(best, max((t[0], tid) for tid, t in times.items()))
        return best[1]

    def waited(self, a, b, tid):
        """The share of samples a..b's time thread @tid waited for a CPU, on
        a run queue or stolen by the hypervisor.  A sample taken as QEMU was
        starting or ending may lack it: the nearest one inside a..b that has
        it stands in."""
        has = [i for i in range(a, b + 1) if tid in self.samples[i][1]]
        if len(has) < 2:
            return 0.0
        first, last = self.samples[has[0]][1][tid], self.samples[has[-1]][1][tid]
        run, wait = last[0] - first[0], last[1] - first[1]
        for i, j in zip(has, has[1:]):
            cpu = self.samples[j][1][tid][2]
            wait += self.samples[j][2].get(cpu, 0) - self.samples[i][2].get(cpu, 0)
        return min(wait / (run + wait), 1.0) if run + wait > 0 else 0.0

    def arrival(self, pos):
        """The index of the first sample whose log holds character @pos."""
        return next((i for i, (size, _, _) in enumerate(self.samples) if size > pos),
                    len(self.samples) - 1)

    def contended_rows(self, text):
        """{row: share of its time the vCPU waited}, for the rows above WAIT_LIMIT.
        @text is the serial log as bytes were counted (undecoded)."""
        rows, tid = {}, self.vcpu()
        start = self.arrival(0)	# from the kernel's first line: not QEMU's own start-up
        for m in BENCH_LINE_RE.finditer(text):
            end = self.arrival(m.end() - 1)
            if end > start:
                share = self.waited(start, end, tid)
                if share > WAIT_LIMIT:
                    rows[m.group(1)] = share
            start = end
        return rows
