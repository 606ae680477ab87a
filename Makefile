# Matryoshka: build, run and test.
#
#   make            kernel, initramfs and the GRUB ISO
#   make run        boot the ISO in QEMU on this terminal (Ctrl-A X quits)
#   make test       every test: in-kernel KTAP, user-space, scenarios, harness self-tests
#   make test-linux the user-space tests on the host's Linux kernel
#   make qemu-gdb   QEMU stopped, waiting for gdb (this terminal is its console)
#   make gdb        in a second terminal: gdb attached to it, at start_kernel
#   make diagrams   the namespace diagrams of docs/, from a booted kernel
#   make bench      benchmarks on Matryoshka and on Linux in the same QEMU
#   make fuzz       the syscall fuzzer over SEEDS (1-200), CALLS (5000) calls each
#   make fuzz-min SEED=S [LOG=build/logs/fuzz-A-B.log]   shrink a crash to a few calls
#   make fuzz-replay SEED=S ONLY=LIST                     boot once with those calls
#   make lab LAB=name [DEST=dir] a student tree for a lab (docs/labs/README.md)
#   make grade [LAB=name]        a lab's graded tests, with points (all labs' without LAB)
#   make stress     Debian's stress-ng (12 stressors, 60 s each) and trinity (600 s)
#   make stress-ns  tests/user/ns_stress on NS_SMP (4) CPUs for 3 x NS_SECONDS (100 s),
#                   lock validator and debug checks on (issue 16, docs/smp.md)
#   make clean
#
# Variables: ACCEL=tcg|kvm, SMP=N (CPUs of make run/test/qemu-gdb; default 1), CMDLINE="...", EXTRA=dir (graders' hidden user
# programs), KTESTS=dir (graders' hidden in-kernel suites), EXTRA_ROOT=dir
# (a tree overlaid on the image at its paths), V=1,
# SEEDS, CALLS, SEED, LOG, ONLY (make fuzz*), GDBPORT=N (make qemu-gdb: this
# port, not the per-user one), STRESS_OPTS (make stress: tools/stress.py --help),
# NS_SMP, NS_SECONDS (make stress-ns).

BUILD	:= build
ACCEL	?= tcg
CMDLINE	?=
EXTRA	?=
KTESTS	?=
EXTRA_ROOT ?=
JOBS	?= 2
SMP	?= 1

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC	:= gcc
LD	:= ld
NM	:= nm
MUSLCC	:= musl-gcc
PYTHON	:= python3

# ---- the kernel ---------------------------------------------------------

# -gno-statement-frontiers: gdb then places a breakpoint on a function at
# the function's own line, not in the header of an inline it starts with
# (docs/gdb.md); the code is the same.  -falign-jumps=1 -falign-loops=1:
# no padding before jump targets and loops, as Linux's x86-64 builds
# (arch/x86/Makefile); the padding no-ops a path falls through are
# executed, and counted by make bench's deterministic mode.
KCFLAGS := -std=gnu11 -O2 -g -gno-statement-frontiers -Wall -Wextra -Werror -ffreestanding -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-mno-3dnow -mpreferred-stack-boundary=3 -fno-stack-protector -fno-omit-frame-pointer -fno-common \
	-falign-jumps=1 -falign-loops=1 \
	-fno-strict-aliasing -fno-asynchronous-unwind-tables -nostdinc \
	-Iinclude -MMD -MP
KASFLAGS := -D__ASSEMBLY__ -Iinclude -MMD -MP
KLDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments \
	-T linker.ld

