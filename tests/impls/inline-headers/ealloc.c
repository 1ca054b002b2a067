#define FAULT_INLINE_HEADERS 1
#include "../correct/ealloc.c"
