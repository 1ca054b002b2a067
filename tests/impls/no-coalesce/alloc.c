#define FAULT_NO_COALESCE 1
#include "../correct/alloc.c"
