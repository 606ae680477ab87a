# tools/gdb/mxns.py: the namespaces and pid_hash, from gdb.
#
#   mx-nstree    every namespace a task is in (or that one of those hangs
#                from), as a tree of owners: each user namespace with the
#                namespaces it owns under it, as `lsns --tree` shows them
#   mx-pidhash   pid_hash's chains of upids (kernel/pid.c)
#
# There is no list of all namespaces in the kernel (nor in Linux): they are
# found from the tasks (task->nsproxy, the pid namespace of the task's pid,
# task->real_cred->user_ns) and from what those point to (a pid or user
# namespace's parent, every namespace's owning user_ns).  A namespace kept
# alive only by an open /proc/PID/ns file or a bind mount is not found.
import gdb

from mxutils import CachedType, container_of, hlist_for_each_entry, symbol_value, string, \
    hexaddr
from mxtasks import for_each_task, task_active_pid_ns, pid_task

pid_type = CachedType("struct pid")
upid_type = CachedType("struct upid")

TREE_BRANCH, TREE_LAST, TREE_PIPE, TREE_SPACE = "├─", "└─", "│ ", "  "


class Namespace:
    """One namespace found: its type ("user", "pid", ...) and struct pointer."""

    def __init__(self, kind, ptr):
        self.kind, self.ptr = kind, ptr
        self.tasks = 0

    @property
    def inum(self):
        return int(self.ptr["ns"]["inum"])

    def owner(self):
        """The owning user namespace's pointer (a user ns: its parent), or None."""
        owner = self.ptr["parent"] if self.kind == "user" else self.ptr["user_ns"]
        return owner if int(owner) else None

    def parent(self):
        """A pid or user namespace's parent, or None (the others have none)."""
        if self.kind not in ("pid", "user") or not int(self.ptr["parent"]):
            return None
        return self.ptr["parent"]

    def details(self):
        return DETAILS[self.kind](self.ptr)


def user_details(ns):
    words = ["level %d" % int(ns["level"]), "owner uid %d" % int(ns["owner"]["val"])]
    extents = ns["uid_map"]["extent"]
    mapped = ["%d %d %d" % (int(extents[i]["first"]), int(extents[i]["lower_first"]),
                            int(extents[i]["count"]))
              for i in range(int(ns["uid_map"]["nr_extents"]))]
    if int(ns["level"]):
        words.append("uid_map " + (",".join(mapped) if mapped else "unset"))
    return ", ".join(words)


def pid_details(ns):
    words = ["level %d" % int(ns["level"])]
    if int(ns["parent"]):
        words.append("parent %d" % int(ns["parent"]["ns"]["inum"]))
    reaper = ns["child_reaper"]
    if int(reaper):
        words.append("reaper %d (%s)" % (int(reaper["pid"]), string(reaper["comm"])))
    words.append("last_pid %d" % int(ns["last_pid"]))
    return ", ".join(words)


def ipc_details(ns):
    return "msg %d, sem %d, shm %d" % (int(ns["ids"][1]["in_use"]), int(ns["ids"][0]["in_use"]),
                                       int(ns["ids"][2]["in_use"]))


def uts_details(ns):
    return "nodename %s" % string(ns["name"]["nodename"])


def mnt_details(ns):
    return "%d mounts" % int(ns["mounts"])


DETAILS = {"user": user_details, "pid": pid_details, "ipc": ipc_details, "uts": uts_details,
           "mnt": mnt_details}


def task_namespaces(task):
    """(type, pointer) of each namespace @task is in, and of the pid namespace
    its children will be born in (not counted as one it is in)."""
    inside = [("user", task["real_cred"]["user_ns"])]
    active = task_active_pid_ns(task)
    if active is not None:
        inside.append(("pid", active))
    nsproxy = task["nsproxy"]
    if not int(nsproxy):        # an exited task has none
        return inside, []
    inside += [("uts", nsproxy["uts_ns"]), ("ipc", nsproxy["ipc_ns"]), ("mnt", nsproxy["mnt_ns"])]
    return inside, [("pid", nsproxy["pid_ns_for_children"])]


