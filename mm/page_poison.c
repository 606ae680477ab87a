/*
 * mm/page_poison.c: page poisoning, Linux's page_poison=1.
 *
 * With page_poison=1 on the command line, every page freed to the buddy
 * allocator is filled with PAGE_POISON (0xaa) and marked PG_poisoned;
 * when it is handed out again the bytes are checked first.  A byte that
 * changed means someone wrote to the page after freeing it: "pagealloc:
 * memory corruption" (or "single bit error"), the changed bytes, the
 * stack of the allocation that found it and the page.  Pages free since
 * boot were never poisoned, so they carry no mark and are not checked
 * (Linux 4.x marked poisoned pages in page_ext the same way).
 *
 * Off, it costs one predictable branch per allocation and free.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/init.h>
#include <linux/poison.h>
#include <linux/hexdump.h>
#include <linux/panic.h>

bool page_poisoning_enabled;

static int __init early_page_poison_param(char *buf)
{
	return kstrtobool(buf ? buf : "1", &page_poisoning_enabled);
}
early_param("page_poison", early_page_poison_param);

void __kernel_poison_pages(struct page *page, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		memset(page_address(page + i), PAGE_POISON, PAGE_SIZE);
		SetPageFlag(page + i, PG_poisoned);
	}
}

static bool single_bit_flip(unsigned char a, unsigned char b)
{
	unsigned char error = a ^ b;

	return error && !(error & (error - 1));
}

/* At most this many bytes of a corruption are dumped: a whole page is 256 lines. */
#define DUMP_MAX	128

static void check_poison_mem(struct page *page, unsigned char *mem, size_t bytes)
{
	unsigned char *start = memchr_inv(mem, PAGE_POISON, bytes), *end;

	if (!start)
		return;
	for (end = mem + bytes - 1; end > start; end--)
		if (*end != PAGE_POISON)
			break;
	if (start == end && single_bit_flip(*start, PAGE_POISON))
		pr_err("pagealloc: single bit error\n");
	else
		pr_err("pagealloc: memory corruption\n");
	print_hex_dump(KERN_ERR, "", start, min((size_t)(end - start + 1), (size_t)DUMP_MAX), true);
	if (end - start + 1 > DUMP_MAX)
		pr_err("(%ld more bytes to %px)\n", (long)(end - start + 1 - DUMP_MAX), end);
	dump_stack();
	dump_page(page, "pagealloc: corrupted page details");
	add_taint(TAINT_BAD_PAGE);
}

/* Checks and unmarks the poisoned pages among [page, page + n). */
void __kernel_unpoison_pages(struct page *page, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!PageFlag(page + i, PG_poisoned))
			continue;
		check_poison_mem(page + i, page_address(page + i), PAGE_SIZE);
		ClearPageFlag(page + i, PG_poisoned);
	}
}
