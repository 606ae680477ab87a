#!/usr/bin/env python3
"""tools/debian_root.py: the image's userland, a tree built from Debian 12's
own packages: busybox (the shell and the small tools), bash, util-linux,
mount, procps and glibc, unmodified, with the shared libraries they need.

Busybox is Debian's `busybox` package, not `busybox-static`: that one is
built with FEATURE_SH_STANDALONE, so its ash runs its own applets before
anything on PATH, and `ps` or `unshare` typed at its prompt would be
busybox's, never procps's or util-linux's.  The `busybox` package is the
same busybox 1.35, linked with glibc, whose ash looks commands up on PATH.

Every file comes out of a .deb that `apt-get download` fetched (through
`tools/deps.sh --download`, into a cache, build/debs/ by default) and
`dpkg -x` unpacked: nothing is taken from the machine that builds.  A
program is named by its package and the path the package installs it at;
its libraries are the closure of its ELF DT_NEEDED entries, each found in
the library packages its package depends on (Depends and Pre-Depends,
fetched when a program needs them), and the ELF interpreter comes from
PT_INTERP.  Only those files go into the tree, not whole packages.

What a package's maintainer scripts would do at installation is done here
for the few files the image needs: busybox's applets become links to
/bin/busybox (as `busybox --install -s` makes them, its applet list read
from the binary itself), unless a Debian package in the tree provides that
program (util-linux's unshare, procps's ps, ...); /etc/profile is
base-files' template and /etc/nsswitch.conf libc-bin's, as their postinst
scripts copy them; the profile's two `$(id -u)` are read by the shell from
/proc/self/status instead (PROFILE_EUID: two processes fewer before the
prompt); /etc/ld.so.cache is written by libc-bin's own ldconfig, as its
postinst runs it.

The tree is laid out as Debian 12 is installed (merged /usr): a package's
/bin/X, /sbin/X, /lib/X and /lib64/X live in usr/bin, usr/sbin, usr/lib
and usr/lib64, and the tree has bin -> usr/bin, sbin -> usr/sbin,
lib -> usr/lib and lib64 -> usr/lib64.  Links a package ships
(libtinfo.so.6 -> libtinfo.so.6.4) stay links.

glibc's libc6 is fetched at the version of the libc6-dev this machine
builds the glibc tests with, when it has one: a static program's dlopen()
needs the shared libraries of the glibc it was linked with.

Next to the tree, DIR.txt lists every file with the package and version it
came from and why it is there.  Python's standard library only.

    tools/debian_root.py --out DIR [--debs CACHE] [--program PACKAGE:PATH]...
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import elf  # noqa: E402

# (package, path as the package installs it, why)
PROGRAMS = [
    ("busybox", "/bin/busybox", "the shell (ash) and the small tools, its applets"),
    ("libc6", "/lib/x86_64-linux-gnu/libc.so.6", "the C library of every glibc program"),
    ("libc6", "/lib/x86_64-linux-gnu/libm.so.6", "what tests/user/glibc_*.c dlopen()"),
    ("libgcc-s1", "/lib/x86_64-linux-gnu/libgcc_s.so.1",
     "the unwinder glibc dlopen()s for pthread_cancel and pthread_exit"),
    ("bash", "/bin/bash", "Debian's shell, for scripts (tests/user/debian_bash.c)"),
    ("util-linux", "/usr/bin/unshare", "the namespace tools"),
    ("util-linux", "/usr/bin/nsenter", "the namespace tools"),
    ("util-linux", "/usr/bin/lsns", "the namespace tools"),
    ("util-linux", "/usr/bin/ipcs", "the namespace tools"),
    ("util-linux", "/usr/bin/ipcmk", "the namespace tools"),
    ("util-linux", "/usr/bin/ipcrm", "the namespace tools"),
    ("util-linux", "/usr/bin/setpriv", "the namespace tools"),
    ("util-linux", "/bin/dmesg", "the kernel log"),
    ("mount", "/bin/mount", "mounts"),
    ("mount", "/bin/umount", "mounts"),
    ("procps", "/bin/ps", "processes"),
]
# (package, the template its postinst copies, where it copies it)
CONFIG = [
    ("base-files", "/usr/share/base-files/profile", "/etc/profile"),
    ("libc-bin", "/usr/share/libc-bin/nsswitch.conf", "/etc/nsswitch.conf"),
]
# ld.so's configuration, as the packages ship it (package, path); libc-bin's
# postinst then runs ldconfig, which writes /etc/ld.so.cache: without it,
# ld.so looks for each library along its default path, a failed openat
# and stat per directory (16 system calls before busybox's first).
LDCONFIG = ("libc-bin", "/sbin/ldconfig")
LD_SO_CONF = [
    ("libc-bin", "/etc/ld.so.conf"),
    ("libc-bin", "/etc/ld.so.conf.d/libc.conf"),
    ("libc6", "/etc/ld.so.conf.d/x86_64-linux-gnu.conf"),
]
# Debian's /etc/profile asks `[ "$(id -u)" -eq 0 ]` twice: two id(1)
# processes before the prompt, each an exec of a dynamic busybox that ld.so
# links to glibc anew.  The image's profile reads the same number, the
# effective uid in the reader's user namespace (the second field of
# /proc/self/status's Uid: line, what `id -u` prints), with the shell's own
# `read`, and runs id only where that cannot be read (no /proc mounted, or
# one of another pid namespace).  The rest of the file is Debian's.
PROFILE = "/etc/profile"
PROFILE_ID = '"$(id -u)"'
PROFILE_EUID = """# Matryoshka: the effective uid, read by the shell itself rather than by
# two runs of id(1) (tools/debian_root.py says why).
euid=
if [ -r /proc/self/status ]; then
  while read -r key real euid rest; do
    [ "$key" = Uid: ] && break
    euid=
  done < /proc/self/status
  unset key real rest
