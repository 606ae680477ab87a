/*
 * include/linux/seq_file.h: building the text of a /proc file.
 *
 * A show function prints the whole file into a seq_file buffer with
 * seq_printf; the proc layer runs it when the file is opened (so the text
 * is what the opener's namespaces show) and reads are served from the
 * buffer, which grows as needed.  Simpler than Linux's iterator-based
 * seq_file, with the same calls for the common case.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;

struct seq_file {
	char *buf;
	size_t size;		/* allocated */
	size_t count;		/* written */
	bool overflow;		/* a write did not fit: the proc layer retries bigger */
	void *private;		/* the data given at proc_create time */
	struct file *file;	/* the opening file (its f_cred, its proc mount) */
};

int seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
int seq_puts(struct seq_file *m, const char *s);
int seq_putc(struct seq_file *m, char c);
int seq_write(struct seq_file *m, const void *data, size_t len);

#endif
