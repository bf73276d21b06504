// TerminalUI: cells, styles, layout and widgets that draw view-models into an off-screen buffer.
// It never talks to a terminal; CursesTerminal does that.
