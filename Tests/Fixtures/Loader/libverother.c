/*
 * libverother.so (version script libverother.map: OTHER_1): defines
 * ver_func too, in a version nobody asks for. The versions program needs
 * it before libver.so (it calls verother_present), so a lookup that
 * ignored versions would bind ver_func@VER_1 and ver_func@VER_2 here (99).
 */
int ver_func(void) { return 99; }
int verother_present(void) { return 1; }
