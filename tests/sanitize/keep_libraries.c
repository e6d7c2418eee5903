/* Linked into the make sanitize builds only. SDL and Mesa unload the
 * libraries they load (dlclose); LeakSanitizer then no longer sees the
 * pointers those libraries kept, and reports everything they still held as
 * leaked, with stacks it cannot name (google/sanitizers issue 89). Keeping
 * every library loaded until exit leaves the leaks that are real. */
int dlclose(void *handle);

int dlclose(void *handle)
{
	(void)handle;
	return 0;
}
