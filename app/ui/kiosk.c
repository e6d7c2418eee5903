#include "ui/kiosk.h"
int kiosk_main(int argc, char **argv) { return 0; }
