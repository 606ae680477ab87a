# tools/gdb/mxdmesg.py: the printk buffer, from gdb.
#
#   mx-dmesg [N]   the kernel log (its last N lines), as dmesg prints it
#
# As Linux's lx-dmesg, over kernel/printk.c's ring: log.buf holds the last
# LOG_BUF_LEN bytes written, log.head counts every byte ever written, so
# the oldest byte kept is at head - LEN (or 0) and buf[i % LEN] holds byte i.
# Each line is kept as syslog(2) gives it, '<level>[time] text'; dmesg and
# this command print it without the level.
# It works when the kernel cannot print any more: stopped in a debugger, or
# hung with interrupts off.
import re

import gdb

from mxutils import symbol_value


def log_text():
    log = symbol_value("log", "kernel/printk.c")
    size = log["buf"].type.sizeof
    head = int(log["head"])
    data = bytes(gdb.selected_inferior().read_memory(log["buf"].address, size))
    if head <= size:
        return data[:head].decode(errors="replace")
    return (data[head % size:] + data[:head % size]).decode(errors="replace")


class MxDmesg(gdb.Command):
    """Print the kernel log from the printk buffer, as dmesg does.

Usage: mx-dmesg [N]
kernel/printk.c's ring, or its last N lines.  Matryoshka's lx-dmesg."""

    def __init__(self):
        super().__init__("mx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        lines = [re.sub(r"^<\d+>", "", line) for line in log_text().splitlines()]
        if arg.strip():
            lines = lines[-int(arg):]
        for line in lines:
            gdb.write(line + "\n")


MxDmesg()
