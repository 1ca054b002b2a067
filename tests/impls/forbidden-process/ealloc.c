#define FAULT_FORBIDDEN_PROCESS 1
#include "../correct/ealloc.c"
