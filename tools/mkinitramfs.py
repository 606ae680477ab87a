#!/usr/bin/env python3
"""tools/mkinitramfs.py: write the initramfs, a cpio "newc" archive.

The layout of the root file system:
  /sbin/init, /bin/*       user programs (build/user)
  /tests/*                 user-space test programs (build/tests)
  /bench/*                 benchmark programs (build/bench)
  /extra/*                 graders' extra tests (EXTRA=dir: static ELF files only)
  /dev, /proc, /tmp, /etc, /root, /sys, /dev/mqueue   empty directories
  /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr     links into /proc/self/fd,
                           as Linux distributions make them (udev, systemd)
The format is the one Linux's populate_rootfs reads (see
Documentation/driver-api/early-userspace/buffer-format.rst)."""
import argparse
import os
import stat
import sys

DIRS = ["bin", "sbin", "dev", "proc", "tmp", "etc", "root", "sys", "tests",
        "extra", "bench", "mnt", "home"]


class Cpio:
    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def add(self, name, mode, data=b""):
        name_b = name.encode() + b"\0"
        hdr = "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x" % (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0)
        self.ino += 1
        self.out += hdr.encode() + name_b
        self.pad()
        self.out += data
        self.pad()

    def pad(self):
        while len(self.out) % 4:
            self.out += b"\0"

    def finish(self):
        self.add("TRAILER!!!", 0)
        while len(self.out) % 512:
            self.out += b"\0"
        return bytes(self.out)


def is_static_elf(path):
    with open(path, "rb") as f:
        head = f.read(64)
    if head[:4] != b"\x7fELF" or head[4] != 2:
        return False
    e_type = int.from_bytes(head[16:18], "little")
    return e_type == 2  # ET_EXEC: static, not PIE or a shared object


def add_dir_files(cpio, src, dst, only_elf=False):
    if not src or not os.path.isdir(src):
        return
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        if not os.path.isfile(path):
            continue
        if only_elf and not is_static_elf(path):
            print("mkinitramfs: skipping %s (not a static ELF executable)" % path,
                  file=sys.stderr)
            continue
        with open(path, "rb") as f:
            cpio.add("%s/%s" % (dst, name), stat.S_IFREG | 0o755, f.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--bin")
    ap.add_argument("--tests")
    ap.add_argument("--bench")
    ap.add_argument("--extra")
    a = ap.parse_args()
    cpio = Cpio()
    for d in DIRS:
        cpio.add(d, stat.S_IFDIR | 0o755)
    cpio.add("dev/mqueue", stat.S_IFDIR | 0o755)
    cpio.add("dev/fd", stat.S_IFLNK | 0o777, b"/proc/self/fd")
    for fd, name in enumerate(["stdin", "stdout", "stderr"]):
        cpio.add("dev/" + name, stat.S_IFLNK | 0o777, b"/proc/self/fd/%d" % fd)
    cpio.add("etc/passwd", stat.S_IFREG | 0o644,
             b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home:/bin/sh\n"
             b"nobody:x:65534:65534:nobody:/:/bin/sh\n")
    cpio.add("etc/group", stat.S_IFREG | 0o644,
             b"root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n")
    if a.bin and os.path.isdir(a.bin):
        for name in sorted(os.listdir(a.bin)):
            path = os.path.join(a.bin, name)
            with open(path, "rb") as f:
                data = f.read()
            dst = "sbin/" + name if name == "init" else "bin/" + name
            cpio.add(dst, stat.S_IFREG | 0o755, data)
    add_dir_files(cpio, a.tests, "tests")
    add_dir_files(cpio, a.bench, "bench")
    add_dir_files(cpio, a.extra, "extra", only_elf=True)
    with open(a.out + ".tmp", "wb") as f:
        f.write(cpio.finish())
    os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
