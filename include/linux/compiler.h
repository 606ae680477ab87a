/* include/linux/compiler.h: attributes and compiler barriers. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
#define __unused	__attribute__((__unused__))
#define __maybe_unused	__attribute__((__unused__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __noreturn	__attribute__((__noreturn__))
#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __weak		__attribute__((__weak__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define __cold		__attribute__((__cold__))
#define fallthrough	__attribute__((__fallthrough__))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/* Where the function was called from (Linux's instruction_pointer.h). */
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
/* Where this code is (Linux's _THIS_IP_). */
#define _THIS_IP_	({ __label__ __here; __here: (unsigned long)&&__here; })

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#endif
