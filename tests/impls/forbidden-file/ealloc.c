#define FAULT_FORBIDDEN_FILE 1
#include "../correct/ealloc.c"
