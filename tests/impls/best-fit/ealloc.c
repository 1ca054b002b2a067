#define FAULT_BEST_FIT 1
#include "../correct/ealloc.c"
