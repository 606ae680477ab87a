/*
 * include/asm/div64.h: a * b / c without losing the product's high bits.
 *
 * The kernel is freestanding, so a 128-bit division in C would call
 * libgcc's __udivti3.  x86_64 does it in two instructions instead: mulq
 * leaves the 128-bit product in rdx:rax, and divq divides that by c.
 */
#ifndef _ASM_DIV64_H
#define _ASM_DIV64_H

#include <linux/types.h>

/* The quotient must fit in 64 bits (divq faults otherwise): the caller sees to it. */
static inline u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c)
{
	u64 q;

	__asm__("mulq %2; divq %3" : "=a"(q) : "a"(a), "rm"(b), "rm"(c) : "rdx");
	return q;
}

#endif
