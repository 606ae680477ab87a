/*
 * fs_eventfd: eventfd and eventfd2.  A read returns the 8-byte counter
 * and clears it, or takes 1 with EFD_SEMAPHORE; a write adds; a read of 0
 * and a write that would reach 2^64 - 1 wait (EAGAIN with EFD_NONBLOCK),
 * until another process writes or reads, or a signal comes (EINTR).
 * EINVAL for fewer than 8 bytes, for writing 2^64 - 1 and for unknown
 * flags; poll says readable with a count, writable while 1 more fits;
 * the file seeks nowhere (lseek 0, pread ESPIPE), is "anon_inode:[eventfd]"
 * in /proc/self/fd, and its fdinfo shows the count in hex; a forked child
 * shares the counter.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "fd_util.h"

static uint64_t rd(int fd)
{
	uint64_t v = 0;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? v : (uint64_t)-1;
}

static int wr(int fd, uint64_t v)
{
	return write(fd, &v, sizeof(v)) == sizeof(v) ? 0 : -1;
}

static short revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static void t_counter_reads_and_clears(void)
{
	int fd = eventfd(3, 0);
	uint64_t v;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(rd(fd), 3);
	EXPECT_EQ(wr(fd, 5), 0);
	EXPECT_EQ(wr(fd, 7), 0);
	EXPECT_EQ(rd(fd), 12);
	EXPECT_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	EXPECT_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	close(fd);
}

static void t_semaphore_takes_one(void)
{
	int fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	uint64_t v;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(rd(fd), 1);
	EXPECT_EQ(rd(fd), 1);
	EXPECT_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	close(fd);
}

static void t_flags(void)
{
	int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR | O_NONBLOCK);
	close(fd);
	EXPECT_ERRNO(syscall(SYS_eventfd2, 0, 2), EINVAL);
	EXPECT_ERRNO(syscall(SYS_eventfd2, 0, O_RDWR), EINVAL);
	fd = syscall(SYS_eventfd, 9);		/* the old call: no flags */
	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_EQ(rd(fd), 9);
	close(fd);
}

static void t_einval(void)
{
	int fd = eventfd(1, EFD_NONBLOCK);
	uint32_t small = 1;
	uint64_t max = UINT64_MAX;

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(read(fd, &small, sizeof(small)), EINVAL);
	EXPECT_ERRNO(write(fd, &small, sizeof(small)), EINVAL);
	EXPECT_ERRNO(write(fd, &max, sizeof(max)), EINVAL);
	EXPECT_EQ(rd(fd), 1);			/* nothing changed */
	close(fd);
}

/* The counter stops at 2^64 - 2: poll drops POLLOUT there, a write of 1 more waits. */
static void t_overflow_and_poll(void)
{
	int fd = eventfd(0, EFD_NONBLOCK);
	uint64_t one = 1;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(revents(fd), POLLOUT);
	EXPECT_EQ(wr(fd, UINT64_MAX - 1), 0);
	EXPECT_EQ(revents(fd), POLLIN);
	EXPECT_ERRNO(write(fd, &one, sizeof(one)), EAGAIN);
	EXPECT_EQ(rd(fd), UINT64_MAX - 1);
	EXPECT_EQ(revents(fd), POLLOUT);
	EXPECT_EQ(wr(fd, 1), 0);
	EXPECT_EQ(revents(fd), POLLIN | POLLOUT);
	close(fd);
}

static int efd_for_child = -1;

static int child_writes(long v)
{
	return wr(efd_for_child, v) ? 1 : 0;
}

static int child_reads(long expect)
{
	return rd(efd_for_child) == (uint64_t)expect ? 0 : 1;
}

static void t_read_waits_for_writer(void)
{
	pid_t pid;

	efd_for_child = eventfd(0, 0);
	ASSERT_GE(efd_for_child, 0);
	pid = when_parent_sleeps(child_writes, 42);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(rd(efd_for_child), 42);
	EXPECT_EXIT(wait_status(pid), 0);
	close(efd_for_child);
}

static void t_write_waits_for_reader(void)
{
	pid_t pid;

	efd_for_child = eventfd(0, 0);
	ASSERT_GE(efd_for_child, 0);
	ASSERT_EQ(wr(efd_for_child, UINT64_MAX - 1), 0);
	pid = when_parent_sleeps(child_reads, (long)(UINT64_MAX - 1));
	ASSERT_GE(pid, 0);
	EXPECT_EQ(wr(efd_for_child, 1), 0);	/* waits until the child empties it */
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(rd(efd_for_child), 1);
	close(efd_for_child);
}

static void t_signal_interrupts_read(void)
{
	int fd = eventfd(0, 0);
	uint64_t v;
	pid_t pid;

	ASSERT_GE(fd, 0);
	usr1_interrupts();
	pid = when_parent_sleeps(kill_parent_usr1, 0);
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(read(fd, &v, sizeof(v)), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	signal(SIGUSR1, SIG_DFL);
	close(fd);
}

static void t_no_position(void)
{
	int fd = eventfd(4, 0);
	uint64_t v;
	char link[64];

	ASSERT_GE(fd, 0);
	EXPECT_EQ(lseek(fd, 100, SEEK_SET), 0);
	EXPECT_ERRNO(pread(fd, &v, sizeof(v), 0), ESPIPE);
	EXPECT_ERRNO(pwrite(fd, &v, sizeof(v), 0), ESPIPE);
	EXPECT_STREQ(fd_link(fd, link, sizeof(link)), "anon_inode:[eventfd]");
	close(fd);
}

static void t_fdinfo(void)
{
	int fd = eventfd(0x1234, EFD_NONBLOCK | EFD_CLOEXEC);
	char buf[64];

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fdinfo_number(fd, "eventfd-count", 16), 0x1234);
	EXPECT_EQ(fdinfo_field(fd, "eventfd-count", buf, sizeof(buf)), 0);
	EXPECT_EQ(strlen(buf), 17);		/* " %16llx" */
	EXPECT_GE(fdinfo_number(fd, "eventfd-id", 10), 0);
	EXPECT_EQ(fdinfo_number(fd, "flags", 8), O_RDWR | O_NONBLOCK | O_CLOEXEC);
	EXPECT_EQ(fdinfo_number(fd, "pos", 10), 0);
	EXPECT_EQ(rd(fd), 0x1234);
	EXPECT_EQ(fdinfo_number(fd, "eventfd-count", 16), 0);
	close(fd);
}

static void t_shared_across_fork(void)
{
	pid_t pid;

	efd_for_child = eventfd(0, 0);
	ASSERT_GE(efd_for_child, 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(wr(efd_for_child, 6) ? 1 : 0);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(rd(efd_for_child), 6);
	close(efd_for_child);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_counter_reads_and_clears, t_semaphore_takes_one, t_flags,
				   t_einval, t_overflow_and_poll, t_read_waits_for_writer,
				   t_write_waits_for_reader, t_signal_interrupts_read, t_no_position,
				   t_fdinfo, t_shared_across_fork));
}
