#define FAULT_NO_PAGE_LIMIT 1
#include "../correct/ealloc.c"