# Each subsystem's objects, in link order (which is initcall order within a level).
boot-y	:= boot/multiboot.o boot/head.o boot/trampoline.o
kernel-y := kernel/main.o kernel/setup.o kernel/multiboot.o kernel/params.o \
	kernel/printk.o kernel/panic.o kernel/taint.o kernel/reboot.o kernel/kallsyms.o \
	kernel/extable.o kernel/cpu.o kernel/traps.o kernel/nmi.o kernel/entry.o kernel/irq.o \
	kernel/apic.o kernel/io_apic.o kernel/acpi.o kernel/mpparse.o kernel/smpboot.o kernel/smp.o kernel/stop_machine.o \
	kernel/time.o kernel/tsc.o kernel/timer.o kernel/watchdog.o kernel/hung_task.o \
	kernel/hrtimer.o kernel/itimer.o \
	kernel/posix_timers.o kernel/posix_cpu_timers.o kernel/initcall.o kernel/ktest.o \
	kernel/init_task.o kernel/switch.o kernel/fpu.o kernel/process.o kernel/fork.o kernel/unshare.o \
	kernel/exec_domain.o kernel/exit.o kernel/wait.o kernel/kthread.o kernel/signal.o kernel/sigqueue.o kernel/signal_deliver.o \
	kernel/signal_frame.o kernel/sys_signal.o kernel/sys.o kernel/entry_common.o \
	kernel/syscall_table.o kernel/syscall_names.o kernel/pid.o kernel/pidfd.o kernel/kcmp.o kernel/cred.o \
	kernel/user.o kernel/capability.o kernel/futex.o kernel/futex_requeue.o kernel/futex_robust.o kernel/futex_waitv.o kernel/kbench.o kernel/time_syscalls.o \
	kernel/sys_ids.o kernel/groups.o kernel/sys_misc.o kernel/utsname.o kernel/vdso.o \
	kernel/sys_utsname.o kernel/utsname_sysctl.o kernel/sched/syscalls.o \
	kernel/sched/core.o kernel/sched/affinity.o kernel/sched/balance.o kernel/sched/fair.o kernel/sched/rt.o kernel/sched/idle.o \
	kernel/sched/cputime.o kernel/sched/debug.o \
	kernel/sched/wait.o kernel/sched/wait_debug.o kernel/sched/completion.o \
	kernel/locking/mutex.o \
	kernel/locking/rwsem.o kernel/locking/spinlock.o kernel/locking/lockdep.o kernel/locking/lockdep_enable.o \
	kernel/locking/lockdep_print.o kernel/locking/lockdep_proc.o kernel/locking/lockdep_thunk.o kernel/sched/might_sleep.o
ns-y	:= ns/nsfs.o ns/nsproxy.o ns/pid_namespace.o ns/user_namespace.o
ipc-y	:= ipc/msgutil.o ipc/util.o ipc/namespace.o ipc/msg.o ipc/msgop.o ipc/sem.o \
	ipc/semop.o ipc/sem_undo.o ipc/shm.o ipc/shmop.o ipc/ipc_sysctl.o ipc/mq_sysctl.o \
	ipc/mqueue.o ipc/mqueue_syscalls.o
fs-y	:= fs/inode.o fs/dcache.o fs/file_table.o fs/file.o fs/fs_struct.o fs/super.o \
	fs/namespace.o fs/mnt_namespace.o fs/mount_syscalls.o fs/pnode.o fs/namei.o fs/libfs.o fs/ramfs.o fs/ramfs_file.o fs/tmpfs.o fs/char_dev.o fs/pipe.o fs/anon_inodes.o \
	fs/open.o fs/read_write.o fs/stat.o fs/statfs.o fs/utimes.o fs/readdir.o fs/nameops.o fs/fcntl.o fs/ioctl.o \
	fs/select.o fs/exec.o fs/binfmt_elf.o fs/binfmt_elf_core.o fs/coredump.o fs/initramfs.o fs/vfs_init.o fs/nsfs.o \
	fs/proc/root.o fs/proc/generic.o fs/proc/base.o fs/proc/array.o fs/proc/task_mmu.o \
	fs/proc/fd.o fs/proc/fdinfo.o fs/proc/map_files.o fs/proc/wchan.o fs/proc/hidepid.o fs/proc/namespaces.o fs/proc/uid_map.o fs/proc/mounts.o \
	fs/proc/proc_sysctl.o fs/proc/misc.o fs/proc/version.o fs/proc/oom.o
