#define FAULT_EAGER_PAGES 1
#include "../correct/ealloc.c"
