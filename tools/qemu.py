#!/usr/bin/env python3
"""tools/qemu.py: how Matryoshka is booted in QEMU, for make run, make qemu-gdb and the harness.

Two boot paths:
  --iso FILE     the GRUB ISO (the real boot path: GRUB, multiboot2)
  --kernel FILE  QEMU's own multiboot loader (multiboot1) with qboot as
                 firmware: the fast path the test suite uses for most boots
The serial console is the only console.  The isa-debug-exit device lets
the kernel end QEMU with a status: 1 for a clean power-off, 3 for a panic;
-no-reboot turns a reset or triple fault into exit status 0.

With --gdb (make qemu-gdb) QEMU starts stopped (-S) with its gdb stub
listening on a per-user port, and this terminal is its console; docs/gdb.md
explains the two-terminal session and the rules below that keep QEMU from
ever outliving it."""
import argparse
import ctypes
import errno
import os
import signal
import socket
import subprocess
import sys

QBOOT = "/usr/share/qemu/qboot.rom"
EXIT_POWEROFF = 1
EXIT_PANIC = 3
EXIT_RESET = 0


def monitor_option(path):
    """QEMU's human monitor on Unix socket @path (the harness types `nmi` there)."""
    return ["-monitor", "unix:%s,server=on,wait=off" % path]


def cdrom_options(iso):
    """The ISO as a CD-ROM on an AHCI (SATA) controller, booted first.

    -cdrom would put it on the PIIX IDE controller, which SeaBIOS (and so
    GRUB, which reads through the BIOS) drives by programmed I/O: one port
    read per 2 bytes, each an exit to QEMU's device model under TCG, about
    0.1 s per MB of image.  AHCI moves the data by DMA, as a current
    machine's controller does.  GRUB's path is otherwise the same."""
    drive = "id=cd0,if=none,media=cdrom,readonly=on,format=raw,file=" + iso.replace(",", ",,")
    return ["-device", "ahci,id=ahci", "-drive", drive,
            "-device", "ide-cd,drive=cd0,bus=ahci.0,bootindex=0"]


