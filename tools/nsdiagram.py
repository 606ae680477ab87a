#!/usr/bin/env python3
"""tools/nsdiagram.py: the namespace pictures of docs/, drawn from a running kernel.

`make diagrams` runs it.  It boots the kernel under gdb (tools/gdb_check.py's
session), has the shell build nested namespaces (SETUP: a user namespace
owning new pid, ipc, uts and mount namespaces with a message queue, and in
it a second user namespace owning a pid and an ipc namespace with a
semaphore set, all left running), runs `lsns -T` and `pstree -S --ns-pids`
there, then stops the kernel in a uname(2) and reads its structures with
the mx-* helpers (tools/gdb/).  From what they print it writes:

  docs/pid-namespaces.md    a task's struct pid with its upids and the pid
                            namespaces they point to; every task's number
                            in each namespace; pstree's tree; pid_hash
  docs/ipc-namespaces.md    each IPC namespace's ipc_ids and their objects
  docs/user-namespaces.md   the user namespaces and what each owns; lsns -T

Each picture goes between the markers

    <!-- nsdiagram:NAME (make diagrams: tools/nsdiagram.py writes this) -->
    <!-- /nsdiagram:NAME -->

in its page, as Mermaid (which GitHub draws) or as the tool's own output
in a code block.  Nothing in them is written by hand: inode numbers, pids,
keys and addresses are those of that boot (ipcmk's keys are random, so two
runs differ there).

    python3 tools/nsdiagram.py          # what make diagrams runs
"""
import os
import re
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import gdb_check  # noqa: E402

SETUP = ("unshare -U -r -p -f -i -u --mount-proc sh -c 'hostname inner; ipcmk -Q; "
         "unshare -U -r -p -f -i sh -c \"ipcmk -S 2; echo READY; sleep 1000\" & sleep 1000' &")
PSTREE = "pstree -l -S --ns-pids"
COMMANDS = [(SETUP, r"^READY$"), ("lsns -T", None), (PSTREE, None), ("uname -n", None)]
SECTIONS = [("uname", [gdb_check.UNAME_BREAK, "continue"]), ("mx-ps", ["mx-ps"]),
            ("mx-nstree", ["mx-nstree"]), ("mx-pidhash", ["mx-pidhash"]), ("mx-ipc", ["mx-ipc"])]
INIT_PID_NS = gdb_check.INIT_PID_NS
MARKER = "<!-- nsdiagram:%s (make diagrams: tools/nsdiagram.py writes this) -->"
END = "<!-- /nsdiagram:%s -->"


# ---- reading the session --------------------------------------------------

class Namespace:
    """A row of mx-nstree: its type, inode, the row it hangs under, its details."""

    def __init__(self, row, owner):
        self.depth, self.inum, self.kind, self.tasks, self.details = row
        self.owner = owner

    def detail(self, name):
        """A word of the details: "level" -> "2", "reaper" -> "6 (sh)"."""
        m = re.search(r"(?:^|, )%s ([^,]+)" % name, self.details)
        return m.group(1) if m else None


def namespaces(sections):
    """{inum: Namespace} from mx-nstree, each knowing its owner's inode."""
    found, stack = {}, []
    for row in gdb_check.nstree_rows(sections):
        del stack[row[0]:]
        found[row[1]] = Namespace(row, stack[-1] if stack else None)
        stack.append(row[1])
    return found


def console_output(console, command):
    """What the shell printed for @command, up to its next prompt.  (Typed at a
    prompt that a background job's output followed, its echo starts a line.)
    Terminal escapes go first: ash asks for the cursor's place after each prompt."""
    console = gdb_check.harness.ANSI_RE.sub("", console)
    m = re.search(r"^(?:# )?%s\n(.*?)^# " % re.escape(command), console, re.M | re.S)
    return m.group(1).rstrip("\n") if m else ""


def pid_chain(spaces, inum):
    """The pid namespaces from the initial one down to @inum."""
    chain = []
    while inum:
        chain.insert(0, inum)
        parent = spaces[inum].detail("parent")
        inum = int(parent) if parent else None
    return chain


# ---- Mermaid -----------------------------------------------------------------

def node(name, *lines):
    return '  %s["%s"]' % (name, "<br/>".join(line.replace('"', "'") for line in lines))


def mermaid(lines):
    return ["```mermaid"] + lines + ["```"]


def pid_struct(sections, spaces):
    """The deepest task's struct pid, its upids and the namespaces they point to."""
    task = max(gdb_check.ps_rows(sections), key=lambda r: (r["nspid"].count("/"), r["pid"]))
    chain = pid_chain(spaces, int(task["pidns"]))
    nrs = task["nspid"].split("/")
    lines = ["flowchart LR",
             node("T", "task_struct %s" % task["comm"], "pids[PIDTYPE_PID].pid"),
             node("P", "struct pid", "level %d" % (len(chain) - 1)), "  T --> P"]
    for level, inum in enumerate(chain):
        ns = spaces[inum]
        lines += [node("U%d" % level, "numbers[%d]: struct upid" % level, "nr %s" % nrs[level]),
                  node("N%d" % level, "pid_namespace %d" % inum, "level %d" % level,
                       "child_reaper: pid %s" % ns.detail("reaper")),
                  "  P --> U%d" % level, "  U%d -- ns --> N%d" % (level, level)]
        if level:
            lines.append("  N%d -- parent --> N%d" % (level, level - 1))
    return mermaid(lines)


