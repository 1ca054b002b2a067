#define FAULT_HEAP_NOT_MMAP 1
#include "../correct/ealloc.c"
