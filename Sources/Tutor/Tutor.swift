// Tutor: the lessons, the tutor's state and update function, and pure view-models of every panel.
// It draws nothing; TerminalUI renders what it computes.
