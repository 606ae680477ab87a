# tools/gdb/mxtasks.py: tasks and their pids, from gdb.
#
#   mx-ps              every task, with its pid in every pid namespace it is in
#   mx-bt PID          a sleeping task's kernel call chain
#   $mx_current()      the running task (boot_pcpu.current_task)
#   $mx_task_by_pid(PID)  the task whose pid in the initial namespace is PID
#   $container_of(PTR, "TYPE", "MEMBER")  as the C macro
#
# As Linux's lx-ps, $lx_current, $lx_task_by_pid and $container_of
# (scripts/gdb/linux/tasks.py, cpus.py, utils.py),
# over Matryoshka's structures: every task, threads included, is on
# init_task.tasks (kernel/fork.c); task->pids[PIDTYPE_PID].pid is its struct
# pid, whose numbers[0..level] are its upids from the initial namespace in
# (include/linux/pid.h).
import gdb

from mxutils import CachedType, list_for_each_entry, offset_of, string, hexaddr

task_type = CachedType("struct task_struct")

PIDTYPE_PID = 0
# include/linux/sched.h: the state bits a letter is made of, as Linux's
# task_state_array ("R (running)", "S (sleeping)" ...).
STATE_LETTERS = ((0x0001, "S"), (0x0002, "D"), (0x0004, "T"), (0x0008, "t"))
EXIT_DEAD, EXIT_ZOMBIE = 0x0010, 0x0020


def init_task():
    return gdb.parse_and_eval("init_task")


def for_each_task():
    """init_task (pid 0), then every task on its list, threads included."""
    head = init_task()
    yield head
    yield from list_for_each_entry(head["tasks"], task_type, "tasks")


def task_pid(task):
    """task->pids[PIDTYPE_PID].pid: a struct pid *."""
    return task["pids"][PIDTYPE_PID]["pid"]


def pid_task(pid, kind=PIDTYPE_PID):
    """The first task using @pid as its pid (kind 0), group (1) or session (2),
    or None: Linux's pid_task(), through task->pids[kind].node."""
    first = pid["tasks"][kind]["first"]
    if not int(first):
        return None
    link = gdb.lookup_type("struct pid_link")
    offset = offset_of(task_type.get_type(), "pids") + kind * link.sizeof + \
        offset_of(link, "node")
    return gdb.Value(int(first) - offset).cast(task_type.pointer()).dereference()


def pid_upids(pid):
    """The (nr, struct pid_namespace *) of @pid, outermost (level 0) first."""
    if not int(pid):
        return []
    return [(int(pid["numbers"][i]["nr"]), pid["numbers"][i]["ns"])
            for i in range(int(pid["level"]) + 1)]


def task_active_pid_ns(task):
    """The pid namespace @task lives in: its pid's innermost upid's."""
    upids = pid_upids(task_pid(task))
    return upids[-1][1] if upids else None


def nspid(task):
    """"4107/42/1": the task's pid at each level, as NSpid in /proc/PID/status."""
    return "/".join(str(nr) for nr, _ in pid_upids(task_pid(task))) or "-"


def state_letter(task):
    """ps's letter for @task: R, S, D, T, t, Z or X."""
    exit_state = int(task["exit_state"])
    if exit_state & EXIT_ZOMBIE:
        return "Z"
    if exit_state & EXIT_DEAD:
        return "X"
    state = int(task["state"])
    for bit, letter in STATE_LETTERS:
        if state & bit:
            return letter
    return "R"


def current_task():
    return gdb.parse_and_eval("boot_pcpu.current_task")


def find_task(pid):
    for task in for_each_task():
        if int(task["pid"]) == pid:
            return task
    return None


