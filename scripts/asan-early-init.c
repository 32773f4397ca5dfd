/* asan-early-init.c: preloaded between libasan.so and libubsan.so by scripts/with-cluster.sh
 * (FINSIM_SANITIZE=1) for a server that loads a `make SANITIZE=1` build of finsim.
 *
 * 1. The ASan runtime is not linked into the Debian postgres binary, so it is only preloaded
 *    and initialises lazily on the first intercepted call.  Library constructors run before
 *    it (libgpg-error, gnutls) and call bindtextdomain(), which mallocs while holding glibc's
 *    _nl_state_lock; ASan's initialisation inside that critical section leaves the rwlock
 *    corrupted, and postgres later hangs forever in bindtextdomain().  The wrapper below
 *    initialises ASan before the first bindtextdomain() takes the lock.
 * 2. UBSan reads UBSAN_OPTIONS lazily, at its first report, from /proc/self/environ; by then
 *    postgres has overwritten that memory with its process title, so the options were lost
 *    (no log file, no stack trace, exit instead of abort).  The constructor keeps a copy of
 *    UBSAN_OPTIONS taken before main(), and UBSan gets it through its default-options hook. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

extern void __asan_init(void) __attribute__((weak));

char *bindtextdomain(const char *domainname, const char *dirname)
{
	static char *(*real)(const char *, const char *);

	if (__asan_init)
		__asan_init();
	if (!real)
		real = (char *(*)(const char *, const char *)) dlsym(RTLD_NEXT, "bindtextdomain");
	return real(domainname, dirname);
}

static char ubsan_options[4096];

__attribute__((constructor)) static void keep_ubsan_options(void)
{
	const char *o = getenv("UBSAN_OPTIONS");

	if (o)
		strncpy(ubsan_options, o, sizeof(ubsan_options) - 1);
}

const char *__ubsan_default_options(void)
{
	return ubsan_options;
}
