#!/usr/bin/env python3
"""tools/mkinitramfs.py: write the initramfs, a cpio "newc" archive.

The root file system is laid out as Debian 12 installs one (merged /usr:
/bin, /sbin, /lib and /lib64 are links into /usr), built up in this order,
a later file or link replacing an earlier one at the same path:
  --base DIR               the userland: Debian's programs and libraries
                           (build/debian-root, tools/debian_root.py)
  /sbin/init, /bin/*       the project's programs (--bin FILE...: init, fuzz)
  /tests/*                 user-space test programs (build/tests)
  /bench/*                 benchmark programs (build/bench)
  /extra/*                 graders' extra tests (EXTRA=dir: ELF executables only)
  --root DIR (repeatable)  a tree overlaid at its own paths, after everything
                           else (EXTRA_ROOT=dir: programs with their shared
                           libraries)
  /dev, /proc, /tmp, /etc, /root, /sys, /dev/mqueue, /dev/shm   directories
  /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr     links into /proc/self/fd,
                           as Linux distributions make them (udev, systemd)
  /etc/passwd, /etc/group  root, user (1000) and nobody
With --system-out and --tests-out, the same image is also written as two
archives that together make it: the tests and benchmarks (/tests, /bench)
alone, and everything else.  The GRUB ISO that `make run` boots holds only
the second: GRUB reads every byte of what it loads through the BIOS, so
the tests would cost every interactive boot about a third of a second for
nothing (docs/benchmarks.md); the suite's ISO boot loads both, as two
modules (tools/mkiso.py), and the kernel unpacks each.
The project's programs, tests and benchmarks go in without their symbols
and debug information (objcopy --strip-all, as distributions install
programs; the copies under build/ keep them for gdb): less of the ISO's
compressed image for GRUB to load (docs/benchmarks.md).  Debian's files,
graders' extra files and --root trees go in as they are.
A tree's directories merge with the image's, through the image's links: a
tree's bin/X lands in /usr/bin/X, as dpkg and tar put it on a merged-/usr
system.  The format is the one Linux's populate_rootfs reads (see
Documentation/driver-api/early-userspace/buffer-format.rst)."""
import argparse
import os
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elf  # noqa: E402

DIRS = ["usr", "usr/bin", "usr/sbin", "usr/lib", "usr/lib64", "dev", "proc", "tmp", "etc",
        "root", "sys", "tests", "extra", "bench", "mnt", "home"]
MERGED = ["bin", "sbin", "lib", "lib64"]       # links into /usr


class Image:
    """The entries of the root, by path: a later add() of a path replaces it."""

    def __init__(self):
        self.entries = {}
        self.early = set()      # the paths archived first (see archive)

    def add(self, name, mode, data=b""):
        self.entries[name] = (mode, data)

    def resolve(self, rel):
        """@rel with the image's links to directories along it followed (bin/x is usr/bin/x)."""
        parts, done = rel.split("/"), []
        for i, part in enumerate(parts):
            path = "/".join(done + [part])
            entry = self.entries.get(path)
            if entry and stat.S_ISLNK(entry[0]) and i < len(parts) - 1:
                target = entry[1].decode()
                base = [] if target.startswith("/") else done
                done = os.path.normpath("/".join(base + [target.strip("/")])).split("/")
            else:
                done.append(part)
        return "/".join(done)

    def overlay(self, root):
        """Adds the tree @root at its paths: a file or link replaces the image's, a
        directory merges with the image's directory or link to one."""
        for dirpath, dirnames, filenames in os.walk(root):
            for name in sorted(dirnames) + sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = self.resolve(os.path.relpath(path, root))
                st = os.lstat(path)
                old = self.entries.get(rel)
                is_dir = stat.S_ISDIR(st.st_mode)
                if old and stat.S_ISLNK(old[0]) and is_dir:
                    continue            # bin/ onto the image's bin -> usr/bin
                if old and stat.S_ISDIR(old[0]) != is_dir:
                    sys.exit("mkinitramfs: %s: %s would replace the image's %s" %
                             (path, "a directory" if is_dir else "a file",
                              "directory" if stat.S_ISDIR(old[0]) else "file"))
                mode = stat.S_IFMT(st.st_mode) | stat.S_IMODE(st.st_mode)
                if stat.S_ISLNK(st.st_mode):
                    self.add(rel, mode, os.readlink(path).encode())
                elif stat.S_ISREG(st.st_mode):
                    with open(path, "rb") as f:
                        self.add(rel, mode, f.read())
                elif is_dir:
                    self.add(rel, mode)
                else:
                    print("mkinitramfs: skipping %s (not a file, link or directory)" % path,
                          file=sys.stderr)
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]

    def archive(self, keep=lambda name: True):
        """The cpio archive of the entries whose path @keep accepts, each
        directory before what it holds, and the early paths (the skeleton
        and the project's programs, init among them) before everything
        else: a machine with too little memory for the whole image still
        gets its init (tests/scenarios/initramfs_lowmem.scn)."""
        cpio = Cpio()
        for name in sorted(self.entries, key=lambda n: (n not in self.early, n.split("/"))):
            if keep(name):
                cpio.add(name, *self.entries[name])
        return cpio.finish()