def pid_table(sections, spaces):
    """Every task's number in each pid namespace it is in, one column per namespace."""
    pidns = sorted((n for n in spaces.values() if n.kind == "pid"),
                   key=lambda n: (int(n.detail("level")), n.inum))
    head = ["task"] + ["pid:[%d] (level %s)" % (n.inum, n.detail("level")) for n in pidns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for task in gdb_check.ps_rows(sections):
        if not task["pid"]:
            continue
        numbers = dict(zip(pid_chain(spaces, int(task["pidns"])), task["nspid"].split("/")))
        lines.append("| %s | %s |" % (task["comm"], " | ".join(numbers.get(n.inum, "")
                                                              for n in pidns)))
    return lines


def ipc_objects(sections, spaces):
    """Each IPC namespace, its owner, its three ipc_ids and the objects in them."""
    lines = ["flowchart LR"]
    for inum, kinds in sorted(gdb_check.ipc_tables(sections).items()):
        owner = spaces[inum].owner
        lines += [node("I%d" % inum, "ipc_namespace %d" % inum),
                  node("U%d" % owner, "user_namespace %d" % owner),
                  "  U%d -. owns .-> I%d" % (owner, inum)]
        for kind, (in_use, entries, ids) in kinds.items():
            name = "I%d%s" % (inum, kind)
            counters = ids.split(" in_use ")[1].replace(", ", "<br/>")
            lines += [node(name, ids.split(":")[1].split(" in_use")[0].strip() + " (%s)" % kind,
                           "in_use " + counters.replace("<br/>", ", ")),
                      "  I%d --> %s" % (inum, name)]
            for k, entry in enumerate(entries):
                m = re.search(r"idx (\d+) +id (\d+) +key (\S+) uid (\d+) +mode (\d+) (.*) 0x",
                              entry)
                lines += [node("%so%d" % (name, k), "idx %s: id %s" % m.group(1, 2),
                               "key %s, mode %s" % m.group(3, 5), m.group(6)),
                          "  %s --> %so%d" % (name, name, k)]
    return mermaid(lines)


def owners(spaces):
    """The user namespaces as a tree, each with the namespaces it owns."""
    nodes, edges = [], []
    for ns in sorted(spaces.values(), key=lambda n: n.inum):
        nodes.append(node("N%d" % ns.inum, "%s %d" % (ns.kind, ns.inum), *ns.details.split(", ")))
        if ns.owner:
            edge = "parent of" if ns.kind == "user" else "owns"
            edges.append("  N%d -- %s --> N%d" % (ns.owner, edge, ns.inum))
    return mermaid(["flowchart TD"] + nodes + edges)


# ---- the pages -----------------------------------------------------------------

def code(text):
    return ["```"] + text.splitlines() + ["```"]


def pictures(session):
    sections, console = session.sections, session.console
    spaces = namespaces(sections)
    return {
        "docs/pid-namespaces.md": {
            "pid-struct": pid_struct(sections, spaces),
            "pid-table": pid_table(sections, spaces),
            "pstree": code("# %s\n" % PSTREE + console_output(console, PSTREE)),
            "pidhash": code("(gdb) mx-pidhash\n" + "\n".join(sections["mx-pidhash"])),
        },
        "docs/ipc-namespaces.md": {
            "ipc-ids": ipc_objects(sections, spaces),
            "mx-ipc": code("(gdb) mx-ipc\n" + "\n".join(sections["mx-ipc"])),
        },
        "docs/user-namespaces.md": {
            "owners": owners(spaces),
            "lsns": code("# lsns -T\n" + console_output(console, "lsns -T")),
        },
    }


def replace_blocks(text, blocks, path):
    """@text with each marked block's lines replaced; an error names a missing marker."""
    for name, lines in blocks.items():
        begin, end = MARKER % name, END % name
        if begin not in text or end not in text:
            raise SystemExit("%s: no %s ... %s" % (path, begin, end))
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + "\n".join(lines) + "\n" + end + rest.split(end, 1)[1]
    return text


def main():
    session = gdb_check.run_session("nsdiagram", SECTIONS, COMMANDS)
    missing = [name for name, _ in SECTIONS if not session.sections.get(name)]
    if session.problem or missing:
        print("nsdiagram: %s (console: %s)" % (session.problem or "no output from " +
                                                ", ".join(missing),
                                                os.path.relpath(session.log, ROOT)))
        return 1
    for path, blocks in pictures(session).items():
        full = os.path.join(ROOT, path)
        with open(full) as f:
            text = replace_blocks(f.read(), blocks, path)
        with open(full, "w") as f:
            f.write(text)
        print("nsdiagram: %s: %s" % (path, ", ".join(blocks)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
