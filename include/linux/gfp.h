/* include/linux/gfp.h: allocation flags. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u
#define GFP_KERNEL	0x1u
#define GFP_ATOMIC	0x2u
#define GFP_USER	GFP_KERNEL

#endif