PAGE_SIZE = 4096
HEADER_SIZE = 110
PATH_MAX = 4096		# Linux's do_header skips an entry whose name is longer


def align4(n):
    return (n + 3) & ~3


class Cpio:
    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def name_field(self, name, data_len):
        """The name as stored: NUL-terminated, and for a file of a page or
        more, followed by more NULs so that its data starts on a page
        boundary of the archive (the kernel then uses those pages as the
        file's, fs/initramfs.c); readers stop at the first NUL.  None when
        the padding would make the name longer than Linux reads."""
        name_b = name.encode() + b"\0"
        if data_len < PAGE_SIZE:
            return name_b
        start = len(self.out) + HEADER_SIZE
        pad = -align4(start + len(name_b)) % PAGE_SIZE
        if len(name_b) + pad > PATH_MAX:
            return None
        return name_b + b"\0" * pad

    def add(self, name, mode, data=b""):
        name_b = self.name_field(name, len(data) if stat.S_ISREG(mode) else 0)
        if name_b is None:
            # An entry for "." (which readers leave as it is) whose name
            # field ends where this file's header must start.
            pad = -align4(len(self.out) + HEADER_SIZE + len(name) + 1) % PAGE_SIZE
            self.entry(b".\0" + b"\0" * (pad - HEADER_SIZE - 2), stat.S_IFDIR | 0o755, b"")
            name_b = self.name_field(name, len(data))
        self.entry(name_b, mode, data)

    def entry(self, name_b, mode, data):
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


def program_bytes(path, strip):
    """The file's bytes; with @strip, an ELF program's without its symbols
    and debug information (the file itself is left alone)."""
    if strip and elf.is_program(path):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "stripped")
            subprocess.run(["objcopy", "--strip-all", path, out], check=True)
            with open(out, "rb") as f:
                return f.read()
    with open(path, "rb") as f:
        return f.read()


def add_dir_files(image, src, dst, only_elf=False, strip=True):
    if not src or not os.path.isdir(src):
        return
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        if not os.path.isfile(path):
            continue
        if only_elf and not elf.is_program(path):
            print("mkinitramfs: skipping %s (not an ELF executable)" % path,
                  file=sys.stderr)
            continue
        image.add("%s/%s" % (dst, name), stat.S_IFREG | 0o755, program_bytes(path, strip))


TEST_DIRS = ("tests", "bench")	# what --tests-out holds (and --system-out does not)


def in_test_dirs(name):
    """Whether @name is /tests, /bench or under one of them."""
    return name.split("/", 1)[0] in TEST_DIRS


def write_archive(path, data):
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def overlay(image, root, option):
    if not os.path.isdir(root):
        sys.exit("mkinitramfs: %s %s: not a directory" % (option, root))
    image.overlay(root)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--bin", nargs="*", default=[], help="the project's programs (files)")
    ap.add_argument("--tests")
    ap.add_argument("--bench")
    ap.add_argument("--extra")
    ap.add_argument("--base", help="the tree the image starts from (build/debian-root)")
    ap.add_argument("--root", action="append", default=[])
    ap.add_argument("--system-out", help="also: the image without /tests and /bench")
    ap.add_argument("--tests-out", help="also: /tests and /bench alone")
    a = ap.parse_args()
    image = Image()
    for d in DIRS:
        image.add(d, stat.S_IFDIR | 0o755)
    for d in MERGED:
        image.add(d, stat.S_IFLNK | 0o777, b"usr/" + d.encode())
    image.early.update(DIRS + MERGED)
    if a.base:
        overlay(image, a.base, "--base")
    image.add("dev/mqueue", stat.S_IFDIR | 0o755)
    image.add("dev/shm", stat.S_IFDIR | 0o1777)     # init mounts a tmpfs on it
    image.add("dev/fd", stat.S_IFLNK | 0o777, b"/proc/self/fd")
    for fd, name in enumerate(["stdin", "stdout", "stderr"]):
        image.add("dev/" + name, stat.S_IFLNK | 0o777, b"/proc/self/fd/%d" % fd)
    image.add("etc/passwd", stat.S_IFREG | 0o644,
             b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home:/bin/sh\n"
             b"nobody:x:65534:65534:nobody:/:/bin/sh\n")
    image.add("etc/group", stat.S_IFREG | 0o644,
             b"root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n")
    for path in a.bin:
        name = os.path.basename(path)
        dst = "usr/sbin/" + name if name == "init" else "usr/bin/" + name
        image.add(dst, stat.S_IFREG | 0o755, program_bytes(path, True))
        image.early.add(dst)
    add_dir_files(image, a.tests, "tests")
    add_dir_files(image, a.bench, "bench")
    add_dir_files(image, a.extra, "extra", only_elf=True, strip=False)
    for root in a.root:
        overlay(image, root, "--root")
    write_archive(a.out, image.archive())
    if a.system_out:
        write_archive(a.system_out, image.archive(lambda n: not in_test_dirs(n)))
    if a.tests_out:
        write_archive(a.tests_out, image.archive(in_test_dirs))


if __name__ == "__main__":
    main()