class MxPs(gdb.Command):
    """List every task, with its pid in every pid namespace it is in.

Usage: mx-ps
Each task's address, pid and parent's pid (initial namespace), state,
command, pid at every pid-namespace level from the initial one in (NSPID,
as /proc/PID/status's NSpid) and the inode number of the pid namespace it
lives in (as /proc/PID/ns/pid says).  A `>` marks the running task.
Matryoshka's lx-ps."""

    def __init__(self):
        super().__init__("mx-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        current = int(current_task())
        rows = [("", "TASK", "PID", "PPID", "S", "COMM", "NSPID", "PIDNS")]
        for task in for_each_task():
            ns = task_active_pid_ns(task)
            parent = task["real_parent"]
            rows.append((">" if int(task.address) == current else "", hexaddr(task.address),
                         str(int(task["pid"])),
                         str(int(parent["tgid"])) if int(task["pid"]) else "0",
                         state_letter(task), string(task["comm"]), nspid(task),
                         str(int(ns["ns"]["inum"])) if ns is not None else "-"))
        for row in rows:
            gdb.write("%1s%-18s %5s %5s %1s %-15s %-12s %s\n" % row)


class MxCurrent(gdb.Function):
    """Return the running task (a struct task_struct).

$mx_current(): boot_pcpu.current_task (one CPU), as Linux's $lx_current().
    p $mx_current()->comm"""

    def __init__(self):
        super().__init__("mx_current")

    def invoke(self):
        return current_task().dereference()


class MxTaskByPid(gdb.Function):
    """Return the task of a pid in the initial pid namespace (a struct task_struct).

$mx_task_by_pid(PID), as Linux's $lx_task_by_pid(PID).
    p $mx_task_by_pid(1)->nsproxy->uts_ns->name"""

    def __init__(self):
        super().__init__("mx_task_by_pid")

    def invoke(self, pid):
        task = find_task(int(pid))
        if task is None:
            raise gdb.GdbError("no task has pid %d" % int(pid))
        return task


class ContainerOf(gdb.Function):
    """Return the structure a member pointer is in, as the C macro container_of.

$container_of(PTR, "TYPE", "MEMBER"): a TYPE * (Linux's $container_of).
    p *$container_of(init_task.tasks.next, "struct task_struct", "tasks")"""

    def __init__(self):
        super().__init__("container_of")

    def invoke(self, ptr, type_name, member):
        type_ = gdb.lookup_type(type_name.string())
        return gdb.Value(int(ptr) - offset_of(type_, member.string())).cast(type_.pointer())


MxPs()
MxCurrent()
MxTaskByPid()
ContainerOf()



# include/linux/sched.h: THREAD_SIZE, a task's kernel stack (a macro: not in the DWARF).
THREAD_SIZE = 16384


def frame_line(pc):
    """"func+0x1c at file.c:123" for a return address, as the kernel's traces name it."""
    sym = gdb.execute("info symbol 0x%x" % pc, to_string=True).split(" in section")[0]
    name, _, offset = sym.partition(" + ")
    sal = gdb.find_pc_line(pc - 1)     # the call, not the instruction after it
    where = " at %s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else ""
    return "%s+0x%x%s" % (name.strip(), int(offset or 0), where)


def sleeping_frames(task, depth=32):
    """The return addresses of a switched-out task, innermost first.

    __switch_to_asm (kernel/switch.S) left the callee-saved registers at
    thread.sp, %rbp last with the return address above it; the frame-pointer
    chain goes on from there, as kernel/sched/debug.c's get_wchan reads it."""
    inferior = gdb.selected_inferior()
    bottom, sp = int(task["stack"]), int(task["thread"]["sp"])

    def word(addr):
        return int.from_bytes(bytes(inferior.read_memory(addr, 8)), "little")

    fp, pc, frames = word(sp + 40), word(sp + 48), []
    while pc and len(frames) < depth:
        frames.append(pc)
        if not bottom <= fp < bottom + THREAD_SIZE - 16:
            break
        fp, pc = word(fp), word(fp + 8)
    return frames


class MxBt(gdb.Command):
    """Show where a sleeping task is: its kernel call chain.

Usage: mx-bt PID
PID in the initial pid namespace (mx-ps lists them).  gdb's own bt shows
only the running task; a task that is switched out has its registers on
its kernel stack, and mx-bt follows its frame pointers from there.  For
the running task (the one mx-ps marks with >), use bt."""

    def __init__(self):
        super().__init__("mx-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        task = find_task(int(gdb.parse_and_eval(arg)))
        if task is None:
            raise gdb.GdbError("no task has pid %s" % arg)
        if int(task.address) == int(current_task()):
            raise gdb.GdbError("pid %s is running: use bt" % arg)
        for i, pc in enumerate(sleeping_frames(task)):
            gdb.write("#%-2d 0x%016x in %s\n" % (i, pc, frame_line(pc)))


MxBt()
