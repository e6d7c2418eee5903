/* The kiosk: the full-screen touch interface, and its headless scripted
 * mode (--script FILE --shots DIR) used by the tests. */
#ifndef HISHATAK_KIOSK_H
#define HISHATAK_KIOSK_H

/* argv[0] is "kiosk" (or the program's name when no command was given). */
int kiosk_main(int argc, char **argv);

#endif
