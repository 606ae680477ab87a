/*
 * include/linux/uts.h: the names the kernel starts with.
 *
 * What uname(2) shows before anybody calls sethostname: init_uts_ns is
 * made of these (kernel/utsname.c).  Linux keeps the first three here and
 * generates UTS_RELEASE (include/generated/utsrelease.h), UTS_VERSION and
 * UTS_MACHINE (include/generated/compile.h) at build time; this kernel has
 * one release, so all of them live here.  The system is called "Linux" so
 * that programs built for Linux take their Linux paths.
 */
#ifndef _LINUX_UTS_H
#define _LINUX_UTS_H

#define UTS_SYSNAME	"Linux"
#define UTS_NODENAME	"matryoshka"	/* Linux's CONFIG_DEFAULT_HOSTNAME */
#define UTS_DOMAINNAME	"(none)"
#define UTS_RELEASE	"6.1.0-matryoshka"
#define UTS_VERSION	"#1 SMP Matryoshka"
#define UTS_MACHINE	"x86_64"

/* Who built it, with what (include/generated/compile.h), for /proc/version. */
#define LINUX_COMPILE_BY	"matryoshka"
#define LINUX_COMPILE_HOST	"matryoshka"
#define LINUX_COMPILER		"gcc version " __VERSION__

#endif
