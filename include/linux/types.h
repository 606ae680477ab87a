/* include/linux/types.h: the fixed-width and kernel types every file uses. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

typedef unsigned char		u8;
typedef unsigned short		u16;
typedef unsigned int		u32;
typedef unsigned long long	u64;
typedef signed char		s8;
typedef short			s16;
typedef int			s32;
typedef long long		s64;

typedef unsigned long		size_t;
typedef long			ssize_t;
typedef long			off_t;
typedef long long		loff_t;
typedef unsigned long		uintptr_t;
typedef long			intptr_t;
typedef long			ptrdiff_t;
typedef unsigned long		phys_addr_t;
typedef unsigned int		gfp_t;
typedef int			pid_t;
typedef unsigned int		uid_t;
typedef unsigned int		gid_t;
typedef unsigned int		mode_t;
typedef unsigned int		umode_t;
typedef unsigned long		dev_t;
typedef unsigned long		ino_t;
typedef long			time64_t;
typedef s64			ktime_t;
typedef int			clockid_t;

typedef _Bool			bool;
#define true	1
#define false	0
#define NULL	((void *)0)

typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic_long_t;

#define U8_MAX		((u8)~0U)
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)
#define INT_MAX		((int)(~0U >> 1))
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(~0U)
#define LONG_MAX	((long)(~0UL >> 1))
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	(~0UL)
#define LLONG_MAX	((long long)(~0ULL >> 1))
#define LLONG_MIN	(-LLONG_MAX - 1)
#define ULLONG_MAX	(~0ULL)

typedef __builtin_va_list va_list;
#define va_start(ap, last)	__builtin_va_start(ap, last)
#define va_arg(ap, type)	__builtin_va_arg(ap, type)
#define va_end(ap)		__builtin_va_end(ap)
#define va_copy(d, s)		__builtin_va_copy(d, s)

#define offsetof(t, m)	__builtin_offsetof(t, m)

#endif
