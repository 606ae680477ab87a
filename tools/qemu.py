#!/usr/bin/env python3
"""tools/qemu.py: how Matryoshka is booted in QEMU, for make run, make gdb and the harness.

Two boot paths:
  --iso FILE     the GRUB ISO (the real boot path: GRUB, multiboot2)
  --kernel FILE  QEMU's own multiboot loader (multiboot1) with qboot as
                 firmware: the fast path the test suite uses for most boots
The serial console is the only console.  The isa-debug-exit device lets
the kernel end QEMU with a status: 1 for a clean power-off, 3 for a panic;
-no-reboot turns a reset or triple fault into exit status 0."""
import argparse
import os
import shutil
import subprocess
import sys

QBOOT = "/usr/share/qemu/qboot.rom"
EXIT_POWEROFF = 1
EXIT_PANIC = 3
EXIT_RESET = 0


def monitor_option(path):
    """QEMU's human monitor on Unix socket @path (the harness types `nmi` there)."""
    return ["-monitor", "unix:%s,server=on,wait=off" % path]


def qemu_command(kernel=None, iso=None, initrd=None, cmdline="", accel="tcg",
                 mem="512M", cpu="max", gdb=False, icount=None, extra=()):
    cmd = ["qemu-system-x86_64", "-machine", "pc", "-m", mem, "-smp", "1",
           "-display", "none", "-no-reboot", "-nodefaults",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if accel == "kvm":
        cmd += ["-accel", "kvm", "-cpu", "host"]
    else:
        cmd += ["-accel", "tcg", "-cpu", cpu]
    if icount is not None:
        cmd += ["-icount", "shift=%d" % icount]
    if iso:
        cmd += ["-cdrom", iso, "-boot", "d"]
    else:
        if os.path.exists(QBOOT):
            cmd += ["-bios", QBOOT]
        cmd += ["-kernel", kernel]
        if initrd:
            cmd += ["-initrd", initrd]
        if cmdline:
            cmd += ["-append", cmdline]
    if gdb:
        cmd += ["-s", "-S"]
    cmd += list(extra)
    return cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kernel")
    ap.add_argument("--iso")
    ap.add_argument("--initrd")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--accel", default="tcg")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--interactive", action="store_true")
    ap.add_argument("--gdb", action="store_true")
    a = ap.parse_args()
    cmd = qemu_command(kernel=a.kernel, iso=a.iso, initrd=a.initrd, cmdline=a.cmdline,
                       accel=a.accel, mem=a.mem, gdb=a.gdb)
    cmd += ["-serial", "mon:stdio"]
    if a.gdb:
        qemu = subprocess.Popen(cmd)
        gdb = shutil.which("gdb")
        if not gdb:
            print("gdb is not installed", file=sys.stderr)
            return 1
        elf = a.kernel
        rc = subprocess.call([gdb, "-q", elf, "-ex", "target remote localhost:1234",
                              "-ex", "hbreak start_kernel", "-ex", "continue"])
        qemu.kill()
        return rc
    rc = subprocess.call(cmd)
    # A clean power-off is status 1 by the debug-exit convention; tell make it was fine.
    return 0 if rc in (EXIT_POWEROFF, EXIT_RESET) else rc


if __name__ == "__main__":
    sys.exit(main())
