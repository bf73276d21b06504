import Foundation
import Testing
import Tutor

/// The interactive tutor in a real terminal (a private tmux server), driven like a learner would:
/// stepping through every lesson, pressing the dropout keys, drawing with the mouse, quitting and
/// coming back to the same place.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed: skipping the terminal end-to-end tests"))
struct TutorTerminalTests {
    static var lessons: [Lesson] { Course.lessons }
    func place(_ number: Int) -> String { Course.place(number) }
    func number(_ id: String) throws -> Int { try Course.number(id) }

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
        let lessons = try #require(Self.lessons.first == nil ? nil : Self.lessons, "no lessons loaded")
        let first = try t.waitFor(place(lessons[0].number))
        #expect(first.ok, "the tutor did not start:\n\(first.screen)")
        #expect(first.screen.contains(lessons[0].title))
        #expect(first.screen.contains("Q: "))
        for lesson in lessons.dropFirst() {
            try t.sendKeys("n")
            let page = try t.waitFor(place(lesson.number))
            #expect(page.ok, "lesson \(lesson.number) did not open:\n\(page.screen)")
        }
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
        let saved = try String(contentsOfFile: state + "/mnist-tutor/progress.json", encoding: .utf8)
        #expect(saved.contains("\"\(lessons.last!.id)\""))
        t.kill()

