/*
 * tests/user/ktap.h: a tiny KTAP producer for user-space tests.
 *
 * A test program is a list of cases; each case is a function that checks
 * values with EXPECT_* (the case fails if any fails) and may stop early
 * with ASSERT_*.  ktap_run() prints KTAP version 1 and returns the exit
 * status: 0 only if every case passed.  The same binary runs on Linux
 * (make test-linux) and on Matryoshka, so a test must hold on both.
 *
 *	static void t_getpid_positive(void) { EXPECT_GT(getpid(), 0); }
 *	int main(void) { return ktap_run(KTAP_CASES(t_getpid_positive)); }
 *
 * Case names are the function names without their "t_" prefix.
 */
#ifndef KTAP_H
#define KTAP_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ktap_case {
	const char *name;
	void (*fn)(void);
};

static int ktap_failed;			/* the running case has failed */
static const char *ktap_skip_reason;	/* the running case skipped itself */
static jmp_buf ktap_abort;		/* ASSERT_* jumps out of the case */

static void ktap_diag(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define KTAP_FAIL(...) do { \
	ktap_failed = 1; \
	ktap_diag(__FILE__, __LINE__, __VA_ARGS__); \
} while (0)

#define __KTAP_CMP(a, op, b, on_fail) do { \
	long long __a = (long long)(a), __b = (long long)(b); \
	if (!(__a op __b)) { \
		KTAP_FAIL("expected %s %s %s: %lld vs %lld (errno %d %s)", #a, #op, #b, \
			  __a, __b, errno, strerror(errno)); \
		on_fail; \
	} \
} while (0)

#define EXPECT_EQ(a, b)	__KTAP_CMP(a, ==, b, (void)0)
#define EXPECT_NE(a, b)	__KTAP_CMP(a, !=, b, (void)0)
#define EXPECT_LT(a, b)	__KTAP_CMP(a, <, b, (void)0)
#define EXPECT_LE(a, b)	__KTAP_CMP(a, <=, b, (void)0)
#define EXPECT_GT(a, b)	__KTAP_CMP(a, >, b, (void)0)
#define EXPECT_GE(a, b)	__KTAP_CMP(a, >=, b, (void)0)
#define ASSERT_EQ(a, b)	__KTAP_CMP(a, ==, b, longjmp(ktap_abort, 1))
#define ASSERT_NE(a, b)	__KTAP_CMP(a, !=, b, longjmp(ktap_abort, 1))
#define ASSERT_GE(a, b)	__KTAP_CMP(a, >=, b, longjmp(ktap_abort, 1))
#define ASSERT_GT(a, b)	__KTAP_CMP(a, >, b, longjmp(ktap_abort, 1))

#define EXPECT_TRUE(c) do { \
	if (!(c)) \
		KTAP_FAIL("expected %s (errno %d %s)", #c, errno, strerror(errno)); \
} while (0)

#define ASSERT_TRUE(c) do { \
	if (!(c)) { \
		KTAP_FAIL("expected %s (errno %d %s)", #c, errno, strerror(errno)); \
		longjmp(ktap_abort, 1); \
	} \
} while (0)

#define EXPECT_STREQ(a, b) do { \
	const char *__a = (a), *__b = (b); \
	if (!__a || !__b || strcmp(__a, __b)) \
		KTAP_FAIL("expected %s == %s: \"%s\" vs \"%s\"", #a, #b, \
			  __a ? __a : "(null)", __b ? __b : "(null)"); \
} while (0)

/* A syscall wrapper's result: -1 with errno @e. */
#define EXPECT_ERRNO(call, e) do { \
	errno = 0; \
	long __r = (long)(call); \
	if (__r != -1 || errno != (e)) \
		KTAP_FAIL("expected %s to fail with %s (%d): got %ld, errno %d %s", \
			  #call, #e, e, __r, errno, strerror(errno)); \
} while (0)

/* Skips the running case (counted as passing, reported with # SKIP). */
#define KTAP_SKIP(reason) do { \
	ktap_skip_reason = (reason); \
	longjmp(ktap_abort, 1); \
} while (0)

static const char *ktap_case_name(const char *fn)
{
	return strncmp(fn, "t_", 2) ? fn : fn + 2;
}

static int ktap_run_cases(const struct ktap_case *cases, int n)
{
	volatile int i, failures = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n1..%d\n", n);
	for (i = 0; i < n; i++) {
		ktap_failed = 0;
		ktap_skip_reason = NULL;
		if (!setjmp(ktap_abort))
			cases[i].fn();
		fflush(stdout);
		if (ktap_skip_reason && !ktap_failed) {
			printf("ok %d %s # SKIP %s\n", i + 1, ktap_case_name(cases[i].name),
			       ktap_skip_reason);
			continue;
		}
		printf("%s %d %s\n", ktap_failed ? "not ok" : "ok", i + 1,
		       ktap_case_name(cases[i].name));
		failures += ktap_failed;
	}
	fflush(stdout);
	return failures ? 1 : 0;
}