fs-y	+= fs/locks.o fs/eventpoll.o fs/eventpoll_ctl.o fs/eventfd.o fs/timerfd.o fs/signalfd.o
mm-y	:= mm/memblock.o mm/page_alloc.o mm/page_poison.o mm/slab.o mm/slub_debug.o mm/pgtable.o mm/quicklist.o mm/vmap_stack.o mm/fault.o \
	mm/copy.o mm/maccess.o mm/usercopy.o mm/mmu_context.o mm/tlb.o mm/mmap.o mm/unmapped_area.o mm/mprotect.o mm/madvise.o mm/memory.o \
	mm/brk.o mm/util.o mm/shmem.o mm/debug.o mm/oom_kill.o mm/msync.o mm/fremap.o mm/mlock.o \
	mm/mremap.o mm/mincore.o
mm-y	+= mm/memfd.o
lib-y	:= lib/string.o lib/vsprintf.o lib/list_debug.o lib/hexdump.o lib/kstrtox.o lib/rbtree.o lib/ida.o lib/idr.o lib/lz4_decompress.o lib/decompress_unlz4.o lib/ratelimit.o lib/nmi_backtrace.o lib/smp_processor_id.o
drivers-y := drivers/serial.o drivers/mem.o drivers/random.o drivers/tty/n_tty.o \
	drivers/tty/tty_io.o drivers/tty/sysrq.o
