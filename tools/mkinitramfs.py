#!/usr/bin/env python3
"""tools/mkinitramfs.py: write the initramfs, a cpio "newc" archive.

The layout of the root file system:
  /sbin/init, /bin/*       user programs (build/user)
  /tests/*                 user-space test programs (build/tests)
  /bench/*                 benchmark programs (build/bench)
  /extra/*                 graders' extra tests (EXTRA=dir: static ELF files only)
  --root DIR (repeatable)  a tree overlaid at its own paths, after everything
                           else: its files and links replace the image's, its
                           directories merge with the image's (build/debian-root,
                           then EXTRA_ROOT=dir: programs with their shared libraries)
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


class Image:
    """The entries of the root, by path: a later add() of a path replaces it."""

    def __init__(self):
        self.entries = {}

    def add(self, name, mode, data=b""):
        self.entries[name] = (mode, data)

    def overlay(self, root):
        """Adds the tree @root at its paths: a file or link replaces the image's, a directory merges."""
        for dirpath, dirnames, filenames in os.walk(root):
            for name in sorted(dirnames) + sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                st = os.lstat(path)
                old = self.entries.get(rel)
                if old and stat.S_ISDIR(old[0]) != stat.S_ISDIR(st.st_mode):
                    sys.exit("mkinitramfs: %s: %s would replace the image's %s" %
                             (path, "a directory" if stat.S_ISDIR(st.st_mode) else
                              "a file", "directory" if stat.S_ISDIR(old[0]) else "file"))
                mode = stat.S_IFMT(st.st_mode) | stat.S_IMODE(st.st_mode)
                if stat.S_ISLNK(st.st_mode):
                    self.add(rel, mode, os.readlink(path).encode())
                elif stat.S_ISREG(st.st_mode):
                    with open(path, "rb") as f:
                        self.add(rel, mode, f.read())
                elif stat.S_ISDIR(st.st_mode):
                    self.add(rel, mode)
                else:
                    print("mkinitramfs: skipping %s (not a file, link or directory)" % path,
                          file=sys.stderr)
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]

    def archive(self):
        """The cpio archive, each directory before what it holds."""
        cpio = Cpio()
        for name in sorted(self.entries, key=lambda n: n.split("/")):
            cpio.add(name, *self.entries[name])
        return cpio.finish()


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


def add_dir_files(image, src, dst, only_elf=False):
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
            image.add("%s/%s" % (dst, name), stat.S_IFREG | 0o755, f.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--bin")
    ap.add_argument("--tests")
    ap.add_argument("--bench")
    ap.add_argument("--extra")
    ap.add_argument("--root", action="append", default=[])
    a = ap.parse_args()
    image = Image()
    for d in DIRS:
        image.add(d, stat.S_IFDIR | 0o755)
    image.add("dev/mqueue", stat.S_IFDIR | 0o755)
    image.add("dev/fd", stat.S_IFLNK | 0o777, b"/proc/self/fd")
    for fd, name in enumerate(["stdin", "stdout", "stderr"]):
        image.add("dev/" + name, stat.S_IFLNK | 0o777, b"/proc/self/fd/%d" % fd)
    image.add("etc/passwd", stat.S_IFREG | 0o644,
             b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home:/bin/sh\n"
             b"nobody:x:65534:65534:nobody:/:/bin/sh\n")
    image.add("etc/group", stat.S_IFREG | 0o644,
             b"root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n")
    if a.bin and os.path.isdir(a.bin):
        for name in sorted(os.listdir(a.bin)):
            path = os.path.join(a.bin, name)
            with open(path, "rb") as f:
                data = f.read()
            dst = "sbin/" + name if name == "init" else "bin/" + name
            image.add(dst, stat.S_IFREG | 0o755, data)
    add_dir_files(image, a.tests, "tests")
    add_dir_files(image, a.bench, "bench")
    add_dir_files(image, a.extra, "extra", only_elf=True)
    for root in a.root:
        if not os.path.isdir(root):
            sys.exit("mkinitramfs: --root %s: not a directory" % root)
        image.overlay(root)
    with open(a.out + ".tmp", "wb") as f:
        f.write(image.archive())
    os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
