/* tools/prof/clone_newall.c: the row of the same name (clone_ns.h). */
#define FLAGS	(CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUSER)
#include "clone_ns.h"
