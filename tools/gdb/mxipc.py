# tools/gdb/mxipc.py: an IPC namespace's ipc_ids tables, from gdb.
#
#   mx-ipc [NS]   the three ipc_ids of IPC namespace NS (an expression for a
#                 struct ipc_namespace *), or of every IPC namespace a task is in
#
# Each ipc_ids (include/linux/ipc_namespace.h) keeps its objects in an idr
# (include/linux/idr.h, lib/idr.c): a directory of dir_size leaves, each
# with IDR_LEAF_SIZE slots and a bitmap of the slots taken.  A slot holds
# the object's struct kern_ipc_perm, the first member of struct sem_array,
# msg_queue and shmid_kernel (ipc/sem.h, msg.h, shm.h).
import gdb

from mxutils import CachedType, string, hexaddr
from mxtasks import for_each_task

perm_type = CachedType("struct kern_ipc_perm")
KINDS = ((1, "msg", "struct msg_queue"), (0, "sem", "struct sem_array"),
         (2, "shm", "struct shmid_kernel"))     # IPC_MSG_IDS, IPC_SEM_IDS, IPC_SHM_IDS


def idr_entries(idr):
    """(idx, pointer) of every non-NULL entry of @idr (a struct idr), in idx order."""
    leaf_type = gdb.lookup_type("struct idr_leaf")
    slots = leaf_type["slot"].type.range()[1] + 1
    for d in range(int(idr["dir_size"])):
        leaf = idr["dir"][d]
        if not int(leaf):
            continue
        for s in range(slots):
            entry = leaf["slot"][s]
            if int(entry):
                yield d * slots + s, entry


def object_details(kind, perm):
    """What ipcs shows of an object besides its perm: queued messages, semaphores, size."""
    if kind == "msg":
        q = perm.cast(gdb.lookup_type("struct msg_queue").pointer())
        return "messages %d, bytes %d" % (int(q["q_qnum"]), int(q["q_cbytes"]))
    if kind == "sem":
        return "nsems %d" % int(perm.cast(gdb.lookup_type("struct sem_array").pointer())
                                ["sem_nsems"])
    shm = perm.cast(gdb.lookup_type("struct shmid_kernel").pointer())
    return "bytes %d, nattch %d" % (int(shm["shm_segsz"]), int(shm["shm_nattch"]))


def print_ids(ns, index, kind):
    ids = ns["ids"][index]
    gdb.write("  %s: ids[%d] in_use %d, seq %d, max_idx %d, last_idx %d, next_id %d\n"
              % (kind, index, int(ids["in_use"]), int(ids["seq"]), int(ids["max_idx"]),
                 int(ids["last_idx"]), int(ids["next_id"])))
    for idx, entry in idr_entries(ids["ipcs_idr"]):
        perm = entry.cast(perm_type.pointer())
        gdb.write("    idx %-3d id %-6d key 0x%08x uid %-5d mode %04o %s %s\n"
                  % (idx, int(perm["id"]), int(perm["key"]) & 0xffffffff,
                     int(perm["uid"]["val"]), int(perm["mode"]) & 0o7777,
                     object_details(kind, perm), hexaddr(perm)))


def print_namespace(ns):
    gdb.write("ipc:[%d] %s (owner user:[%d])\n" % (int(ns["ns"]["inum"]), hexaddr(ns),
                                                   int(ns["user_ns"]["ns"]["inum"])))
    for index, kind, _ in KINDS:
        print_ids(ns, index, kind)


def task_ipc_namespaces():
    """Every IPC namespace a task is in, by inode number."""
    found = {}
    for task in for_each_task():
        if int(task["nsproxy"]):
            ns = task["nsproxy"]["ipc_ns"]
            found[int(ns["ns"]["inum"])] = ns
    return [found[inum] for inum in sorted(found)]


class MxIpc(gdb.Command):
    """Show an IPC namespace's ipc_ids tables (msg, sem, shm).

Usage: mx-ipc [NS]
The counters that make ids (seq, last_idx, next_id) and each object's
idx, id, key, owner and mode, as ipcs shows them from inside.  With no
argument, every IPC namespace a task is in; else the one at NS, an
expression for a struct ipc_namespace *:
    mx-ipc &init_ipc_ns
    mx-ipc $mx_task_by_pid(42)->nsproxy->ipc_ns"""

    def __init__(self):
        super().__init__("mx-ipc", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if arg.strip():
            spaces = [gdb.parse_and_eval(arg).cast(
                gdb.lookup_type("struct ipc_namespace").pointer())]
        else:
            spaces = task_ipc_namespaces()
        for ns in spaces:
            print_namespace(ns)


MxIpc()
