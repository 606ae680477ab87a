"""tools/bench_boot.py: where make bench's boots to the shell prompt spend
their host time, split into the steps the loaders and the kernel take:

  firmware     QEMU's start (its own set-up included) to SeaBIOS's
               "Booting from 0000:7c00", when it jumps to GRUB's boot
               image (SeaBIOS's debug port, 0x402, is on the console)
  GRUB         to GRUB's "Booting `Matryoshka'": GRUB's core and modules,
               its configuration
  image        to start_kernel: GRUB loads the kernel and the initramfs
               (for a -kernel boot: QEMU, qboot and QEMU's own loader)
  kernel       start_kernel to "Run /sbin/init as init process"
  init         to the shell's banner ("BusyBox v... built-in shell (ash)"):
               init forks and execs the login shell, which ld.so links
               to glibc
  shell        to the shell's prompt "# ": ash reads /etc/profile (Debian's,
               which runs `id -u` twice)

The host sees when each line arrives on the console, and notes both its
own clock and QEMU's CPU time (all its threads) then: on a loaded host the
first counts the time others had the CPU, the second does not.
start_kernel's moment is the arrival of the kernel's first line (its
version, printed as soon as x86_64_start_kernel has started the serial
console, a few microseconds before start_kernel).  The
floor is the same path with a kernel that only prints "# "
(tools/boot_floor.S): QEMU, SeaBIOS and GRUB as they are, nothing to load."""
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOOR_DIR = os.path.join(ROOT, "build", "bench-floor")
FLOOR_SRC = os.path.join(ROOT, "tools", "boot_floor.S")
FLOOR_ISO = os.path.join(FLOOR_DIR, "floor.iso")
FLOOR_ELF = os.path.join(FLOOR_DIR, "iso", "boot", "floor.elf")	# also booted by -kernel
FLOOR_CFG = """set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
menuentry "floor" {
	multiboot2 /boot/floor.elf
	boot
}
"""

# QEMU's options that put SeaBIOS's debug port on the serial console's
# stream, so that the host sees when the firmware hands over to GRUB.
CONSOLE_WITH_DEBUGCON = ["-chardev", "stdio,id=con,mux=on", "-serial", "chardev:con",
                         "-device", "isa-debugcon,iobase=0x402,chardev=con"]
# What the host types first on that console: QEMU's multiplexer gives its
# input to the front end attached last, the debug port (which takes none),
# and its escape Ctrl-A c passes it on to the next, the serial port.
# Without it, `poweroff` typed at the prompt went nowhere.
CONSOLE_WITH_DEBUGCON_FIRST_INPUT = b"\x01c"

FIRMWARE_DONE_RE = re.compile(r"Booting from [0-9a-f]{4}:7c00")	# SeaBIOS
GRUB_DONE_RE = re.compile(r"Booting `[^']*'")				# GRUB's menu entry
KERNEL_RE = re.compile(r"Matryoshka version")	# the kernel's first line
INIT_RE = re.compile(r"Run \S+ as init process")
SHELL_RE = re.compile(r"BusyBox v\S+ .*built-in shell")	# ash's banner

# The steps in order: key, label.
STEPS = [("firmware", "firmware: QEMU's start to SeaBIOS's jump to the boot image"),
         ("grub", "GRUB: its core, modules and configuration, to `Booting`"),
         ("image", "loading the image: to start_kernel (GRUB loads the kernel and the "
                   "initramfs; for `-kernel`: QEMU's start, qboot and QEMU's loader)"),
         ("kernel", "kernel: start_kernel to `Run /sbin/init as init process`"),
         ("init", "init: to the shell's banner (init starts the shell; ld.so and glibc)"),
         ("shell", "shell: to the prompt (ash reads `/etc/profile`)"),
         ("total", "total: QEMU's start to the prompt")]


def build_floor():
    """build/bench-floor/floor.iso from tools/boot_floor.S, when out of date;
    its path, or None (with the reason printed) if it cannot be made."""
    if os.path.exists(FLOOR_ISO) and os.path.getmtime(FLOOR_ISO) >= os.path.getmtime(FLOOR_SRC):
        return FLOOR_ISO
    tree = os.path.join(FLOOR_DIR, "iso")
    os.makedirs(os.path.join(tree, "boot", "grub"), exist_ok=True)
    with open(os.path.join(tree, "boot", "grub", "grub.cfg"), "w") as f:
        f.write(FLOOR_CFG)
    steps = [["gcc", "-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none", "-Wl,-n",
              "-Wl,-Ttext=0x100000", "-o", FLOOR_ELF, FLOOR_SRC],
             ["grub-mkrescue", "-o", FLOOR_ISO, tree]]
    for cmd in steps:
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode:
            print("bench: %s failed: %s" % (cmd[0], out.stderr.strip()[-300:]))
            return None
    return FLOOR_ISO


def split(text, time_at, t_prompt):
    """{step: host seconds} of one boot to the prompt, from its console text
    and time_at(pos), the host time (from QEMU's start) at which the
    console's character pos arrived; steps that cannot be told are left out.
    With QEMU's CPU time at each character for time_at, the same split on
    that clock."""
    out = {"total": t_prompt}
    fw, grub = FIRMWARE_DONE_RE.search(text), GRUB_DONE_RE.search(text)
    kernel, init = KERNEL_RE.search(text), INIT_RE.search(text)
    t_fw = time_at(fw.start()) if fw else None
    t_grub = time_at(grub.start()) if grub else None
    if t_fw is not None:
        out["firmware"] = t_fw
        if t_grub is not None:
            out["grub"] = t_grub - t_fw
    if kernel and init:
        t_init, t_entry = time_at(init.start()), time_at(kernel.start())
        out["image"] = t_entry - (t_grub if t_grub is not None else 0.0)
        out["kernel"] = t_init - t_entry
        banner = SHELL_RE.search(text, init.end())
        t_shell = time_at(banner.start()) if banner else t_prompt
        out["init"] = t_shell - t_init
        if banner:
            out["shell"] = t_prompt - t_shell
    else:	# the floors: loading and their kernel, together
        out["image"] = t_prompt - (t_grub if t_grub is not None else 0.0)
    return out


def table(splits, cpus, fmt_ms):
    """The split table's lines from {column label: {step: seconds}} (medians)
    of the host's clock (@splits) and of QEMU's CPU time (@cpus)."""
    cols = [c for c in splits if splits[c]]
    if not cols:
        return []

    def cell(c, key):
        if key not in splits[c]:
            return "n/a"
        cpu = cpus.get(c, {}).get(key)
        return fmt_ms(splits[c][key] * 1e3) + (" (%s)" % fmt_ms(cpu * 1e3) if cpu else "")
    lines = ["| step: host ms (QEMU's CPU ms) | " + " | ".join(cols) + " |",
             "|---" + "|---:" * len(cols) + "|"]
    for key, label in STEPS:
        if any(key in splits[c] for c in cols):
            lines.append("| %s | %s |" % (label, " | ".join(cell(c, key) for c in cols)))
    return lines