def qemu_command(kernel=None, iso=None, initrd=None, cmdline="", accel="tcg",
                 mem="512M", cpu="max", gdb_fd=None, icount=None, extra=(), smp=1):
    """@smp CPUs; with more than one, TCG runs one host thread per CPU
    (thread=multi), so the guest's CPUs really run at the same time on a
    host with several cores (-icount needs one thread: bench's det mode
    stays at one CPU)."""
    cmd = ["qemu-system-x86_64", "-machine", "pc", "-m", mem, "-smp", str(smp),
           "-display", "none", "-no-reboot", "-nodefaults",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if accel == "kvm":
        cmd += ["-accel", "kvm", "-cpu", "host"]
    elif smp > 1 and icount is None:
        cmd += ["-accel", "tcg,thread=multi", "-cpu", cpu]
    else:
        cmd += ["-accel", "tcg", "-cpu", cpu]
    if icount is not None:
        cmd += ["-icount", "shift=%d" % icount]
    if iso:
        cmd += cdrom_options(iso)
    else:
        if os.path.exists(QBOOT):
            cmd += ["-bios", QBOOT]
        cmd += ["-kernel", kernel]
        if initrd:
            cmd += ["-initrd", initrd]
        if cmdline:
            cmd += ["-append", cmdline]
    if gdb_fd is not None:
        cmd += gdb_options(gdb_fd)
    cmd += list(extra)
    return cmd


def gdb_options(fd):
    """QEMU stopped before its first instruction (-S), its gdb stub on the
    listening socket @fd (which the caller made and QEMU inherits: no other
    program can take the port between choosing it and QEMU's start)."""
    return ["-S", "-chardev", "socket,id=gdb,fd=%d,server=on,wait=off,nodelay=on" % fd,
            "-gdb", "chardev:gdb"]


def gdb_listen(port=0):
    """A listening socket on localhost:@port (0: any free port), inheritable."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen(1)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


GDB_PORT_TRIES = 10


def user_gdb_socket(port=None):
    """The socket of make qemu-gdb: xv6's per-user port, 25000 + uid % 5000
    (two students on one machine do not collide), or the next free one of
    GDB_PORT_TRIES when it is taken; exactly @port if given."""
    if port:
        return gdb_listen(port)
    first = 25000 + os.getuid() % 5000
    for port in range(first, first + GDB_PORT_TRIES):
        try:
            return gdb_listen(port)
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                raise
            print("qemu-gdb: port %d is taken, trying %d" % (port, port + 1), file=sys.stderr)
    raise OSError(errno.EADDRINUSE, "ports %d to %d are all taken (GDBPORT=N picks one)"
                  % (first, first + GDB_PORT_TRIES - 1))


GDBINIT = """\
# {path}: written by `make qemu-gdb` (tools/qemu.py) for the QEMU it started,
# pid {pid}, whose gdb stub listens on localhost:{port}.  `make gdb` runs
# `gdb -x {path}`; docs/gdb.md explains each line.
file {elf}
source tools/gdb/gdbinit
echo + target remote localhost:{port}\\n
target remote localhost:{port}
# Fresh from `make qemu-gdb` the CPU is at the reset vector: run to start_kernel.
if $pc == 0xfff0
  thbreak start_kernel
  continue
end
"""


def write_gdb_files(gdbinit, port, elf):
    """build/gdbinit, which make gdb runs, and build/gdbport (just the port)."""
    with open(gdbinit, "w") as f:
        f.write(GDBINIT.format(path=gdbinit, pid=os.getpid(), port=port,
                               elf=os.path.abspath(elf)))
    with open(os.path.join(os.path.dirname(gdbinit), "gdbport"), "w") as f:
        f.write("%d\n" % port)


def die_with_parent():
    """QEMU gets SIGTERM when make (our parent) dies, even by SIGKILL: a crashed
    recipe leaves no QEMU behind.  The setting survives execve."""
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_PDEATHSIG = 1
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG)")
    if os.getppid() != parent:      # it died before the prctl
        sys.exit(1)


def exec_qemu_gdb(a, cmd):
    """make qemu-gdb: QEMU replaces this process, so nothing stands between it
    and the terminal (Ctrl-A X, a closed terminal's SIGHUP) or make."""
    try:
        sock = user_gdb_socket(a.gdb_port)
    except OSError as e:
        print("qemu-gdb: cannot listen for gdb%s: %s; QEMU not started" % (
            " on port %d" % a.gdb_port if a.gdb_port else "", e.strerror), file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    write_gdb_files(a.gdb, port, a.kernel)
    print("qemu-gdb: QEMU is stopped, waiting for gdb on localhost:%d.\n"
          "qemu-gdb: in another terminal: make gdb   (here: Ctrl-A X quits QEMU)"
          % port, file=sys.stderr, flush=True)
    die_with_parent()
    os.execvp(cmd[0], cmd + gdb_options(sock.fileno()))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kernel")
    ap.add_argument("--iso")
    ap.add_argument("--initrd")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--accel", default="tcg")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--smp", type=int, default=1, help="CPUs (make SMP=N)")
    ap.add_argument("--interactive", action="store_true")
    ap.add_argument("--gdb", metavar="GDBINIT",
                    help="wait for gdb; write the gdb commands that attach to GDBINIT")
    ap.add_argument("--gdb-port", type=int, help="this port, not the per-user one")
    a = ap.parse_args()
    cmd = qemu_command(kernel=a.kernel, iso=a.iso, initrd=a.initrd, cmdline=a.cmdline,
                       accel=a.accel, mem=a.mem, smp=a.smp)
    cmd += ["-serial", "mon:stdio"]
    if a.gdb:
        return exec_qemu_gdb(a, cmd)
    rc = subprocess.call(cmd)
    # A clean power-off is status 1 by the debug-exit convention; tell make it was fine.
    return 0 if rc in (EXIT_POWEROFF, EXIT_RESET) else rc


if __name__ == "__main__":
    sys.exit(main())
