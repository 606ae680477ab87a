/* tools/prof/clone_newpid.c: the row of the same name (clone_ns.h). */
#define FLAGS	CLONE_NEWPID
#include "clone_ns.h"
