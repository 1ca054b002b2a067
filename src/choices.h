/* choices.h - the library's kinds and policies as lists, for messages and
 * completion, all read from pa_kind_name() and pa_policy_name(). */
#ifndef ALLOCSH_CHOICES_H
#define ALLOCSH_CHOICES_H

/* NULL-terminated lists of the names. */
const char *const *kind_names(void);
const char *const *policy_names(void);
const char *const *order_names(void);
/* "alloc or ealloc", "first, best, worst or next". */
const char *kind_choices(void);
const char *policy_choices(void);
/* "a, b or c" from a NULL-terminated list, into buf. */
const char *choices_of(const char *const *list, char *buf, unsigned long len);

#endif
