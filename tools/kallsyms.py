#!/usr/bin/env python3
"""tools/kallsyms.py: turn `nm -S -n` output of the first kernel link into
an assembly table (kernel/kallsyms.c reads it).  With --empty, write the
placeholder table the first link uses."""
import sys


def text_symbols(lines):
    syms = []
    for line in lines:
        parts = line.split()
        if len(parts) == 4:
            addr, size, kind, name = parts
        elif len(parts) == 3:
            addr, kind, name = parts
            size = "0"
        else:
            continue
        if kind not in "tTwW" or name.startswith((".L", "__initcall_")):
            continue
        syms.append((int(addr, 16), int(size, 16), name))
    syms.sort()
    return syms


def emit(syms, out):
    out.write('\t.section .kallsyms, "a"\n\t.balign 8\n')
    out.write("\t.globl kallsyms_num\nkallsyms_num:\n\t.quad %d\n" % len(syms))
    out.write("\t.globl kallsyms_addresses\nkallsyms_addresses:\n")
    for a, _, _ in syms:
        out.write("\t.quad 0x%x\n" % a)
    out.write("\t.globl kallsyms_sizes\nkallsyms_sizes:\n")
    for _, s, _ in syms:
        out.write("\t.long %d\n" % s)
    out.write("\t.globl kallsyms_offsets\nkallsyms_offsets:\n")
    off = 0
    for _, _, n in syms:
        out.write("\t.long %d\n" % off)
        off += len(n) + 1
    out.write("\t.globl kallsyms_strings\nkallsyms_strings:\n")
    for _, _, n in syms:
        out.write('\t.asciz "%s"\n' % n)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--empty":
        emit([], sys.stdout)
    else:
        emit(text_symbols(sys.stdin), sys.stdout)


if __name__ == "__main__":
    main()