vdso-y	:= vdso/vdso-image.o
tests-y	:= $(patsubst %.c,%.o,$(wildcard tests/kernel/*.c)) \
	$(patsubst %.S,%.o,$(wildcard tests/kernel/*.S))

KOBJS	:= $(addprefix $(BUILD)/,$(boot-y) $(kernel-y) $(mm-y) $(fs-y) $(ipc-y) $(ns-y) $(lib-y) \
	$(drivers-y) $(vdso-y) $(tests-y))

# KTESTS=dir: the .c files in dir are in-kernel suites a grader keeps from
# the tree.  They are compiled into build/ktests/ and linked there with
# the same objects, so build/matryoshka.elf never holds them.
ifneq ($(KTESTS),)
KTESTS_DIR := $(abspath $(KTESTS))
LINK	:= $(BUILD)/ktests
KT_OBJS	:= $(patsubst $(KTESTS_DIR)/%.c,$(LINK)/%.o,$(wildcard $(KTESTS_DIR)/*.c))
$(if $(KT_OBJS),,$(error KTESTS=$(KTESTS): no .c files there))
$(LINK)/%.o: $(KTESTS_DIR)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@
else
LINK	:= $(BUILD)
KT_OBJS	:=
endif
KERNEL	:= $(LINK)/matryoshka.elf

all: $(KERNEL) $(BUILD)/initramfs.cpio $(LINK)/matryoshka.iso

# The system call table is generated from the SYSCALL_DEFINEs of all sources.
KSRCS := $(wildcard kernel/*.c kernel/*/*.c mm/*.c fs/*.c fs/*/*.c ipc/*.c ns/*.c drivers/*.c drivers/*/*.c)
$(BUILD)/gen/syscall_64.tbl.h: $(KSRCS) tools/gen_syscall_table.py include/asm/unistd.h
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/gen_syscall_table.py $@ $(KSRCS)

$(BUILD)/kernel/syscall_table.o: $(BUILD)/gen/syscall_64.tbl.h
$(BUILD)/kernel/syscall_table.o: KCFLAGS += -I$(BUILD)/gen

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# The vDSO (vdso/): user code, position independent, linked as the shared
# object every process gets mapped; the kernel carries its bytes
# (vdso/vdso-image.S).  A relocation would need a dynamic linker to run
# it, so the link fails if there is one (Linux's vdso2c check).
VDSO_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -ffreestanding -fno-builtin \
	-fno-stack-protector -fno-common -fvisibility=hidden -fasynchronous-unwind-tables \
	-nostdinc -Iinclude -MMD -MP
VDSO_LDFLAGS := -shared -soname=linux-vdso.so.1 --hash-style=both --eh-frame-hdr -Bsymbolic \
	--no-undefined -z max-page-size=4096 -z noexecstack --build-id=sha1 -T vdso/vdso.lds
VDSO_OBJS := $(BUILD)/vdso/vclock_gettime.o $(BUILD)/vdso/vgetcpu.o $(BUILD)/vdso/note.o

$(BUILD)/vdso/%.o: vdso/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  VDSOCC  $<")
	$(Q)$(CC) $(VDSO_CFLAGS) -c $< -o $@

$(BUILD)/vdso/vdso64.so: $(VDSO_OBJS) vdso/vdso.lds
	@$(if $(Q),echo "  VDSOLD  $@")
	$(Q)$(LD) $(VDSO_LDFLAGS) -o $@ $(VDSO_OBJS)
	$(Q)! readelf -rW $@ | grep -q R_X86_64 || \
		{ echo "vdso: $@ has relocations"; readelf -rW $@; rm -f $@; exit 1; }

$(BUILD)/vdso/vdso-image.o: $(BUILD)/vdso/vdso64.so
$(BUILD)/vdso/vdso-image.o: KASFLAGS += -DVDSO_SO='"$(BUILD)/vdso/vdso64.so"'

# Two links, as Linux's kallsyms: the first finds the text symbols, the
# second includes their table after .text, so no code moves (checked).
$(LINK)/kallsyms0.S: tools/kallsyms.py
	@mkdir -p $(LINK)
	$(Q)$(PYTHON) tools/kallsyms.py --empty > $@

$(LINK)/kallsyms%.o: $(LINK)/kallsyms%.S
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

$(LINK)/vmlinux0: $(KOBJS) $(KT_OBJS) $(LINK)/kallsyms0.o linker.ld
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(KT_OBJS) $(LINK)/kallsyms0.o

$(LINK)/kallsyms1.S: $(LINK)/vmlinux0 tools/kallsyms.py
	$(Q)$(NM) -S -n $< | $(PYTHON) tools/kallsyms.py > $@

$(KERNEL): $(KOBJS) $(KT_OBJS) $(LINK)/kallsyms1.o linker.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(KT_OBJS) $(LINK)/kallsyms1.o
	$(Q)$(NM) -n $(LINK)/vmlinux0 | grep ' [tT] ' > $(LINK)/text0.map
	$(Q)$(NM) -n $@ | grep ' [tT] ' > $(LINK)/text1.map
	$(Q)cmp -s $(LINK)/text0.map $(LINK)/text1.map || \
		{ echo "kallsyms: text moved between links"; rm -f $@; exit 1; }
	$(Q)$(PYTHON) tools/check_image.py $@ || { rm -f $@; exit 1; }

# ---- user space ---------------------------------------------------------

UCFLAGS := -static -O2 -Wall -Wextra -Werror -std=gnu11 -Iuser/include
# The project's own programs, only where Debian has none (user/README.md):
# user/NAME.c, or user/NAME/*.c for bigger ones.
USER_SRCS := $(wildcard user/*.c)
USER_DIRS := $(filter-out user/include,$(patsubst %/,%,$(wildcard user/*/)))
USER_BINS := $(patsubst user/%.c,$(BUILD)/user/%,$(USER_SRCS)) \
	$(patsubst user/%,$(BUILD)/user/%,$(USER_DIRS))
