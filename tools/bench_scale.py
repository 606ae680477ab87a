"""tools/bench_scale.py: make bench's scaling table: the cost of one
operation with 10, 1,000 and 10,000 objects alive (bench/scale_pid.c,
bench/scale_ipc.c), on both kernels, and how much it grew from 10 to
10,000.  A row named OP_N is operation OP among N objects."""

COUNTS = (10, 1000, 10000)
GROWTH_LIMIT = 1.5	# what a kernel with the right data structures stays under

# The operations in table order, with what one of them is.
OPS = {
    "kill0": "kill(pid, 0) on a random one of N live processes",
    "getpgid": "getpgid(pid) on a random one of N live processes",
    "open_status": "open + close of /proc/PID/status, a random one of N processes",
    "readdir_proc": "getdents64 over all of /proc with N processes, per entry returned",
    "msgsnd_msgrcv": "msgsnd + msgrcv of 64 bytes on a random one of N message queues",
    "semop": "semop +1 then -1 on a random one of N semaphore sets",
    "shmat_shmdt": "shmat + shmdt of a random one of N one-page segments",
}
# Fields of the rows that the table's notes give (others are listed as they come).
KNOWN_FIELDS = ("iters", "ns_per_op", "error", "kb_per_proc", "entries")


def is_scale_row(name):
    """Whether row name is OP_N of the scaling table."""
    op, _, n = name.rpartition("_")
    return op in OPS and n.isdigit() and int(n) in COUNTS


def rows():
    """{row name: what it measures} for the page's list of rows."""
    return {"%s_N" % op: what + " (N = 10, 1,000, 10,000)" for op, what in OPS.items()}


def growth(values):
    """The 10,000 figure over the 10 one, or None unless both were measured."""
    lo, hi = values.get(COUNTS[0]), values.get(COUNTS[-1])
    ok = isinstance(lo, float) and isinstance(hi, float) and lo > 0
    return hi / lo if ok else None


def table(res, fmt_ns, keep=None):
    """The scaling table's lines, from {kernel: {row: ns or error}}; [] when
    no scaling row was measured."""
    kernels = (("Matryoshka", res["matryoshka"]), ("Linux", res["linux"]))
    head = ["operation"]
    for label, _ in kernels:
        head += ["%s N=%s" % (label, "{:,}".format(n)) for n in COUNTS]
        head.append("%s 10,000/10" % label)
    head.append("Linux/Matryoshka at 10,000")
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for op in OPS:
        names = ["%s_%d" % (op, n) for n in COUNTS]
        if keep and not keep & set(names):
            continue
        if not any(n in r for n in names for _, r in kernels):
            continue
        cells, at_max = [op], []
        for _, r in kernels:
            values = {n: r.get("%s_%d" % (op, n), "n/a") for n in COUNTS}
            g = growth(values)
            cells += [fmt_ns(values[n]) for n in COUNTS]
            cells.append("%.2f" % g if g is not None else "n/a")
            at_max.append(values[COUNTS[-1]])
        ok = all(isinstance(v, float) for v in at_max) and at_max[0] > 0
        cells.append("%.2f" % (at_max[1] / at_max[0]) if ok else "n/a")
        lines.append("| " + " | ".join(cells) + " |")
    return lines if len(lines) > 2 else []


def fields(boots):
    """{row: its fields} from the first boot that gave the row."""
    out = {}
    for b in boots or ():
        for name, f in b.rows.items():
            out.setdefault(name, f)
    return out


def notes(boots_by_kernel):
    """Sentences under the table: memory per process, entries read, and any
    field the programs added because creation stopped early."""
    out = []
    for label, boots in boots_by_kernel:
        f = fields(boots)
        kb = f.get("kill0_%d" % COUNTS[-1], {}).get("kb_per_proc")
        if kb:
            out.append("%s, memory per process: %s kB (MemFree's drop from no children to "
                       "N=10,000, over N; each child's 1 KiB stack is in it, and the "
                       "children share one address space)." % (label, kb))
        ents = ["%s at N=%s" % (f["readdir_proc_%d" % n]["entries"], "{:,}".format(n))
                for n in COUNTS if "entries" in f.get("readdir_proc_%d" % n, {})]
        if ents:
            out.append("%s, entries in /proc: %s." % (label, ", ".join(ents)))
        for name, fl in f.items():
            extra = ["%s=%s" % kv for kv in fl.items() if kv[0] not in KNOWN_FIELDS]
            if is_scale_row(name) and extra:
                out.append("%s %s: %s." % (label, name, ", ".join(extra)))
    return out


def section(res, boots_by_kernel, fmt_ns, keep=None):
    """The scaling part of a mode's section: a lead-in, the table and its notes."""
    lines = table(res, fmt_ns, keep)
    if not lines:
        return []
    lead = ("Scaling: the cost of one operation (ns) with N objects of its kind alive, and "
            "how it grew from N=10 to N=10,000 (%.1f or under: the lookup does not walk "
            "the objects; `readdir_proc` is per entry, so the fixed cost of opening /proc "
            "is spread over more entries as N grows)." % GROWTH_LIMIT)
    return [lead, ""] + lines + [""] + ["- " + n for n in notes(boots_by_kernel)] + [""]
