#!/usr/bin/env python3
"""tools/check_image.py: check that the kernel ELF's loadable segments sit in
the file exactly as they sit in physical memory (the same offset - paddr for
every PT_LOAD, no gaps).  QEMU's multiboot1 loader copies the image by the
header's address fields, ignoring the ELF headers, so any other layout would
load some sections at the wrong place."""
import struct
import sys


def main(path):
    data = open(path, "rb").read()
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    deltas = set()
    for i in range(phnum):
        p_type, _, p_offset, _, p_paddr, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1 and p_filesz:
            deltas.add(p_paddr - p_offset)
    if len(deltas) != 1:
        print("%s: PT_LOAD segments are not laid out as in memory: %s" %
              (path, [hex(d) for d in sorted(deltas)]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
