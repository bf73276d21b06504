// CursesTerminal: the only code that calls ncurses — flushing buffers, reading keys and mouse.
// It holds no tutor logic.
import CNCursesW
