#!/usr/bin/env python3
"""tools/stress_root.py: Debian 12's stress-ng and trinity, with the shared
libraries they need, as a tree for the image's root overlay
(tools/mkinitramfs.py --root), for `make stress` (tools/stress.py).

The two packages are fetched as Debian ships them: `apt-get download`
into build/stress-debs, then `dpkg -x` (nothing is installed on the host).
So are the library packages apt says the host lacks for them (`apt-get
install -s` lists what an install would add: libipsec-mb1, libjudydebian1
and libsctp1 on a machine with Debian's usual libraries).  A program's
libraries are the closure of its DT_NEEDED entries (tools/debian_root.py's
reader), each taken from an extracted package first, else from the host's
installed one (dpkg -S names it).  The tree is laid out as debian_root's
(merged /usr: usr/lib/x86_64-linux-gnu), to be overlaid after it.

Next to the tree, DIR.txt lists every file, its package and why it is
there.  Python's standard library only."""
import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from debian_root import LIB_DIRS, Tree, owner  # noqa: E402

PACKAGES = [("stress-ng", "/usr/bin/stress-ng"), ("trinity", "/usr/bin/trinity")]


def missing_packages(names):
    """The packages `apt-get install NAMES` would add to this machine (names and their deps)."""
    r = subprocess.run(["apt-get", "install", "-s", "-q", "--no-install-recommends"] + names,
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit("stress_root: apt-get install -s %s failed:\n%s" % (" ".join(names), r.stderr))
    return [line.split()[1] for line in r.stdout.splitlines() if line.startswith("Inst ")]


def fetch(packages, debs):
    """Downloads (once) and extracts each package to @debs/x/PACKAGE; {package: its dir}."""
    os.makedirs(debs, exist_ok=True)
    have = {f.split("_")[0]: f for f in os.listdir(debs) if f.endswith(".deb")}
    need = [p for p in packages if p not in have]
    if need:
        print("  APT     apt-get download %s" % " ".join(need), flush=True)
        # as root, apt's sandbox user _apt could not write to @debs
        subprocess.run(["apt-get", "download", "-q", "-o", "APT::Sandbox::User=root"] + need,
                       cwd=debs, check=True, stdout=subprocess.DEVNULL)
        have = {f.split("_")[0]: f for f in os.listdir(debs) if f.endswith(".deb")}
    dirs = {}
    for p in packages:
        d = os.path.join(debs, "x", p)
        if not os.path.isdir(d):
            shutil.rmtree(d + ".tmp", ignore_errors=True)
            os.makedirs(d + ".tmp")
            subprocess.run(["dpkg", "-x", os.path.join(debs, have[p]), d + ".tmp"], check=True)
            os.replace(d + ".tmp", d)
        dirs[p] = d
    return dirs


class StressTree(Tree):
    """debian_root's tree, its files from the extracted packages first, then the host's."""

    def __init__(self, out, extracted):
        super().__init__(out)
        self.extracted = extracted

    def lookup(self, path):
        """(file on this machine, package) for a package's @path, or None."""
        for pkg, d in self.extracted.items():
            if os.path.lexists(d + path):
                return d + path, pkg
        if os.path.lexists(path):
            pkg = owner(path, required=False)
            if pkg:
                return path, pkg
        return None

    def find(self, path):
        return self.lookup(path) or sys.exit("stress_root: no package has %s" % path)

    def library(self, soname):
        for d in LIB_DIRS:
            if self.lookup(os.path.join(d, soname)):
                return os.path.join(d, soname)
        sys.exit("stress_root: no package has %s in %s" % (soname, " or ".join(LIB_DIRS)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="the tree to write (replaced)")
    ap.add_argument("--debs", required=True, help="where the .deb files are kept")
    a = ap.parse_args()
    names = [p for p, _ in PACKAGES]
    tmp = a.out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    tree = StressTree(tmp, fetch(missing_packages(names), a.debs))
    for package, path in PACKAGES:
        found = tree.lookup(path)
        if not found or found[1] != package:
            sys.exit("stress_root: %s is not %s's" % (path, package))
        tree.add_program(path, "make stress")
    tree.finish(a.out, "stress_root.py")


if __name__ == "__main__":
    main()
