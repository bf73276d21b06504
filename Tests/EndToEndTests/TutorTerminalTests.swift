import Foundation
import Testing

/// The interactive tutor in a real terminal (a private tmux server), driven like a learner would:
/// stepping through every lesson, pressing the dropout keys, drawing with the mouse, quitting and
/// coming back to the same place.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed: skipping the terminal end-to-end tests"))
struct TutorTerminalTests {

    /// A fresh state folder per test, so saved progress from elsewhere cannot leak in.
    func stateFolder() -> String { BinaryRunner.temporaryDirectory() }

    /// The tutor in a window (see `TmuxSession.command`), with its progress kept in `state`.
    func command(state: String, arguments: String = "") -> String {
        TmuxSession.command(arguments, environment: "TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(state)'")
    }

    /// The number in "... drops N of 128 ..." on the screen.
    func droppedCount(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"drops (\d+) of 128"#, options: .regularExpression) else { return nil }
        return Int(screen[range].split(separator: " ")[1])
    }

    @Test func stepsThroughEveryLessonQuitsAndResumes() throws {
        try TmuxSession.requireBinary()
        let state = stateFolder()
        let t = TmuxSession(name: "lessons")
        defer { t.kill() }
        try t.start(command(state: state), columns: 100, rows: 30)
        let first = try t.waitFor("1/12")
        #expect(first.ok, "the tutor did not start:\n\(first.screen)")
        #expect(first.screen.contains("What a neural network is"))
        #expect(first.screen.contains("Q: "))
        for n in 2 ... 12 {
            try t.sendKeys("n")
            let page = try t.waitFor("\(n)/12")
            #expect(page.ok, "lesson \(n) did not open:\n\(page.screen)")
        }
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
        let saved = try String(contentsOfFile: state + "/mnist-tutor/progress.json", encoding: .utf8)
        #expect(saved.contains("overfitting"))
        t.kill()

        let again = TmuxSession(name: "resume")
        defer { again.kill() }
        try again.start(command(state: state), columns: 100, rows: 30)
        let resumed = try again.waitFor("12/12")
        #expect(resumed.ok, "the tutor did not resume at lesson 12:\n\(resumed.screen)")
        try again.sendKeys("C-c")
        #expect(try again.waitFor("EXIT=130").ok)
    }

    @Test func dropoutKeysChangeTheCounts() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "dropout")
        defer { t.kill() }
        try t.start(command(state: stateFolder(), arguments: "lesson 8"), columns: 100, rows: 32)
        #expect(try t.waitFor("8/12").ok)
        try t.sendKeys("Escape")  // skip the question: the mask is revealed
        let before = try t.waitFor("the mask drops")
        #expect(before.ok, "\(before.screen)")
        let dropped02 = try #require(droppedCount(before.screen), "no dropped count on screen:\n\(before.screen)")
        #expect(dropped02 > 5 && dropped02 < 50)
        try t.sendKeys("+", "+", "+")
        let after = try t.waitFor { $0.contains("Dropout(0.5), training mode") && $0.contains("the mask drops") }
        #expect(after.ok, "\(after.screen)")
        let dropped05 = try #require(droppedCount(after.screen))
        #expect(dropped05 > dropped02 && dropped05 > 40 && dropped05 < 90, "rate 0.5 dropped \(dropped05)")
        #expect(after.screen.contains("= 2"))  // kept values scaled by 1/(1-0.5)
        try t.sendKeys("m")
        let inference = try t.waitFor("inference mode")
        #expect(inference.ok)
        #expect(inference.screen.contains("nothing dropped"))
        try t.sendKeys("q")
        #expect(try t.waitFor("EXIT=0").ok)
    }

    /// Lesson 11: a vertical stroke dragged with the mouse is read as a 1 by the pretrained model.
    @Test func drawingAOneWithTheMousePredictsOne() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "draw")
        defer { t.kill() }
        // 100x40: the draw panel has the focus (and the whole width), so the canvas is drawn large at
        // column 2, row 2: two columns a pixel, one row a pixel.
        try t.start(command(state: stateFolder(), arguments: "lesson 11"), columns: 100, rows: 40)
        #expect(try t.waitFor("nothing to predict yet").ok, "the draw lesson did not open with an empty canvas")
        #expect(try t.format("#{mouse_button_flag}") == "1", "button-event mouse tracking is not on")
        let column = 2 + 2 * 14, top = 2 + 4, bottom = 2 + 23
        try t.mouse(0, column: column, row: top)
        for row in top + 1 ... bottom { try t.mouse(32, column: column, row: row) }
        try t.mouse(3, column: column, row: bottom)
        let drawn = try t.waitFor("Prediction: ??")
        #expect(drawn.ok, "the stroke did not reach the canvas:\n\(drawn.screen)")
        try t.sendKeys("1", "Enter")
        let answered = try t.waitFor("Prediction: 1,")
        #expect(answered.ok, "the network did not read the stroke as a 1:\n\(answered.screen)")
        #expect(answered.screen.contains("Right: 1. Its probability for that digit:"))
        try t.sendKeys("c")
        #expect(try t.waitFor("nothing to predict yet").ok, "c did not clear the canvas")
        try t.sendKeys("q")
        #expect(try t.waitFor("EXIT=0").ok)
    }

    /// Below 80x24 the tutor says how large the window must be, and draws again once it is.
    @Test func tooSmallWindowSaysSoAndRecovers() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "small")
        defer { t.kill() }
        try t.start(command(state: stateFolder()), columns: 70, rows: 20)
        #expect(try t.waitFor("please enlarge it to at least 80x24").ok)
        try t.tmux("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
        #expect(try t.waitFor("1/12").ok, "no redraw after the window grew")
        try t.sendKeys("q")
        #expect(try t.waitFor("EXIT=0").ok)
    }
}
