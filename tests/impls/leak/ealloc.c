#define FAULT_LEAK 1
#include "../correct/ealloc.c"
