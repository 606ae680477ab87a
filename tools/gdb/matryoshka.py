# tools/gdb/matryoshka.py: loads Matryoshka's gdb helpers (tools/gdb/gdbinit
# sources it), as Linux's vmlinux-gdb.py loads scripts/gdb/linux/.
#
#   mx-ps        tasks, with their pid at every pid-namespace level (mxtasks.py)
#   mx-nstree    the namespaces as a tree of owners (mxns.py)
#   mx-pidhash   pid_hash's chains (mxns.py)
#   mx-ipc       an IPC namespace's ipc_ids tables (mxipc.py)
#   mx-dmesg     the printk buffer (mxdmesg.py)
#   mx-bt PID    where a sleeping task is: its kernel call chain (mxtasks.py)
#   $mx_current(), $mx_task_by_pid(PID), $container_of()
#
# `help mx-ps` (and so on) says more; docs/gdb.md shows them at work.
import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

for module in ("mxutils", "mxtasks", "mxns", "mxipc", "mxdmesg"):
    if module in sys.modules:       # sourced again: take the edited files
        importlib.reload(sys.modules[module])
    else:
        importlib.import_module(module)
