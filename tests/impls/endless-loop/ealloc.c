#define FAULT_ENDLESS_LOOP 1
#include "../correct/ealloc.c"
