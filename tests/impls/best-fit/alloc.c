#define FAULT_BEST_FIT 1
#include "../correct/alloc.c"
