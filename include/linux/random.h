/* include/linux/random.h: kernel random numbers. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

void get_random_bytes(void *buf, size_t n);
ssize_t get_random_bytes_user(char *ubuf, size_t n);
u64 get_random_u64(void);

#endif