TEST_SRCS := $(wildcard tests/user/*.c)
# tests/user/glibc_*.c are glibc programs, each built twice: dynamic (a PIE
# that needs the image's /lib64/ld-linux-x86-64.so.2, build/debian-root)
# and static (NAME_static); every other test is a static musl program.
GLIBC_TEST_SRCS := $(wildcard tests/user/glibc_*.c)
GLIBC_TEST_BINS := $(patsubst tests/user/%.c,$(BUILD)/tests/%,$(GLIBC_TEST_SRCS)) \
	$(patsubst tests/user/%.c,$(BUILD)/tests/%_static,$(GLIBC_TEST_SRCS))
TEST_BINS := $(patsubst tests/user/%.c,$(BUILD)/tests/%,$(filter-out $(GLIBC_TEST_SRCS),$(TEST_SRCS))) \
	$(GLIBC_TEST_BINS)
BENCH_SRCS := $(wildcard bench/*.c)
BENCH_BINS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))

$(BUILD)/user/%: user/%.c $(wildcard user/include/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MUSLCC  $<")
	$(Q)$(MUSLCC) $(UCFLAGS) -o $@ $<

.SECONDEXPANSION:
$(BUILD)/user/%: $$(wildcard user/%/*.c user/%/*.h) $(wildcard user/include/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MUSLCC  user/$*")
	$(Q)$(MUSLCC) $(UCFLAGS) -o $@ $(wildcard user/$*/*.c)

