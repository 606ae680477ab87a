/* tools/prof/clone_exit_wait.c: the row of the same name (clone_ns.h). */
#define FLAGS	0
#include "clone_ns.h"