        let again = TmuxSession(name: "resume")
        defer { again.kill() }
        try again.start(command(state: state), columns: 100, rows: 30)
        let resumed = try again.waitFor(place(lessons.last!.number))
        #expect(resumed.ok, "the tutor did not resume at the last lesson:\n\(resumed.screen)")
        try again.sendKeys("C-c")
        #expect(try again.waitFor("EXIT=130").ok)
    }

    @Test func dropoutKeysChangeTheCounts() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "dropout")
        defer { t.kill() }
        let dropout = try number("dropout")
        try t.start(command(state: stateFolder(), arguments: "lesson \(dropout)"), columns: 100, rows: 32)
        #expect(try t.waitFor(place(dropout)).ok)
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

    /// Where the empty drawing canvas is on `screen`: its top-left cell and whether it is large (a dim
    /// dot every other cell, 56 wide) or compact (a dot in every cell, 28 wide). The dots are the paper.
    func canvas(on screen: String) -> (column: Int, row: Int, large: Bool)? {
        let large = String(repeating: "· ", count: 27) + "·", compact = String(repeating: "·", count: 28)
        for (row, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let cells = Array(line)
            for pattern in [large, compact] {
                let p = Array(pattern)
                guard cells.count >= p.count else { continue }
                if let column = (0 ... cells.count - p.count).first(where: { Array(cells[$0 ..< $0 + p.count]) == p }) {
                    return (column, row, pattern == large)
                }
            }
        }
        return nil
    }

    /// Drags the mouse through canvas pixels `points` (one stroke) on a canvas at `origin`.
    func stroke(_ points: [(Double, Double)], on origin: (column: Int, row: Int, large: Bool), in t: TmuxSession, sgr: Bool) throws {
        func cell(_ p: (Double, Double)) -> (Int, Int) {
            (origin.column + Int(p.0) * (origin.large ? 2 : 1), origin.row + (origin.large ? Int(p.1) : Int(p.1) / 2))
        }
        func send(_ cb: Int, _ c: (Int, Int), release: Bool = false) throws {
            if sgr { try t.sgrMouse(cb, column: c.0, row: c.1, release: release) } else { try t.mouse(UInt8(release ? 3 : cb), column: c.0, row: c.1) }
        }
        try send(0, cell(points[0]))
        for (a, b) in zip(points, points.dropFirst()) {
            for k in 1 ... 8 {
                let f = Double(k) / 8
                try send(32, cell((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f)))
            }
        }
        try send(0, cell(points.last!), release: true)
    }

    /// The draw lesson: a vertical stroke dragged with the mouse (X10 reports) is read as a 1 by the pretrained model.
    @Test func drawingAOneWithTheMousePredictsOne() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "draw")
        defer { t.kill() }
        try t.start(command(state: stateFolder(), arguments: "lesson \(try number("draw"))"), columns: 100, rows: 40)
        let empty = try t.waitFor("nothing to predict yet")
        #expect(empty.ok, "the draw lesson did not open with an empty canvas")
        #expect(try t.format("#{mouse_button_flag}") == "1", "button-event mouse tracking is not on")
        let origin = try #require(canvas(on: empty.screen), "no empty canvas on screen:\n\(empty.screen)")
        try stroke([(14, 4), (14, 23)], on: origin, in: t, sgr: false)
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

    /// The draw lesson at 120x40 and at 80x24 (SGR mouse reports, TERM=xterm-256color): a 7 drawn with the mouse
    /// is read as a 7, and once answered the panel shows the prediction and ten rows of logits (with
    /// their probabilities) beside the canvas, without Tab. At 120x40 the prepared 28x28 shows too.
    @Test(arguments: [(120, 40), (80, 24)])
    func drawingASevenShowsThePredictionAndTheLogits(size: (columns: Int, rows: Int)) throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "seven\(size.columns)")
        defer { t.kill() }
        let environment = "TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME='\(stateFolder())'"
        try t.start(TmuxSession.command("lesson \(try number("draw"))", environment: environment), columns: size.columns, rows: size.rows)
        let empty = try t.waitFor { self.canvas(on: $0) != nil }
        #expect(empty.ok, "the draw lesson did not open with an empty canvas:\n\(empty.screen)")
        let origin = try #require(canvas(on: empty.screen), "no empty canvas on screen:\n\(empty.screen)")
        try stroke([(7, 6), (21, 6), (20, 10), (16, 17), (13, 24)], on: origin, in: t, sgr: true)
        #expect(try t.waitFor("Prediction: ??").ok, "the stroke did not reach the canvas")
        try t.sendKeys("7", "Enter")
        let answered = try t.waitFor("Prediction: 7,")
        #expect(answered.ok, "the 7 was not read as a 7:\n\(answered.screen)")
        for digit in 0 ... 9 {
            #expect(answered.screen.range(of: "\\b\(digit) +[+-][0-9]+\\.[0-9]{2} [^0-9]* *[0-9]+\\.[0-9]%", options: .regularExpression) != nil,
                    "no logit and probability row for \(digit):\n\(answered.screen)")
        }
        if size.columns >= 120 { #expect(answered.screen.contains("what the network sees"), "\(answered.screen)") }
        try t.sendKeys("q")
        #expect(try t.waitFor("EXIT=0").ok)
    }

    /// The dropout lesson at 80x24: after skipping the question and `+`, the logits with this mask show beside the grid.
    @Test func dropoutAt80x24ShowsTheMaskedLogits() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "dropout80")
        defer { t.kill() }
        let dropout = try number("dropout")
        try t.start(command(state: stateFolder(), arguments: "lesson \(dropout)"), columns: 80, rows: 24)
        #expect(try t.waitFor(place(dropout)).ok)
        try t.sendKeys("Escape")
        #expect(try t.waitFor("the mask drops").ok)
        try t.sendKeys("+")
        let shown = try t.waitFor { $0.contains("Dropout(0.3)") && $0.contains("the mask drops") }
        #expect(shown.ok, "\(shown.screen)")
        #expect(shown.screen.contains("logits with") && shown.screen.contains("this mask"), "\(shown.screen)")
        for digit in 0 ... 9 {
            #expect(shown.screen.range(of: "\\b\(digit) +[+-][0-9]+\\.[0-9]{2}", options: .regularExpression) != nil,
                    "no masked logit for \(digit):\n\(shown.screen)")
        }
        #expect(shown.screen.contains("? help") && shown.screen.contains("q quit"))
        try t.sendKeys("q")
        #expect(try t.waitFor("EXIT=0").ok)
    }

    /// Below 80x24 the tutor says how large the window must be, ignores every key but q and Ctrl-C,
    /// and draws again once the window is large enough.
    @Test func tooSmallWindowSaysSoAndRecovers() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "small")
        defer { t.kill() }
        try t.start(command(state: stateFolder()), columns: 70, rows: 20)
        #expect(try t.waitFor("please enlarge it to at least 80x24").ok)
        // Keys behind the notice do nothing: no lesson moves, no question skipped.
        try t.sendKeys("n", "n", "Escape", "Tab")
        usleep(300_000)
        try t.tmux("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
        let back = try t.waitFor(place(try #require(Self.lessons.first).number))
        #expect(back.ok, "no redraw after the window grew, or the keys moved on:\n\(back.screen)")
        #expect(back.screen.contains("Esc skips") && !back.screen.contains("Skipped"), "\(back.screen)")
        try t.sendKeys("q")
        #expect(try t.waitFor("EXIT=0").ok)
    }
}
