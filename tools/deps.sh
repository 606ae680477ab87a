#!/bin/sh
# tools/deps.sh: install the Debian 12 packages Matryoshka needs, if any is missing.
# As root (or with passwordless sudo) it installs them; otherwise it prints
# the one apt-get line to run and fails.  It costs nothing when all is there.
set -e

need() {	# need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() {	# need_file PATH PACKAGE
	[ -e "$1" ] || missing="$missing $2"
}

missing=""
need gcc gcc
need make make
need ld binutils
need grub-mkrescue grub-common
need_file /usr/lib/grub/i386-pc/modinfo.sh grub-pc-bin
need xorriso xorriso
need mformat mtools
need qemu-system-x86_64 qemu-system-x86
need musl-gcc musl-tools
need python3 python3
need gdb gdb
if [ "${1:-}" = "--bench" ]; then
	ls /boot/vmlinuz-* >/dev/null 2>&1 || missing="$missing linux-image-amd64"
fi

[ -z "$missing" ] && exit 0

echo "tools/deps.sh: missing:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "Run as root:  apt-get update && apt-get install -y$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
