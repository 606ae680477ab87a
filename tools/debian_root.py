#!/usr/bin/env python3
"""tools/debian_root.py: a tree of Debian 12's own dynamic programs and the
shared libraries they need, taken from this machine's installed packages,
for the image's root overlay (tools/mkinitramfs.py --root).

The test build puts it into every image so that glibc programs run on
Matryoshka unmodified: the glibc tests (tests/user/glibc_*.c, built with
gcc), Debian's bash, util-linux's namespace tools and procps's ps.  Each
program is named by the path its package installs (`dpkg -L`); its
libraries are the closure of the ELF DT_NEEDED entries, resolved in the
directories glibc's loader searches (/lib/x86_64-linux-gnu, then
/usr/lib/x86_64-linux-gnu), with the loader itself from PT_INTERP.

The tree is laid out as Debian 12 is installed (merged /usr): a package's
/bin/X, /sbin/X, /lib/X and /lib64/X live in usr/bin, usr/sbin, usr/lib
and usr/lib64, and the tree has lib -> usr/lib and lib64 -> usr/lib64, so
the loader's /lib64/ld-linux-x86-64.so.2 and the libraries' /lib paths
resolve.  The image keeps its own /bin (Matryoshka's static programs): a
Debian program is /usr/bin/NAME there.  Symbolic links a package ships
(libtinfo.so.6 -> libtinfo.so.6.4) stay links.

Next to the tree, DIR.txt lists every file with the package that owns it
(`dpkg -S`) and why it is there.  Python's standard library only."""
import argparse
import os
import shutil
import struct
import subprocess
import sys

# (package, path as the package installs it, why)
PROGRAMS = [
    ("libc6", "/lib/x86_64-linux-gnu/libc.so.6", "the C library of every glibc program"),
    ("libc6", "/lib/x86_64-linux-gnu/libm.so.6", "what tests/user/glibc_*.c dlopen()"),
    ("libgcc-s1", "/lib/x86_64-linux-gnu/libgcc_s.so.1",
     "the unwinder glibc dlopen()s for pthread_cancel and pthread_exit"),
    ("bash", "/bin/bash", "tests/scenarios/debian_bash.scn"),
    ("util-linux", "/usr/bin/unshare", "Debian's namespace tools"),
    ("util-linux", "/usr/bin/nsenter", "Debian's namespace tools"),
    ("util-linux", "/usr/bin/lsns", "Debian's namespace tools"),
    ("util-linux", "/usr/bin/ipcs", "Debian's namespace tools"),
    ("util-linux", "/usr/bin/ipcmk", "Debian's namespace tools"),
    ("util-linux", "/usr/bin/ipcrm", "Debian's namespace tools"),
    ("util-linux", "/usr/bin/setpriv", "Debian's namespace tools"),
    ("mount", "/bin/mount", "Debian's namespace tools"),
    ("mount", "/bin/umount", "Debian's namespace tools"),
    ("procps", "/bin/ps", "Debian's namespace tools"),
]
LIB_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"]
MERGED = ("/bin/", "/sbin/", "/lib/", "/lib64/")

PT_INTERP, PT_DYNAMIC, PT_LOAD, DT_NEEDED, DT_STRTAB = 3, 2, 1, 1, 5


def elf_deps(path):
    """(interpreter or None, [DT_NEEDED sonames]) of an ELF64 file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise SystemExit("debian_root: %s is not an ELF64 file" % path)
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    phdrs = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
    interp, dynamic = None, None
    for p_type, _, off, vaddr, _, filesz, _, _ in phdrs:
        if p_type == PT_INTERP:
            interp = data[off:off + filesz].rstrip(b"\0").decode()
        elif p_type == PT_DYNAMIC:
            dynamic = (off, filesz)
    if not dynamic:
        return interp, []
    entries = [struct.unpack_from("<qQ", data, dynamic[0] + i)
               for i in range(0, dynamic[1], 16)]
    strtab = next(v for t, v in entries if t == DT_STRTAB)
    for p_type, _, off, vaddr, _, filesz, _, _ in phdrs:
        if p_type == PT_LOAD and vaddr <= strtab < vaddr + filesz:
            strtab = strtab - vaddr + off
            break
    names = []
    for t, v in entries:
        if t == DT_NEEDED:
            end = data.index(b"\0", strtab + v)
            names.append(data[strtab + v:end].decode())
    return interp, names


def find_library(soname):
    """The library's path as its package names it (the host's /lib is /usr/lib)."""
    for d in LIB_DIRS:
        path = os.path.join(d, soname)
        if os.path.lexists(path) and owner(path, required=False):
            return path
    raise SystemExit("debian_root: no %s in %s (is its package installed?)" %
                     (soname, " or ".join(LIB_DIRS)))


def owner(path, required=True):
    """The package that installed @path, as dpkg -S says (None if none and not @required)."""
    r = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
    if r.returncode == 0:
        return r.stdout.split(":")[0]
    if required:
        raise SystemExit("debian_root: no package owns %s" % path)
    return None


def in_tree(path):
    """Where a package's path goes in the merged-/usr tree."""
    return "/usr" + path if path.startswith(MERGED) else path


class Tree:
    def __init__(self, out):
        self.out = out
        self.manifest = []
        self.done = set()

    def copy(self, path, why):
        """Copies @path (a link and then its target), from where the host has it."""
        if path in self.done:
            return
        self.done.add(path)
        dst = self.out + in_tree(path)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(path):
            target = os.readlink(path)
            os.symlink(target, dst)
            self.manifest.append((in_tree(path), owner(path), why, "-> " + target))
            self.copy(os.path.normpath(os.path.join(os.path.dirname(path), target)), why)
            return
        shutil.copy2(path, dst)
        self.manifest.append((in_tree(path), owner(path), why, ""))

    def add_program(self, path, why):
        self.copy(path, why)
        interp, needed = elf_deps(path)
        if interp:
            self.copy(interp, "the ELF interpreter of " + path)
        for soname in needed:
            lib = find_library(soname)
            if lib not in self.done:
                self.add_program(lib, "needed by " + path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="the tree to write (replaced)")
    a = ap.parse_args()
    tmp = a.out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp + "/usr/lib")
    os.makedirs(tmp + "/usr/lib64")
    os.symlink("usr/lib", tmp + "/lib")
    os.symlink("usr/lib64", tmp + "/lib64")
    tree = Tree(tmp)
    for package, path, why in PROGRAMS:
        if owner(path) != package:
            raise SystemExit("debian_root: %s is not %s's" % (path, package))
        tree.add_program(path, why)
    with open(tmp + ".txt", "w") as f:
        f.write("# path in the image, Debian package, why (tools/debian_root.py)\n")
        for path, pkg, why, link in sorted(tree.manifest):
            f.write("%-48s %-14s %s %s\n" % (path, pkg, why, link))
    shutil.rmtree(a.out, ignore_errors=True)
    os.replace(tmp, a.out)
    os.replace(tmp + ".txt", a.out + ".txt")


if __name__ == "__main__":
    main()
