#!/bin/sh
# tools/coredump_demo.sh: a core file written by Matryoshka, read by the host's gdb.
#
# Builds tools/coredump_demo.c (static, with debug information), runs it
# in the guest as an EXTRA program, decodes the core it printed from the
# serial log and asks gdb for the backtrace.  Needs musl-gcc and gdb.
set -e
dir=build/coredump_demo
mkdir -p "$dir/extra"
musl-gcc -static -g -O1 -o "$dir/extra/coredemo" tools/coredump_demo.c
make test-extra EXTRA="$dir/extra" >/dev/null
awk '/# BEGIN CORE/{f=1;next} /# END CORE/{f=0} f{sub(/^ *# /,""); print}' build/logs/extra.log |
	tr -d '\r' | base64 -d >"$dir/core"
grep -m1 'WCOREDUMP' build/logs/extra.log
gdb -q -batch -ex bt -ex 'info registers rip' -ex 'p $_siginfo.si_signo' \
	"$dir/extra/coredemo" "$dir/core"
