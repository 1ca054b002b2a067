#define FAULT_CRASH_IN_FREE 1
#include "../correct/ealloc.c"