#define KTAP_CASE(fn)	{ #fn, fn }
#define __KTAP_MAP1(f)	KTAP_CASE(f)
#define KTAP_CASES(...)	\
	(const struct ktap_case[]){ __KTAP_FOREACH(__VA_ARGS__) }, \
	(int)(sizeof((const struct ktap_case[]){ __KTAP_FOREACH(__VA_ARGS__) }) / \
	      sizeof(struct ktap_case))

/* __KTAP_FOREACH(a, b, c) -> KTAP_CASE(a), KTAP_CASE(b), KTAP_CASE(c), up to 64 */
#define __KTAP_N(...) __KTAP_N_(__VA_ARGS__, 64,63,62,61,60,59,58,57,56,55,54,53,52,51,50, \
	49,48,47,46,45,44,43,42,41,40,39,38,37,36,35,34,33,32,31,30,29,28,27,26,25,24,23, \
	22,21,20,19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1)
#define __KTAP_N_(_1,_2,_3,_4,_5,_6,_7,_8,_9,_10,_11,_12,_13,_14,_15,_16,_17,_18,_19, \
	_20,_21,_22,_23,_24,_25,_26,_27,_28,_29,_30,_31,_32,_33,_34,_35,_36,_37,_38,_39, \
	_40,_41,_42,_43,_44,_45,_46,_47,_48,_49,_50,_51,_52,_53,_54,_55,_56,_57,_58,_59, \
	_60,_61,_62,_63,_64,N,...) N