$(BUILD)/tests/%: tests/user/%.c $(wildcard tests/user/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MUSLCC  $<")
	$(Q)$(MUSLCC) $(UCFLAGS) -Itests/user -o $@ $<

GLIBC_CFLAGS := -O2 -Wall -Wextra -Werror -std=gnu11 -pthread -Itests/user

$(BUILD)/tests/glibc_%: tests/user/glibc_%.c $(wildcard tests/user/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GCC     $<")
	$(Q)$(CC) $(GLIBC_CFLAGS) -o $@ $<

# glibc warns that a static dlopen needs the same glibc's shared libraries at run time
$(BUILD)/tests/glibc_%_static: tests/user/glibc_%.c $(wildcard tests/user/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GCC     $< (static)")
	$(Q)$(CC) $(GLIBC_CFLAGS) -static -o $@ $< 2>$@.log; status=$$?; \
		grep -v "statically linked applications requires at runtime" $@.log >&2; \
		rm -f $@.log; exit $$status

$(BUILD)/bench/%: bench/%.c $(wildcard bench/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MUSLCC  $<")
	$(Q)$(MUSLCC) $(UCFLAGS) -Ibench -o $@ $<

# The syscall fuzzer (tools/fuzz/): a guest program, /bin/fuzz, with its
# table of calls and argument kinds generated from the SYSCALL_DEFINEs.
FUZZ_SRCS := tools/fuzz/main.c tools/fuzz/gen.c tools/fuzz/run.c
$(BUILD)/gen/fuzz_table.h: $(KSRCS) tools/fuzz/gen_fuzz_table.py include/asm/unistd.h
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/fuzz/gen_fuzz_table.py $@ $(KSRCS)

$(BUILD)/user/fuzz: $(FUZZ_SRCS) tools/fuzz/fuzz.h $(BUILD)/gen/fuzz_table.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MUSLCC  tools/fuzz")
	$(Q)$(MUSLCC) $(UCFLAGS) -I$(BUILD)/gen -o $@ $(FUZZ_SRCS)

# The initramfs holds EXTRA's programs and EXTRA_ROOT's tree: rebuild it
# when either changes, as when a grader's directory comes or goes (its
# files may be older than it).
$(BUILD)/extra.txt: FORCE
	@mkdir -p $(BUILD)
	@echo '$(abspath $(EXTRA)) $(abspath $(EXTRA_ROOT))' | cmp -s - $@ || \
		echo '$(abspath $(EXTRA)) $(abspath $(EXTRA_ROOT))' > $@

# The userland: Debian 12's own busybox, bash, util-linux, mount, procps
# and glibc, from .deb files apt-get downloads into build/debs/
# (tools/debian_root.py, through tools/deps.sh --download).
# build/debian-root.txt lists every file, its package and why it is there.
DEBIAN_ROOT := $(BUILD)/debian-root
$(DEBIAN_ROOT).txt: tools/debian_root.py tools/elf.py tools/deps.sh
	@mkdir -p $(BUILD)
	@$(if $(Q),echo "  DEBIAN  $(DEBIAN_ROOT)")
	$(Q)$(PYTHON) tools/debian_root.py --out $(DEBIAN_ROOT) --debs $(BUILD)/debs

# The initramfs: Debian's userland, then the project's programs, tests and
# benchmarks, EXTRA's programs and EXTRA_ROOT's tree over them; also as two
# archives, the tests and benchmarks alone and everything else (the ISO's
# modules: make run's ISO has only the second, tools/mkiso.py).
INITRD_PARTS := $(BUILD)/initramfs-system.cpio $(BUILD)/initramfs-tests.cpio
$(BUILD)/initramfs.cpio $(INITRD_PARTS) &: $(USER_BINS) $(BUILD)/user/fuzz $(TEST_BINS) $(BENCH_BINS) \
		tools/mkinitramfs.py tools/elf.py $(BUILD)/extra.txt $(DEBIAN_ROOT).txt \
		$(if $(EXTRA),$(wildcard $(EXTRA)/*)) \
		$(if $(EXTRA_ROOT),$(shell find $(EXTRA_ROOT) 2>/dev/null))
	$(Q)$(PYTHON) tools/mkinitramfs.py --out $@ --base $(DEBIAN_ROOT) \
		--bin $(USER_BINS) $(BUILD)/user/fuzz --tests $(BUILD)/tests --bench $(BUILD)/bench $(if $(EXTRA),--extra $(EXTRA)) \
		$(if $(EXTRA_ROOT),--root $(EXTRA_ROOT)) \
		--system-out $(BUILD)/initramfs-system.cpio --tests-out $(BUILD)/initramfs-tests.cpio

# The ISO bakes CMDLINE into grub.cfg: rebuild it when CMDLINE changes.
# tools/mkiso.py says what it holds: a stripped kernel (gdb reads
# build/matryoshka.elf) and the image without the tests, compressed with LZ4.
$(BUILD)/cmdline.txt: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' > $@

$(LINK)/matryoshka.iso: $(KERNEL) $(BUILD)/initramfs-system.cpio boot/grub.cfg $(BUILD)/cmdline.txt \
		tools/mkiso.py
	$(Q)$(PYTHON) tools/mkiso.py --kernel $(KERNEL) --initrd $(BUILD)/initramfs-system.cpio \
		--cmdline '$(CMDLINE)' --tree $(LINK)/iso --log $(BUILD)/grub-mkrescue.log --out $@

# ---- running ------------------------------------------------------------

deps:
	$(Q)tools/deps.sh

QEMU_RUN = $(PYTHON) tools/qemu.py --accel $(ACCEL) --smp $(SMP)

run: deps all
	$(Q)$(QEMU_RUN) --iso $(LINK)/matryoshka.iso --interactive

# make qemu-gdb writes build/gdbinit (the port it listens on) for make gdb.
# exec: QEMU's parent is make itself, whose death ends it (tools/qemu.py).
qemu-gdb: deps all
	$(Q)exec $(QEMU_RUN) --kernel $(KERNEL) --initrd $(BUILD)/initramfs.cpio \
		--cmdline "$(CMDLINE)" --gdb $(BUILD)/gdbinit $(if $(GDBPORT),--gdb-port $(GDBPORT))

gdb: deps
	$(Q)test -f $(BUILD)/gdbinit || \
		{ echo "make gdb: no $(BUILD)/gdbinit: run make qemu-gdb in another terminal first"; exit 1; }
	$(Q)gdb -q -x $(BUILD)/gdbinit

# The namespace pictures of docs/, from a kernel booted under gdb (tools/nsdiagram.py).
diagrams: deps all
	$(Q)$(PYTHON) tools/nsdiagram.py

HARNESS_ARGS = --accel $(ACCEL) --jobs $(JOBS) --smp $(SMP) --kernel $(KERNEL) $(if $(EXTRA),--extra $(EXTRA))

test: deps all
	$(Q)$(PYTHON) tools/harness.py $(HARNESS_ARGS)

test-extra: deps all
	$(Q)$(PYTHON) tools/harness.py $(HARNESS_ARGS) --only-extra

# ---- labs (docs/labs/README.md) --------------------------------------------

# What a grading boot needs: no ISO.
kernel: $(KERNEL) $(BUILD)/initramfs.cpio

grade: deps kernel
	$(Q)$(PYTHON) tools/grade.py $(HARNESS_ARGS) $(if $(LAB),--lab $(LAB)) \
		$(if $(KTESTS),--ktests $(KTESTS))

# The student tree goes to DEST (default: build/lab-NAME), which must not exist or be empty.
lab:
	$(Q)$(if $(LAB),,$(error make lab needs LAB=name (one of: $(basename $(notdir $(wildcard labs/*.rubric))))))
	$(Q)$(PYTHON) tools/labs.py generate $(LAB) $(or $(DEST),$(BUILD)/lab-$(LAB))

test-linux: $(TEST_BINS)
	$(Q)$(PYTHON) tools/run_linux_tests.py $(TEST_BINS)

bench: deps all
	$(Q)$(PYTHON) tools/bench.py --accel $(ACCEL)

SEEDS	?= 1-200
CALLS	?= 5000
FUZZ	= $(PYTHON) tools/fuzz.py --accel $(ACCEL)

fuzz: deps all
	$(Q)$(FUZZ) run --seeds $(SEEDS) --calls $(CALLS) --jobs $(JOBS)

fuzz-min: deps all
	$(Q)$(FUZZ) minimise --seed $(SEED) --calls $(CALLS) $(if $(LOG),--log $(LOG))

fuzz-replay: deps all
	$(Q)$(FUZZ) replay --seed $(SEED) --calls $(CALLS) $(if $(ONLY),--only $(ONLY))

# make stress's root: the image's Debian userland plus Debian's stress-ng and
# trinity with the libraries they need, from the same .deb cache
# (tools/debian_root.py --program; docs/stress.md).
STRESS_ROOT := $(BUILD)/stress-root
STRESS_PROGRAMS := stress-ng:/usr/bin/stress-ng trinity:/usr/bin/trinity
$(STRESS_ROOT).txt: tools/debian_root.py tools/elf.py tools/deps.sh
	@mkdir -p $(BUILD)
	@$(if $(Q),echo "  DEBIAN  $(STRESS_ROOT)")
	$(Q)$(PYTHON) tools/debian_root.py --out $(STRESS_ROOT) --debs $(BUILD)/debs \
		$(addprefix --program ,$(STRESS_PROGRAMS))

STRESS_OPTS ?=
stress: deps all $(STRESS_ROOT).txt
	$(Q)$(PYTHON) tools/stress.py --accel $(ACCEL) --jobs $(JOBS) --smp $(SMP) $(STRESS_OPTS)

# The namespaces' stress on several CPUs: each ns_stress case's workers go on
# for NS_SECONDS, checks unchanged (exact counts, no validator report, no leak).
NS_SMP ?= 4
NS_SECONDS ?= 100
stress-ns: deps all
	$(Q)$(PYTHON) tools/stress.py --accel $(ACCEL) --only ns --smp $(NS_SMP) \
		--ns-seconds $(NS_SECONDS)

clean:
	rm -rf $(BUILD)

.PHONY: all deps run qemu-gdb gdb diagrams test test-extra test-linux bench fuzz fuzz-min fuzz-replay stress stress-ns \
	clean kernel grade lab FORCE
.DELETE_ON_ERROR:

# Objects depend on the flags too: a changed Makefile rebuilds the kernel.
$(KOBJS): Makefile

-include $(KOBJS:.o=.d) $(KT_OBJS:.o=.d) $(VDSO_OBJS:.o=.d)
