/* asan-early-init.c: preloaded after libasan.so by scripts/with-cluster.sh (FINSIM_SANITIZE=1).
 *
 * The ASan runtime is not linked into the Debian postgres binary, so it is only preloaded and
 * initialises lazily on the first intercepted call.  Library constructors run before it
 * (libgpg-error, gnutls), and they call bindtextdomain(), which mallocs while holding
 * glibc's _nl_state_lock; ASan's initialisation inside that critical section leaves the
 * rwlock corrupted, and postgres later hangs forever in bindtextdomain().
 * This wrapper initialises ASan before the first bindtextdomain() takes the lock. */
#define _GNU_SOURCE
#include <dlfcn.h>

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
