/*
 * include/linux/seq_file.h: building the text of a /proc file.
 *
 * A show function prints the whole file into a seq_file buffer with
 * seq_printf, and reads are served from the buffer, which grows as
 * needed.  The proc layer runs it when the file is opened (proc_seq_open:
 * the text is what the opener's namespaces show), or, for /proc/PID's
 * one-show files, at the first read and again when a read starts
 * elsewhere than the last one ended (proc_seq_open_at_read, as Linux's
 * seq_read).  Simpler than Linux's iterator-based seq_file, with the same
 * calls for the common case.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/mutex.h>

struct file;
struct inode;

struct seq_file {
	char *buf;
	size_t size;		/* allocated */
	size_t count;		/* written */
	bool overflow;		/* a write did not fit: the proc layer retries bigger */
	void *private;		/* the data given at proc_create time */
	struct file *file;	/* the opening file (its f_cred, its proc mount) */
	int (*fill)(struct seq_file *m, void *arg);	/* makes the text */
	void *arg;		/* fill's argument */
	bool fill_at_read;	/* made by reads (proc_seq_open_at_read), not at open */
	loff_t read_pos;	/* where the last read ended */
	struct mutex lock;	/* serializes reads: buf, size, count, read_pos */
};

int seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
int seq_puts(struct seq_file *m, const char *s);
int seq_putc(struct seq_file *m, char c);
int seq_write(struct seq_file *m, const void *data, size_t len);

/* For a /proc file with its own open (proc_create_data): the text made by reads. */
int proc_seq_open_at_read(struct file *f, int (*fill)(struct seq_file *m, void *arg),
			  void *arg, void *private);
ssize_t proc_seq_read(struct file *f, char *ubuf, size_t n, loff_t *pos);
loff_t proc_seq_lseek(struct file *f, loff_t off, int whence);
int proc_seq_release(struct inode *inode, struct file *f);

#endif
