/* alloc is correct here: the fault is in ealloc.c */
#include "../correct/alloc.c"
