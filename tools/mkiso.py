#!/usr/bin/env python3
"""tools/mkiso.py: the GRUB ISO that `make run` (build/matryoshka.iso) and
the harness's iso boot (build/harness-iso/) boot, made one way for both.

The tree it gives grub-mkrescue:
  boot/matryoshka.elf         the kernel, stripped: GRUB's multiboot2
                              loader also loads every section no segment
                              holds (debug information, symbols: 3.4 of the
                              ELF's 4 MB), and GRUB copies what it loads one
                              byte at a time, twice
  boot/NAME.cpio.lz4          each --initrd (build/NAME.cpio), as
                              `lz4 -l -9` writes it (LZ4's legacy stream,
                              which Linux's CONFIG_RD_LZ4 reads too), one
                              GRUB module each, in the order given; the
                              kernel decodes and unpacks each at boot
                              (fs/initramfs.c: decompress_initrd)
  boot/grub/grub.cfg          boot/grub.cfg with @CMDLINE@ and @MODULES@
                              (a module2 line per --initrd) filled in
`make run`'s ISO holds the image without the tests (build/initramfs-
system.cpio); the harness's adds them as a second module (build/initramfs-
tests.cpio): GRUB's loading costs about 30 ms of host time per MB it loads
(docs/benchmarks.md).  A -kernel boot takes the uncompressed, whole
build/initramfs.cpio: QEMU copies it at the host's speed, so decoding
would only cost."""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRUB_CFG = os.path.join(ROOT, "boot", "grub.cfg")


def module_name(initrd):
    """The module's name on the ISO and on its module2 line: initramfs-system
    for build/initramfs-system.cpio (the kernel names it as it unpacks it)."""
    return os.path.splitext(os.path.basename(initrd))[0]


def run(cmd, log):
    """Runs cmd with its output in the open file log; whether it succeeded."""
    log.write("$ %s\n" % " ".join(cmd))
    log.flush()
    return subprocess.call(cmd, stdout=log, stderr=log) == 0


def make_iso(kernel, initrds, cmdline, tree, out, log):
    """Writes the ISO @out from @kernel and the list @initrds (one module
    each) through the directory @tree, logging the tools' output to the
    open file @log; whether it worked."""
    boot = os.path.join(tree, "boot")
    names = [module_name(i) for i in initrds]
    files = [os.path.basename(i) + ".lz4" for i in initrds]
    os.makedirs(os.path.join(boot, "grub"), exist_ok=True)
    for old in os.listdir(boot):	# an earlier layout's files would be on the ISO too
        if old not in ["grub", "matryoshka.elf"] + files:
            os.remove(os.path.join(boot, old))
    modules = "".join("\tmodule2 /boot/%s %s\n" % m for m in zip(files, names))
    with open(GRUB_CFG) as f:
        cfg = f.read().replace("@CMDLINE@", cmdline).replace("@MODULES@\n", modules)
    with open(os.path.join(boot, "grub", "grub.cfg"), "w") as f:
        f.write(cfg)
    ok = run(["objcopy", "--strip-all", kernel, os.path.join(boot, "matryoshka.elf")], log)
    for initrd, name in zip(initrds, files):
        ok = ok and run(["lz4", "-q", "-l", "-9", "-f", initrd, os.path.join(boot, name)], log)
    return ok and run(["grub-mkrescue", "-o", out, tree], log)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True, action="append",
                    help="an initramfs (cpio), one GRUB module each; repeatable")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--tree", required=True, help="the directory the ISO is made from")
    ap.add_argument("--log", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(a.log, "w") as log:
        ok = make_iso(a.kernel, a.initrd, a.cmdline, a.tree, a.out, log)
    if not ok:
        with open(a.log) as f:
            sys.stderr.write(f.read())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