fi
[ -n "$euid" ] || euid=$(id -u)

"""
BUSYBOX = ("busybox", "/bin/busybox")
LIB_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"]
MERGED = ("bin", "sbin", "lib", "lib64")

def fail(msg):
    raise SystemExit("debian_root: " + msg)


def in_tree(path):
    """Where a package's path goes in the merged-/usr tree."""
    top = path.split("/")[1]
    return "/usr" + path if top in MERGED else path


def dep_names(field):
    """The package names of a Depends field: 'a (>= 1), b | c' is a, b, c."""
    names = []
    for clause in field.split(","):
        for alt in clause.split("|"):
            name = alt.strip().split(" ")[0].split(":")[0]
            if name:
                names.append(name)
    return names


class Archive:
    """The .deb files of the cache, fetched on demand and unpacked once each."""

    def __init__(self, cache, pins):
        self.cache, self.pins = cache, pins
        self.unpacked = {}          # package -> (directory, version)

    def deb(self, package):
        version = self.pins.get(package)
        pattern = "%s_%s_*.deb" % (package, version.replace(":", "%3a") if version else "*")
        found = sorted(glob.glob(os.path.join(self.cache, pattern)))
        return found[-1] if found else None

    def fetch(self, packages):
        """Downloads the packages of @packages the cache does not hold yet."""
        missing = [p for p in packages if not self.deb(p)]
        if not missing:
            return
        specs = ["%s=%s" % (p, self.pins[p]) if p in self.pins else p for p in missing]
        if not self.download(specs):
            pinned = [p for p in missing if p in self.pins]
            if not pinned:
                fail("could not fetch %s (tools/deps.sh --download)" % " ".join(specs))
            print("debian_root: %s is not in the archive any more: taking its newest version "
                  "(a static glibc program's dlopen needs the libc6-dev installed to match: "
                  "apt-get install libc6-dev)" % " ".join("%s=%s" % (p, self.pins[p]) for p in pinned),
                  file=sys.stderr)
            for p in pinned:
                del self.pins[p]
            if not self.download(missing):
                fail("could not fetch %s (tools/deps.sh --download)" % " ".join(missing))
        for p in missing:
            if not self.deb(p):
                fail("apt-get download gave no .deb for %s" % p)

    def download(self, specs):
        r = subprocess.run([os.path.join(TOOLS, "deps.sh"), "--download", self.cache] + specs)
        return r.returncode == 0

    def unpack(self, package):
        """The directory holding @package's files (fetched and unpacked if need be)."""
        if package not in self.unpacked:
            self.fetch([package])
            deb = self.deb(package)
            version = self.field(deb, "Version")
            where = os.path.join(self.cache, "unpacked", package)
            stamp = where + ".version"
            if not os.path.exists(stamp) or open(stamp).read() != version:
                shutil.rmtree(where, ignore_errors=True)
                os.makedirs(where)
                subprocess.run(["dpkg", "-x", deb, where], check=True)
                with open(stamp, "w") as f:
                    f.write(version)
            self.unpacked[package] = (where, version)
        return self.unpacked[package][0]

    def version(self, package):
        self.unpack(package)
        return self.unpacked[package][1]

    @staticmethod
    def field(deb, name):
        return subprocess.run(["dpkg-deb", "-f", deb, name], capture_output=True, text=True,
                              check=True).stdout.strip()

    def library_depends(self, package):
        """The library packages @package depends on (Debian names them lib*, and zlib1g)."""
        deb = self.deb(package)
        names = dep_names(self.field(deb, "Pre-Depends")) + dep_names(self.field(deb, "Depends"))
        return [n for n in names if n.startswith(("lib", "zlib"))]


