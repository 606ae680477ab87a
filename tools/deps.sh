#!/bin/sh
# tools/deps.sh: install the Debian 12 packages Matryoshka needs, if any is missing.
# As root (or with passwordless sudo) it installs them; otherwise it prints
# the one apt-get line to run and fails.  It costs nothing when all is there.
#
# tools/deps.sh --download DIR PACKAGE[=VERSION]...: fetch those packages'
# .deb files into DIR with `apt-get download` (tools/debian_root.py builds
# the image's userland from them).  On a machine whose package lists were
# never fetched (a fresh Debian 12 container), it runs `apt-get update`
# first, as root or through sudo.
set -e

# The command that runs apt-get as root: "" as root, "sudo -n" if that works, else fails.
as_root() {
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		return 1
	fi
}

download() {	# download DIR PACKAGE...
	dir=$1
	shift
	mkdir -p "$dir"
	cd "$dir"
	# As root, apt fetches as root too (its _apt user could not write DIR).
	opts="-qq"
	[ "$(id -u)" = 0 ] && opts="$opts -o APT::Sandbox::User=root"
	# shellcheck disable=SC2086
	apt-get download $opts "$@" && return 0
	if ! as_root; then
		echo "tools/deps.sh: apt-get download failed; as root, run apt-get update and retry"
		exit 1
	fi
	echo "tools/deps.sh: apt-get download failed: fetching the package lists and retrying"
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	apt-get download $opts "$@"
}

if [ "${1:-}" = "--download" ]; then
	[ $# -ge 3 ] || { echo "usage: tools/deps.sh --download DIR PACKAGE..."; exit 2; }
	shift
	download "$@"
	exit 0
fi

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
need lz4 lz4
need mformat mtools
need qemu-system-x86_64 qemu-system-x86
need musl-gcc musl-tools
need_file /usr/include/stdio.h libc6-dev
need dpkg-deb dpkg
need apt-get apt
need python3 python3
need gdb gdb
if [ "${1:-}" = "--bench" ]; then
	ls /boot/vmlinuz-* >/dev/null 2>&1 || missing="$missing linux-image-amd64"
fi

[ -z "$missing" ] && exit 0

echo "tools/deps.sh: missing:$missing"
if ! as_root; then
	echo "Run as root:  apt-get update && apt-get install -y$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
