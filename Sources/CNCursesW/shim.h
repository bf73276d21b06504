#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Macros and globals Swift 6 cannot import (or rejects as not concurrency-safe). */
static inline attr_t shim_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t shim_A_BOLD(void) { return A_BOLD; }
static inline attr_t shim_A_DIM(void) { return A_DIM; }
static inline attr_t shim_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t shim_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline mmask_t shim_ALL_MOUSE_EVENTS(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t shim_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t shim_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t shim_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t shim_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t shim_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t shim_BUTTON3_RELEASED(void) { return BUTTON3_RELEASED; }
static inline mmask_t shim_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t shim_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
static inline mmask_t shim_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t shim_BUTTON2_RELEASED(void) { return BUTTON2_RELEASED; }
static inline int shim_KEY_CODE_YES(void) { return KEY_CODE_YES; }
/* Releases the terminfo entry loaded by a probing setupterm() (cur_term is a global Swift 6 rejects). */
static inline void shim_release_probe_terminal(void) { if (cur_term) { del_curterm(cur_term); cur_term = 0; } }
/* tigetstr returns (char *)-1 for "not a string capability": report present / absent / invalid as 1 / 0 / -1. */
static inline int shim_has_string_capability(const char *name) {
    char *s = tigetstr(name);
    if (s == (char *)-1) return -1;
    return s != 0 && s[0] != 0;
}
/* setcchar with an extended (int) colour pair: ncurses reads it through the opts pointer. */
static inline int shim_setcchar(cchar_t *wcval, const wchar_t *wch, attr_t attrs, int pair) {
    return setcchar(wcval, wch, attrs, (short)(pair < 32767 ? pair : 0), &pair);
}
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_COLORS(void) { return COLORS; }
static inline int shim_COLOR_PAIRS(void) { return COLOR_PAIRS; }
#endif