#define __KTAP_CAT(a, b) __KTAP_CAT_(a, b)
#define __KTAP_CAT_(a, b) a##b
#define __KTAP_FOREACH(...) __KTAP_CAT(__KTAP_FE_, __KTAP_N(__VA_ARGS__))(__VA_ARGS__)
#define __KTAP_FE_1(a) KTAP_CASE(a)
#define __KTAP_FE_2(a, ...) KTAP_CASE(a), __KTAP_FE_1(__VA_ARGS__)
#define __KTAP_FE_3(a, ...) KTAP_CASE(a), __KTAP_FE_2(__VA_ARGS__)
#define __KTAP_FE_4(a, ...) KTAP_CASE(a), __KTAP_FE_3(__VA_ARGS__)
#define __KTAP_FE_5(a, ...) KTAP_CASE(a), __KTAP_FE_4(__VA_ARGS__)
#define __KTAP_FE_6(a, ...) KTAP_CASE(a), __KTAP_FE_5(__VA_ARGS__)
#define __KTAP_FE_7(a, ...) KTAP_CASE(a), __KTAP_FE_6(__VA_ARGS__)
#define __KTAP_FE_8(a, ...) KTAP_CASE(a), __KTAP_FE_7(__VA_ARGS__)
#define __KTAP_FE_9(a, ...) KTAP_CASE(a), __KTAP_FE_8(__VA_ARGS__)
#define __KTAP_FE_10(a, ...) KTAP_CASE(a), __KTAP_FE_9(__VA_ARGS__)
#define __KTAP_FE_11(a, ...) KTAP_CASE(a), __KTAP_FE_10(__VA_ARGS__)
#define __KTAP_FE_12(a, ...) KTAP_CASE(a), __KTAP_FE_11(__VA_ARGS__)
#define __KTAP_FE_13(a, ...) KTAP_CASE(a), __KTAP_FE_12(__VA_ARGS__)
#define __KTAP_FE_14(a, ...) KTAP_CASE(a), __KTAP_FE_13(__VA_ARGS__)
#define __KTAP_FE_15(a, ...) KTAP_CASE(a), __KTAP_FE_14(__VA_ARGS__)
#define __KTAP_FE_16(a, ...) KTAP_CASE(a), __KTAP_FE_15(__VA_ARGS__)
#define __KTAP_FE_17(a, ...) KTAP_CASE(a), __KTAP_FE_16(__VA_ARGS__)
#define __KTAP_FE_18(a, ...) KTAP_CASE(a), __KTAP_FE_17(__VA_ARGS__)
#define __KTAP_FE_19(a, ...) KTAP_CASE(a), __KTAP_FE_18(__VA_ARGS__)
#define __KTAP_FE_20(a, ...) KTAP_CASE(a), __KTAP_FE_19(__VA_ARGS__)
#define __KTAP_FE_21(a, ...) KTAP_CASE(a), __KTAP_FE_20(__VA_ARGS__)
#define __KTAP_FE_22(a, ...) KTAP_CASE(a), __KTAP_FE_21(__VA_ARGS__)
#define __KTAP_FE_23(a, ...) KTAP_CASE(a), __KTAP_FE_22(__VA_ARGS__)
#define __KTAP_FE_24(a, ...) KTAP_CASE(a), __KTAP_FE_23(__VA_ARGS__)
#define __KTAP_FE_25(a, ...) KTAP_CASE(a), __KTAP_FE_24(__VA_ARGS__)
#define __KTAP_FE_26(a, ...) KTAP_CASE(a), __KTAP_FE_25(__VA_ARGS__)
#define __KTAP_FE_27(a, ...) KTAP_CASE(a), __KTAP_FE_26(__VA_ARGS__)
#define __KTAP_FE_28(a, ...) KTAP_CASE(a), __KTAP_FE_27(__VA_ARGS__)
#define __KTAP_FE_29(a, ...) KTAP_CASE(a), __KTAP_FE_28(__VA_ARGS__)
#define __KTAP_FE_30(a, ...) KTAP_CASE(a), __KTAP_FE_29(__VA_ARGS__)
#define __KTAP_FE_31(a, ...) KTAP_CASE(a), __KTAP_FE_30(__VA_ARGS__)
#define __KTAP_FE_32(a, ...) KTAP_CASE(a), __KTAP_FE_31(__VA_ARGS__)
#define __KTAP_FE_33(a, ...) KTAP_CASE(a), __KTAP_FE_32(__VA_ARGS__)
#define __KTAP_FE_34(a, ...) KTAP_CASE(a), __KTAP_FE_33(__VA_ARGS__)
#define __KTAP_FE_35(a, ...) KTAP_CASE(a), __KTAP_FE_34(__VA_ARGS__)
#define __KTAP_FE_36(a, ...) KTAP_CASE(a), __KTAP_FE_35(__VA_ARGS__)
#define __KTAP_FE_37(a, ...) KTAP_CASE(a), __KTAP_FE_36(__VA_ARGS__)
#define __KTAP_FE_38(a, ...) KTAP_CASE(a), __KTAP_FE_37(__VA_ARGS__)
#define __KTAP_FE_39(a, ...) KTAP_CASE(a), __KTAP_FE_38(__VA_ARGS__)
#define __KTAP_FE_40(a, ...) KTAP_CASE(a), __KTAP_FE_39(__VA_ARGS__)
#define __KTAP_FE_41(a, ...) KTAP_CASE(a), __KTAP_FE_40(__VA_ARGS__)
#define __KTAP_FE_42(a, ...) KTAP_CASE(a), __KTAP_FE_41(__VA_ARGS__)
#define __KTAP_FE_43(a, ...) KTAP_CASE(a), __KTAP_FE_42(__VA_ARGS__)
#define __KTAP_FE_44(a, ...) KTAP_CASE(a), __KTAP_FE_43(__VA_ARGS__)
#define __KTAP_FE_45(a, ...) KTAP_CASE(a), __KTAP_FE_44(__VA_ARGS__)
#define __KTAP_FE_46(a, ...) KTAP_CASE(a), __KTAP_FE_45(__VA_ARGS__)
#define __KTAP_FE_47(a, ...) KTAP_CASE(a), __KTAP_FE_46(__VA_ARGS__)
#define __KTAP_FE_48(a, ...) KTAP_CASE(a), __KTAP_FE_47(__VA_ARGS__)
#define __KTAP_FE_49(a, ...) KTAP_CASE(a), __KTAP_FE_48(__VA_ARGS__)
#define __KTAP_FE_50(a, ...) KTAP_CASE(a), __KTAP_FE_49(__VA_ARGS__)
#define __KTAP_FE_51(a, ...) KTAP_CASE(a), __KTAP_FE_50(__VA_ARGS__)
#define __KTAP_FE_52(a, ...) KTAP_CASE(a), __KTAP_FE_51(__VA_ARGS__)
#define __KTAP_FE_53(a, ...) KTAP_CASE(a), __KTAP_FE_52(__VA_ARGS__)
#define __KTAP_FE_54(a, ...) KTAP_CASE(a), __KTAP_FE_53(__VA_ARGS__)
#define __KTAP_FE_55(a, ...) KTAP_CASE(a), __KTAP_FE_54(__VA_ARGS__)
#define __KTAP_FE_56(a, ...) KTAP_CASE(a), __KTAP_FE_55(__VA_ARGS__)
#define __KTAP_FE_57(a, ...) KTAP_CASE(a), __KTAP_FE_56(__VA_ARGS__)
#define __KTAP_FE_58(a, ...) KTAP_CASE(a), __KTAP_FE_57(__VA_ARGS__)
#define __KTAP_FE_59(a, ...) KTAP_CASE(a), __KTAP_FE_58(__VA_ARGS__)
#define __KTAP_FE_60(a, ...) KTAP_CASE(a), __KTAP_FE_59(__VA_ARGS__)
#define __KTAP_FE_61(a, ...) KTAP_CASE(a), __KTAP_FE_60(__VA_ARGS__)
#define __KTAP_FE_62(a, ...) KTAP_CASE(a), __KTAP_FE_61(__VA_ARGS__)
#define __KTAP_FE_63(a, ...) KTAP_CASE(a), __KTAP_FE_62(__VA_ARGS__)
#define __KTAP_FE_64(a, ...) KTAP_CASE(a), __KTAP_FE_63(__VA_ARGS__)

#define ktap_run(cases_and_n) ktap_run_cases(cases_and_n)

#endif
