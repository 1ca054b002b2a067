#define FAULT_OVERLAP 1
#include "../correct/alloc.c"