class Tree:
    def __init__(self, out, archive):
        self.out, self.archive = out, archive
        self.manifest = {}          # path in the tree -> (package, why, link target)
        self.done = set()           # (package, path) copied

    def copy(self, package, path, why, dest=None):
        """Copies @package's @path (a link and then its target) to @dest (default: its place)."""
        if (package, path) in self.done:
            return
        self.done.add((package, path))
        src = self.archive.unpack(package) + path
        if not os.path.lexists(src):
            fail("package %s has no %s" % (package, path))
        dest = dest or in_tree(path)
        dst = self.out + dest
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(src):
            target = os.readlink(src)
            os.symlink(target, dst)
            self.manifest[dest] = (package, why, "-> " + target)
            self.copy(package, os.path.normpath(os.path.join(os.path.dirname(path), target)), why)
            return
        shutil.copy2(src, dst)
        self.manifest[dest] = (package, why, "")

    def find(self, paths, needed_by):
        """(package, path) of the first of @paths a package holds: one unpacked
        already, else a library package @needed_by depends on."""
        for rounds in range(2):
            for package in list(self.archive.unpacked):
                for path in paths:
                    if os.path.lexists(self.archive.unpack(package) + path):
                        return package, path
            if rounds == 0:
                depends = self.archive.library_depends(needed_by)
                self.archive.fetch(depends)
                for package in depends:
                    self.archive.unpack(package)
        fail("no package %s depends on holds %s" % (needed_by, " or ".join(paths)))

    def resolve(self, package, path):
        """@path of @package with its links followed inside the package."""
        root = self.archive.unpack(package)
        while os.path.islink(root + path):
            path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(root + path)))
        return root + path

    def add_program(self, package, path, why):
        """@path of @package, its interpreter and the libraries it needs."""
        self.copy(package, path, why)
        program = elf.read(self.resolve(package, path))
        if program is None:
            return
        if program.interp:
            self.copy(*self.find([program.interp], package), "the ELF interpreter of " + path)
        for soname in program.needed:
            lib = self.find([d + "/" + soname for d in LIB_DIRS], package)
            if lib not in self.done:
                self.add_program(*lib, "needed by " + path)

    def link(self, path, target, package, why):
        """A symbolic link at @path (in the tree) to @target, unless @path exists."""
        dst = self.out + in_tree(path)
        if os.path.lexists(dst):
            return False
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        os.symlink(target, dst)
        self.manifest[in_tree(path)] = (package, why, "-> " + target)
        return True

    def profile_reads_euid(self):
        """/etc/profile as base-files' template, with its `$(id -u)` read by
        the shell (PROFILE_EUID); fails if the template is no longer the one
        this was written for (two `"$(id -u)"`, the first at an `if`)."""
        path = self.out + PROFILE
        with open(path) as f:
            text = f.read()
        first = text.find("if [ " + PROFILE_ID)
        if text.count(PROFILE_ID) != 2 or first < 0:
            fail("%s: base-files' template no longer asks %s twice" % (PROFILE, PROFILE_ID))
        text = text[:first] + PROFILE_EUID + text[first:].replace(PROFILE_ID, '"$euid"')
        with open(path, "w") as f:
            f.write(text.rstrip("\n") + "\nunset euid\n")
        package, why, link = self.manifest[PROFILE]
        self.manifest[PROFILE] = (package, why + "; the uid read without id(1)", link)

    def ld_so_cache(self):
        """/etc/ld.so.cache, as libc-bin's postinst makes it: its own ldconfig
        (static) run over the tree (-r), with the packages' ld.so.conf."""
        for package, path in LD_SO_CONF:
            self.copy(package, path, "ld.so's configuration (ldconfig reads it)")
        package, path = LDCONFIG
        subprocess.run([self.archive.unpack(package) + path, "-r", self.out], check=True)
        self.manifest["/etc/ld.so.cache"] = (package, "libc-bin's postinst runs ldconfig", "")

    def busybox_applets(self):
        """A link to /bin/busybox for each applet no other package in the tree provides."""
        package, path = BUSYBOX
        binary = self.archive.unpack(package) + path
        names = subprocess.run([binary, "--list-full"], capture_output=True, text=True,
                               check=True).stdout.split()
        for name in names:
            if "/" in name and name != path[1:]:      # linuxrc is for an initrd, not a root
                self.link("/" + name, path, package, "a busybox applet")

    def manifest_text(self):
        lines = ["# path in the image, Debian package and version, why (tools/debian_root.py)"]
        for path in sorted(self.manifest):
            package, why, link = self.manifest[path]
            lines.append("%-48s %-14s %-22s %s %s" % (
                path, package, self.archive.version(package), why, link))
        return "\n".join(lines) + "\n"


