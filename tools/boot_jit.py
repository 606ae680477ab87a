#!/usr/bin/env python3
"""tools/boot_jit.py: how much code QEMU translates on the way to the shell prompt.

Under TCG, code run for the first time is translated first: each
translation block (TB, one guest basic block) costs QEMU far more than
running it later.  A boot runs most of its code once, so the number of
blocks translated, not the instructions executed, is what its host time
follows.  This boots the `-kernel` path to the prompt (tools/qemu.py's
command, the prompt boot's initramfs) with QEMU's monitor on a socket,
stops the guest as the kernel says `Run /sbin/init` and as the prompt
appears, and prints the TB count of QEMU's `info jit` at each: the
kernel's share, then init's and the shell's.

    python3 tools/boot_jit.py [--boots N] [--kernel ELF] [--initrd CPIO]
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import monitor_option, qemu_command  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKS = [("init", b"Run /sbin/init as init process"), ("prompt", b"# ")]
TB_RE = re.compile(r"TB count\s+(\d+)")


def monitor(path, command):
    """Sends @command to QEMU's human monitor at @path; its reply."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.settimeout(5)
    reply = b""
    while b"(qemu)" not in reply:
        reply += s.recv(4096)
    s.sendall(command.encode() + b"\n")
    reply = b""
    while reply.count(b"(qemu)") < 1:
        reply += s.recv(65536)
    s.close()
    return reply.decode(errors="replace")


def boot(kernel, initrd):
    """One boot: {mark: TB count when the guest printed it}."""
    sock = os.path.join(tempfile.mkdtemp(prefix="boot-jit-"), "mon.sock")
    cmd = qemu_command(kernel=kernel, initrd=initrd) + ["-serial", "stdio"] + \
        monitor_option(sock)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    counts, text, marks = {}, b"", list(MARKS)
    try:
        while marks:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            text += chunk
            if marks[0][1] in text:
                monitor(sock, "stop")
                m = TB_RE.search(monitor(sock, "info jit"))
                counts[marks[0][0]] = int(m.group(1)) if m else None
                monitor(sock, "cont")
                marks.pop(0)
    finally:
        proc.kill()
        proc.wait()
        if os.path.exists(sock):
            os.unlink(sock)
        os.rmdir(os.path.dirname(sock))
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--boots", type=int, default=3)
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "matryoshka.elf"))
    ap.add_argument("--initrd", default=os.path.join(ROOT, "build", "initramfs-system.cpio"))
    args = ap.parse_args()
    runs = [boot(args.kernel, args.initrd) for _ in range(args.boots)]
    for name, _ in MARKS:
        got = [r[name] for r in runs if r.get(name) is not None]
        if not got:
            print("%-7s no count (the boot never printed it)" % name)
            continue
        print("%-7s TBs translated by then: median %d (%s)" % (
            name, statistics.median(got), ", ".join(str(g) for g in got)))
    init = [r["init"] for r in runs if r.get("init") is not None]
    prompt = [r["prompt"] for r in runs if r.get("prompt") is not None]
    if init and prompt:
        print("user    init and the shell: median %d" % statistics.median(
            p - i for p, i in zip(prompt, init)))
    return 0 if prompt else 1


if __name__ == "__main__":
    sys.exit(main())
