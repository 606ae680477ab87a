/* tools/prof/clone_newipc.c: the row of the same name (clone_ns.h). */
#define FLAGS	CLONE_NEWIPC
#include "clone_ns.h"
