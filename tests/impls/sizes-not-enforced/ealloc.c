#define FAULT_SIZES_NOT_ENFORCED 1
#include "../correct/ealloc.c"