def libc_pin():
    """{libc6: the version of the installed libc6-dev}, or {} if none is installed."""
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", "libc6-dev"],
                       capture_output=True, text=True)
    words = r.stdout.split()
    if r.returncode or words[:3] != ["install", "ok", "installed"]:
        return {}
    return {"libc6": words[3]}


def build(out, cache, extra):
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp + "/usr")
    for d in MERGED:
        os.makedirs(tmp + "/usr/" + d)
        os.symlink("usr/" + d, tmp + "/" + d)
    archive = Archive(cache, libc_pin())
    archive.fetch(sorted({p for p, _, _ in PROGRAMS + extra} | {p for p, _, _ in CONFIG}))
    tree = Tree(tmp, archive)
    for package, path, why in PROGRAMS + extra:
        tree.add_program(package, path, why)
    for package, template, path in CONFIG:
        tree.copy(package, template, "%s's postinst copies it from %s" % (package, template),
                  dest=path)
    tree.profile_reads_euid()
    tree.busybox_applets()
    tree.ld_so_cache()
    with open(tmp + ".txt", "w") as f:
        f.write(tree.manifest_text())
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    os.replace(tmp + ".txt", out + ".txt")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="the tree to write (replaced)")
    ap.add_argument("--debs", help="the cache of .deb files (default: DIR's directory/debs)")
    ap.add_argument("--program", action="append", default=[], metavar="PACKAGE:PATH",
                    help="another program, with the libraries it needs")
    a = ap.parse_args()
    extra = []
    for spec in a.program:
        package, _, path = spec.partition(":")
        if not path.startswith("/"):
            ap.error("--program %s: PACKAGE:/PATH" % spec)
        extra.append((package, path, "--program"))
    cache = os.path.abspath(a.debs or os.path.join(os.path.dirname(os.path.abspath(a.out)), "debs"))
    os.makedirs(cache, exist_ok=True)
    build(os.path.abspath(a.out), cache, extra)


if __name__ == "__main__":
    main()
