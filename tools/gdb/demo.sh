#!/bin/bash
# tools/gdb/demo.sh: the session of docs/gdb.md, played in two tmux windows
# (make qemu-gdb in one, make gdb in the other) and captured as text into
# build/gdb-demo/qemu.txt and build/gdb-demo/gdb.txt.  Needs tmux.  The
# sleeps only pace the typing; gdb's quit at the end ends QEMU, and killing
# the tmux server (on any exit) closes QEMU's terminal, which ends it too.
set -e
cd "$(dirname "$0")/../.."
T="tmux -L matryoshka-gdb-demo-$$"
OUT=build/gdb-demo
mkdir -p "$OUT"
trap '$T kill-server 2>/dev/null || true' EXIT

$T new-session -d -s demo -x 110 -y 300
$T new-window -t demo
q() { $T send-keys -t demo:0 -l "$1"; $T send-keys -t demo:0 Enter; sleep "${2:-2}"; }
g() { $T send-keys -t demo:1 -l "$1"; $T send-keys -t demo:1 Enter; sleep "${2:-2}"; }

q 'make qemu-gdb' 4
g 'make gdb' 5
g 'break alloc_pid'
g 'continue' 3
g 'bt'
g 'p ns->level'
g 'finish' 3
g 'p $->numbers[0]'
g 'delete'
g 'break alloc_pid if ns->level > 0'
g 'continue' 5
q 'unshare -U -r -p -f --mount-proc -i -u sh' 4
g 'bt'
g 'p *ns'
g 'p ns->parent == &init_pid_ns'
g 'finish' 3
g 'set $p = $'
g 'p $p->level'
g 'p $p->numbers[0]@2'
g 'delete'
g 'continue' 3
q 'ipcmk -Q'
q 'hostname inner'
q 'sleep 100 &'
$T send-keys -t demo:1 C-c
sleep 2
g 'mx-ps'
g 'mx-nstree'
g 'mx-pidhash'
g 'mx-ipc'
g 'mx-dmesg 4'
g 'mx-bt 1'
g 'p $mx_current()->comm'
g 'p $mx_task_by_pid(6)->nsproxy->uts_ns->name.nodename'
g 'quit' 3
$T capture-pane -p -S - -t demo:0 | grep -v '^$' > "$OUT/qemu.txt"
$T capture-pane -p -S - -t demo:1 | grep -v '^$' > "$OUT/gdb.txt"
echo "tools/gdb/demo.sh: $OUT/qemu.txt, $OUT/gdb.txt"
