#!/bin/sh
# tools/kselftests.sh: builds Linux 6.1's own selftests for the subsystems
# Matryoshka has (namespaces, pidfds, /proc, futexes, timers, the vDSO,
# memory, exec, the x86 entry code) as static programs in build/kselftests,
# to run as EXTRA programs:
#
#	tools/kselftests.sh [LINUX_SOURCE_DIR]
#	make test-extra EXTRA=build/kselftests
#
# Without a source directory it unpacks Debian's linux-source-6.1 package
# (apt-get download) into build/linux-source.  Nothing from it enters the
# tree.  docs/testing.md says what passes and why the rest does not.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/kselftests
SRC=$1
if [ -z "$SRC" ]; then
	SRC=$ROOT/build/linux-source
	if [ ! -d "$SRC/tools/testing/selftests" ]; then
		mkdir -p "$SRC.deb" && cd "$SRC.deb"
		apt-get download -o APT::Sandbox::User=root linux-source-6.1
		dpkg -x linux-source-6.1_*.deb x
		mkdir -p "$SRC"
		tar -xJf x/usr/src/linux-source-6.1.tar.xz -C "$SRC" --strip-components=1 \
			--wildcards '*/tools/testing/selftests/*' '*/tools/include/*' \
			'*/arch/x86/include/asm/desc_defs.h'
	fi
fi
S=$SRC/tools/testing/selftests
mkdir -p "$OUT"

# build NAME.c [extra sources...]: a static program named after its path
build() {
	f=$1; shift
	n=$(echo "$f" | tr '/' '_' | sed 's/\.c$//')
	gcc -static -O2 -w -D_GNU_SOURCE -I"$S" -I"$S/$(dirname "$f")" -I"$S/futex/include" \
		-o "$OUT/$n" "$S/$f" "$@" -lpthread -lrt 2>"$OUT/.$n.err" ||
		{ echo "kselftests: $f did not build (see $OUT/.$n.err)"; return 0; }
	rm -f "$OUT/.$n.err"
}

for f in nsfs/owner.c nsfs/pidns.c pid_namespace/regression_enomem.c clone3/clone3.c \
	clone3/clone3_clear_sighand.c clone3/clone3_set_tid.c pidfd/pidfd_fdinfo_test.c \
	pidfd/pidfd_getfd_test.c pidfd/pidfd_open_test.c pidfd/pidfd_poll_test.c \
	pidfd/pidfd_setns_test.c pidfd/pidfd_test.c pidfd/pidfd_wait.c mqueue/mq_open_tests.c \
	ipc/msgque.c kcmp/kcmp_test.c mount/unprivileged-remount-test.c mount/nosymfollow-test.c \
	proc/fd-001-lookup.c proc/fd-002-posix-eq.c proc/fd-003-kthread.c proc/proc-empty-vm.c \
	proc/proc-loadavg-001.c proc/proc-multiple-procfs.c proc/proc-pid-vm.c \
	proc/proc-self-map-files-001.c proc/proc-self-map-files-002.c proc/proc-self-syscall.c \
	proc/proc-self-wchan.c proc/proc-subset-pid.c proc/proc-tid0.c proc/proc-uptime-001.c \
	proc/proc-uptime-002.c proc/read.c proc/self.c proc/setns-dcache.c proc/setns-sysvipc.c \
	proc/thread-self.c futex/functional/futex_requeue.c futex/functional/futex_wait.c \
	futex/functional/futex_wait_private_mapped_file.c futex/functional/futex_wait_timeout.c \
	futex/functional/futex_wait_uninitialized_heap.c futex/functional/futex_wait_wouldblock.c \
	futex/functional/futex_waitv.c timers/posix_timers.c timers/nanosleep.c \
	timers/threadtest.c vDSO/vdso_test_clock_getres.c exec/null-argv.c \
	exec/recursion-depth.c exec/non-regular.c prctl/disable-tsc-test.c sigaltstack/sas.c \
	mincore/mincore_selftest.c tmpfs/bug-link-o-tmpfile.c vm/map_fixed_noreplace.c \
	vm/mremap_dontunmap.c vm/mlock2-tests.c vm/map_populate.c vm/mremap_test.c \
	core/close_range_test.c membarrier/membarrier_test_single_thread.c \
	membarrier/membarrier_test_multi_thread.c x86/single_step_syscall.c \
	x86/syscall_nt.c x86/test_mremap_vdso.c x86/sigreturn.c x86/iopl.c x86/ioperm.c \
	x86/test_vsyscall.c x86/mov_ss_trap.c x86/sigtrap_loop.c x86/syscall_arg_fault.c \
	x86/fsgsbase_restore.c x86/sigaltstack.c x86/fsgsbase.c x86/sysret_rip.c \
	x86/syscall_numbering.c x86/corrupt_xstate_header.c x86/ldt_gdt.c x86/ptrace_syscall.c; do
	build "$f"
done
for f in vdso_test_abi vdso_test_getcpu vdso_test_gettimeofday; do
	build vDSO/$f.c "$S/vDSO/parse_vdso.c"
done
build memfd/memfd_test.c "$S/memfd/common.c"
for f in openat2_test resolve_test rename_attack_test; do
	build openat2/$f.c "$S/openat2/helpers.c"
done
build x86/sysret_ss_attrs.c "$S/x86/thunks.S"
build x86/check_initial_reg_state.c -Wl,-ereal_start
echo "kselftests: $(ls "$OUT" | wc -l) programs in $OUT"
