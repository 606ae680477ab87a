/* tools/prof/clone_newuser.c: the row of the same name (clone_ns.h). */
#define FLAGS	CLONE_NEWUSER
#include "clone_ns.h"