def all_namespaces():
    """{address: Namespace} of every namespace found from the tasks."""
    spaces = {}

    def add(kind, ptr):
        ns = spaces.get(int(ptr))
        if ns is None:
            ns = spaces[int(ptr)] = Namespace(kind, ptr)
            for up, up_kind in ((ns.owner(), "user"), (ns.parent(), kind)):
                if up is not None:
                    add(up_kind, up)
        return ns

    for task in for_each_task():
        inside, other = task_namespaces(task)
        for kind, ptr in inside:
            add(kind, ptr).tasks += 1
        for kind, ptr in other:
            add(kind, ptr)
    return spaces


def print_tree(lines, node, children, prefix, last, top):
    branch = "" if top else prefix + (TREE_LAST if last else TREE_BRANCH)
    lines.append((branch + str(node.inum), node.kind, str(node.tasks), hexaddr(node.ptr),
                  node.details()))
    kids = children.get(int(node.ptr), [])
    below = "" if top else prefix + (TREE_SPACE if last else TREE_PIPE)
    for i, kid in enumerate(kids):
        print_tree(lines, kid, children, below, i == len(kids) - 1, False)


class MxNstree(gdb.Command):
    """Show the namespaces as a tree of owners, as `lsns --tree` does.

Usage: mx-nstree
Each user namespace, then the namespaces it owns (pid, ipc, uts, mnt and
its child user namespaces) under it, by inode number.  TASKS counts the
tasks in each (a pid namespace: the tasks whose pid was born in it).
ADDRESS is the namespace's struct: p *(struct pid_namespace *)ADDRESS."""

    def __init__(self):
        super().__init__("mx-nstree", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        spaces = all_namespaces()
        children, roots = {}, []
        for ns in sorted(spaces.values(), key=lambda n: n.inum):
            owner = ns.owner()
            if owner is None or int(owner) not in spaces:
                roots.append(ns)
            else:
                children.setdefault(int(owner), []).append(ns)
        lines = [("NS", "TYPE", "TASKS", "ADDRESS", "DETAILS")]
        for ns in roots:
            print_tree(lines, ns, children, "", True, True)
        width = max(len(line[0]) for line in lines)
        for line in lines:
            gdb.write("%-*s %-4s %5s %-18s %s\n" % ((width,) + line))


def upid_pid(upid):
    """The struct pid holding @upid: it is numbers[upid->ns->level] there."""
    level = int(upid["ns"]["level"])
    first = int(upid.address) - level * upid_type.get_type().sizeof
    return container_of(first, pid_type, "numbers")


def pid_user_name(pid):
    """The command of the task using @pid as its pid, else as its group or session."""
    for kind, what in enumerate(("", " (pgid)", " (sid)")):
        task = pid_task(pid, kind)
        if task is not None:
            return string(task["comm"]) + what
    return "no task"


class MxPidhash(gdb.Command):
    """Show pid_hash's chains of upids (kernel/pid.c).

Usage: mx-pidhash
Each non-empty chain, each upid as "NR in pid:[NS]" with the command of
the task using its struct pid.  find_pid_ns(nr, ns) walks the one chain
pid_hashfn(nr, ns) picks."""

    def __init__(self):
        super().__init__("mx-pidhash", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        table = symbol_value("pid_hash", "kernel/pid.c")
        shift = int(gdb.parse_and_eval("pidhash_shift"))
        chains, total = [], 0
        for i in range(1 << shift):
            upids = list(hlist_for_each_entry(table[i], upid_type, "pid_chain"))
            total += len(upids)
            if upids:
                chains.append((i, " -> ".join(
                    "%d in pid:[%d] (%s)" % (int(u["nr"]), int(u["ns"]["ns"]["inum"]),
                                             pid_user_name(upid_pid(u))) for u in upids)))
        gdb.write("pid_hash: %d chains (pidhash_shift %d), %d upids hashed\n"
                  % (1 << shift, shift, total))
        for i, chain in chains:
            gdb.write("chain %4d: %s\n" % (i, chain))


MxNstree()
MxPidhash()
