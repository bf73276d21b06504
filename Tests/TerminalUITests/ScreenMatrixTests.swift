import Foundation
import Testing
@testable import TerminalUI
@testable import Tutor

/// Every lesson the library loads, at every size from 80x24 to 220x60, after its question is skipped
/// (a training lesson after a finished run, the drawing lesson after a drawn 7): the number the
/// question asked about and every essential block are on screen whole, nothing is drawn outside its
/// rect, and the key bar shows how to move, get help and quit. A new lesson is checked here as soon as
/// its file is in the folder (`addedLessonPasses` adds one to a copy of the folder to show it).
///
/// With `SCREENS_DIR` set (`make screens`), each screen is also written there as plain text, with
/// the panel zoomed (Tab) and the help (`?`) beside it, for a person to read through.
@Suite("Every lesson at every size", .serialized)
struct ScreenMatrixTests {
    static let sizes = [(80, 24), (100, 30), (120, 40), (132, 43), (160, 50), (220, 60)].map { Size(columns: $0, rows: $1) }
    static var workbench: Workbench { Shipped.workbench }

    /// Each lesson's state, prepared once (runs and drawing are the slow part, rendering is not), then
    /// with its question skipped, and answered right (a verdict takes more lines than a skip).
    static let ready: [TutorState] = quickLessons.indices.map { prepare($0, in: quickLessons) }
    static let prepared: [TutorState] = ready.map(skipped)
    static let answered: [TutorState] = ready.map(answered)

    /// `state` with its question skipped.
    static func skipped(_ state: TutorState) -> TutorState {
        var skipped = state
        _ = skipped.update(.key(.escape), workbench: workbench)
        return skipped
    }

    /// `state` with its question answered right.
    static func answered(_ state: TutorState) -> TutorState {
        var answered = state
        for c in rightAnswer(state) { _ = answered.update(.key(.character(c)), workbench: workbench) }
        _ = answered.update(.key(.enter), workbench: workbench)
        return answered
    }

    /// What a learner who knows would type: the live value, or the right option's letter.
    static func rightAnswer(_ state: TutorState) -> String {
        let live = state.lesson.answer.liveValue.flatMap { state.panel.liveValue($0, workbench: workbench) }
        switch state.lesson.answer {
        case .number: return live.map(AnswerSpec.format) ?? ""
        case .choice(_, .option(let right)): return String(AnswerSpec.letter(right))
        case .choice(let options, .live):
            let right = options.firstIndex { Double($0).map { abs($0 - (live ?? .nan)) < 1e-9 } ?? false } ?? 0
            return String(AnswerSpec.letter(right))
        case .choice(let options, .sign):
            return String(AnswerSpec.letter(live.flatMap { AnswerSpec.signIndex($0, options: options) } ?? 0))
        case .pair(let name, _):
            return state.panel.liveTable(name, workbench: workbench).flatMap { PairAnswer(table: $0).top }.map { "\($0.row) \($0.column)" } ?? ""
        }
    }

    /// The lessons with their runs cut to a size a debug build trains in a second or two: one epoch
    /// on 1,000 images (options for panels that take them, the settings list for the training panel).
    static let quickLessons: [Lesson] = quick(Shipped.lessons)

    static func quick(_ lessons: [Lesson]) -> [Lesson] {
        lessons.map { lesson in
        var options = lesson.options.explicit
        if lesson.panel.options.contains(.epochs) { options[.epochs] = .integer(1) }
        if lesson.panel.options.contains(.trainSize) { options[.trainSize] = .integer(1_000) }
        // The width sweep keeps its question's two widths (128 and the widest) and one narrow one.
        if lesson.panel.options.contains(.widths) { options[.widths] = .integers([16, 128, 256]) }
        return Lesson(number: lesson.number, id: lesson.id, title: lesson.title, panel: lesson.panel,
                      options: LessonOptions(options), keys: lesson.keys, kerasLines: lesson.kerasLines, body: lesson.body,
                      tryThis: lesson.tryThis, question: lesson.question, answer: lesson.answer, file: lesson.file, part: lesson.part)
        }
    }

    /// Lesson `i` of `lessons` opened, its panel run or drawn on when it has a run to start or a canvas.
    static func prepare(_ i: Int, in lessons: [Lesson]) -> TutorState {
        let lesson = lessons[i]
        var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lesson.id), workbench: workbench)
        workbench.settle()  // what the panel computes in the background (lesson 16's classification), done
        if var training = state.panel as? TrainingPanel {
            training.settings.trainSize = 1_000
            training.settings.epochs = 1
            state.panels[state.index] = training
        }
        if let start = lesson.keys.first(where: { $0.action == "start" }) {
            let effects = state.update(.key(.character(Character(start.key))), workbench: workbench)
            for case .startTraining(let request) in effects {
                let runner = TrainingRunner()
                runner.run(request, data: workbench.data)
                for update in runner.poll() { _ = state.receive(update, workbench: workbench) }
            }
        }
        // A panel with a canvas gets a 7, drawn with the mouse through the canvas the screen reports.
        var buffer = CellBuffer(columns: 120, rows: 40)
        if let canvas = TutorScreen().render(state, workbench: workbench, into: &buffer, context: .unicode256).canvas {
            state.laidOut(ScreenLayout(canvas: canvas))
            for event in sevenStrokes(canvas) { _ = state.update(event, workbench: workbench) }
        }
        return state
    }

    /// Mouse events drawing a 7 (a bar across the top, then a diagonal down) on a canvas placed at `p`.
    static func sevenStrokes(_ p: CanvasPlacement) -> [Event] {
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            (p.column + Int(x) * p.columnsPerPixel, p.row + Int(Double(Int(y)) * p.rowsPerPixel))
        }
        var events: [Event] = []
        for stroke in [[(7.0, 6.0), (21.0, 6.0), (20.0, 10.0), (16.0, 17.0), (13.0, 24.0)]] {
            let (c0, r0) = cell(stroke[0].0, stroke[0].1)
            events.append(.mouse(MouseEvent(.press, column: c0, row: r0)))
            for (a, b) in zip(stroke, stroke.dropFirst()) {
                for k in 1 ... 8 {
                    let t = Double(k) / 8
                    let (c, r) = cell(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
                    events.append(.mouse(MouseEvent(.drag, column: c, row: r)))
                }
            }
            let (c1, r1) = cell(stroke.last!.0, stroke.last!.1)
            events.append(.mouse(MouseEvent(.release, column: c1, row: r1)))
        }
        return events
    }

    /// The value the question asked about, as the panel now knows it (nil for a choice with a fixed,
    /// non-numeric right option: then the essential blocks alone are checked).
    static func answerValue(_ state: TutorState) -> Double? {
        if case .choice = state.lesson.answer, answerWord(state) != nil { return nil }
        if case .pair(let name, _) = state.lesson.answer {
            return state.panel.liveTable(name, workbench: workbench).flatMap { PairAnswer(table: $0).top?.count }
        }
        if let name = state.lesson.answer.liveValue { return state.panel.liveValue(name, workbench: workbench) }
        if case .choice(let options, .option(let right)) = state.lesson.answer { return Double(options[right]) }
        return nil
    }

    /// For a choice decided by a sign, the right option's words (`up`): what the panel must show.
    static func answerWord(_ state: TutorState) -> String? {
        guard case .choice(let options, .sign(let name)) = state.lesson.answer,
              let live = state.panel.liveValue(name, workbench: workbench),
              let right = AnswerSpec.signIndex(live, options: options) else { return nil }
        return options[right]
    }

    /// The ways a panel writes `v`: whole numbers plain or with thousands commas; others with 1 to 4
    /// decimals (exact, or at least two significant digits) or as a percentage.
    static func renderings(_ v: Double) -> [String] {
        if v == v.rounded() && abs(v) < 1e12 { return [String(Int(v)), Int(v).formatted] }
        var result: [String] = []
        for d in 1 ... 4 {
            let s = NumberFormat.fixed(v, d)
            if Double(s) == v || s.filter(\.isNumber).drop(while: { $0 == "0" }).count >= 2 { result.append(s) }
        }
        if abs(v) <= 1 { result += (0 ... 2).map { NumberFormat.fixed(v * 100, $0) + "%" } }
        return result
    }

    /// Whether `text` holds `number` as a whole token (not inside a longer number).
    static func containsNumber(_ text: String, _ number: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: number) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if !before.isNumber && before != "." && !after.isNumber && !(after == "." && text[range.upperBound...].dropFirst().first?.isNumber == true) {
                return true
            }
            rest = text[range.upperBound...]
        }
        return false
    }

    static func label(_ state: TutorState) -> String { "lesson \(state.lesson.number) \(state.lesson.id)" }

    @Test("prepared: training lessons finished their run, the drawing lesson reads its 7, every answer was judged right")
    func preparedStates() {
        for state in Self.answered {
            #expect(state.question.verdict == .correct, "\(Self.label(state)): \(String(describing: state.question.verdict))")
        }
        for state in Self.prepared {
            #expect(state.revealed, "\(Self.label(state)): the question is still open")
            #expect(!state.trainingActive, "\(Self.label(state)): still training")
            if state.lesson.panel.type == DrawPanel.self {
                #expect(state.panel.liveValue("predicted_digit", workbench: Self.workbench) == 7,
                        "\(Self.label(state)): the drawn 7 reads as \(String(describing: state.panel.liveValue("predicted_digit", workbench: Self.workbench)))")
            }
        }
    }

    @Test("every lesson at every size: answer, essential blocks whole, nothing outside its rect, keys", arguments: sizes)
    func screen(size: Size) throws {
        for (state, how) in Self.prepared.map({ ($0, "skipped") }) + Self.answered.map({ ($0, "answered") }) {
            try Self.check(state, how: how, size: size, writeTo: how == "skipped" ? ProcessInfo.processInfo.environment["SCREENS_DIR"] : nil)
        }
    }

    @Test("lesson 14: a chart on screen has every series' value in its legend, as the table above it has them (120x40, 80x24, with and without Tab)")
    func activationLegendsKeepEveryValue() throws {
        let skipped = try #require(Self.prepared.first { $0.lesson.panel.type == ActivationPanel.self })
        for (size, zoomed) in [(Size(columns: 120, rows: 40), false), (Size(columns: 120, rows: 40), true),
                               (Size(columns: 80, rows: 24), false), (Size(columns: 80, rows: 24), true)] {
            var state = skipped
            if zoomed { _ = state.update(.key(.tab), workbench: Self.workbench) }
            if zoomed && !state.zoomed { _ = state.update(.key(.tab), workbench: Self.workbench) }
            var buffer = CellBuffer(size: size)
            TutorScreen().render(state, workbench: Self.workbench, into: &buffer, context: .unicode256)
            let screen = buffer.text
            let name = "lesson 14 at \(size)\(zoomed ? " after Tab" : "")"
            var charts = 0
            for case .chart(let series, _, let title?) in state.panel.view(workbench: Self.workbench, revealed: true).leaves.map(\.content)
            where screen.contains(title) {
                charts += 1
                #expect(series.count == 4, "\(name): \(title)")
                for s in series {
                    let entry = "\(s.name) \(s.format(try #require(s.last)))"
                    #expect(screen.split(separator: "\n").contains { $0.contains(entry) }, "\(name): '\(entry)' is not in the legend of \(title)\n\(screen)")
                }
            }
            if size.columns == 120 || zoomed { #expect(charts == 2, "\(name): the charts are not on screen\n\(screen)") }
        }
    }

    @Test("a lesson file added to a copy of the folder is in the contents and passes the same checks at every size")
    func addedLessonPasses() throws {
        let added = try AddedLesson()
        defer { added.remove() }
        let lessons = Self.quick(added.library.lessons)
        let index = try #require(lessons.firstIndex { $0.id == added.lesson.id })
        let ready = Self.prepare(index, in: lessons)
        #expect(ready.lesson.id == added.lesson.id)
        for size in Self.sizes {
            try Self.check(Self.skipped(ready), how: "skipped", size: size, writeTo: nil)
            try Self.check(Self.answered(ready), how: "answered", size: size, writeTo: nil)
            // The contents (t) list it, by number and title, and the header counts it.
            var contents = ready
            _ = contents.update(.key(.character("t")), workbench: Self.workbench)
            var buffer = CellBuffer(size: size)
            TutorScreen().render(contents, workbench: Self.workbench, into: &buffer, context: .unicode256)
            #expect(buffer.text.contains("\(added.lesson.number)") && buffer.text.contains(added.lesson.title),
                    "\(size): the contents do not list the added lesson:\n\(buffer.text)")
            #expect(buffer.lines()[0].contains("\(lessons.count)/\(lessons.count)"), "\(size): \(buffer.lines()[0])")
        }
        // Typing its number in the contents opens it.
        var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lessons[0].id), workbench: Self.workbench)
        for c in "t\(added.lesson.number)" { _ = state.update(.key(.character(c)), workbench: Self.workbench) }
        _ = state.update(.key(.enter), workbench: Self.workbench)
        #expect(state.lesson.id == added.lesson.id)
    }

    /// One lesson's screen at one size (see the suite's description); with `writeTo`, also written
    /// there for `make screens`.
    static func check(_ state: TutorState, how: String, size: Size, writeTo folder: String?) throws {
        let screen = TutorScreen()
        let name = "\(Self.label(state)), \(how), at \(size)"
        var buffer = CellBuffer(size: size)
        screen.render(state, workbench: Self.workbench, into: &buffer, context: .unicode256)
        let frame = screen.frameLayout(state, workbench: Self.workbench, size: size, context: .unicode256)
        let layout = frame.panelLayout
        let inner = TutorScreen.panelInner(frame.panel)

        Self.expectWhole(frame, buffer: buffer, size: size, name)
        // From 120x40 up every lesson shows everything without Tab.
        if size.fits(Size(columns: 120, rows: 40)) {
            #expect(layout.omitted.isEmpty, "\(name): left out \(layout.omitted) without Tab\n\(buffer.text)")
        }
        if let notice = layout.notice {
            #expect(buffer.line(notice.y, in: notice).contains("more:"), "\(name): the notice line is missing")
        }
        // When blocks are left out, the key the notice names works: Tab gives the panel the whole
        // width, which leaves out no more than before.
        if !layout.omitted.isEmpty && !frame.zoomed {
            var tabbed = state
            _ = tabbed.update(.key(.tab), workbench: Self.workbench)
            if !tabbed.zoomed { _ = tabbed.update(.key(.tab), workbench: Self.workbench) }
            let wide = screen.frameLayout(tabbed, workbench: Self.workbench, size: size, context: .unicode256)
            var wideBuffer = CellBuffer(size: size)
            screen.render(tabbed, workbench: Self.workbench, into: &wideBuffer, context: .unicode256)
            Self.expectWhole(wide, buffer: wideBuffer, size: size, name + " after Tab")
            #expect(wide.zoomed && wide.panel.width == size.columns, "\(name): Tab did not give the panel the width")
            #expect(Set(wide.panelLayout.omitted).isSubset(of: Set(layout.omitted)) && !wide.panelLayout.omitsEssential,
                    "\(name): Tab left out \(wide.panelLayout.omitted), before \(layout.omitted)")
            // Tab never leaves only words: a panel with pictures (a digit, a chart, bars...) that are more than
            // decoration shows at least one of them with the whole width (lesson 17 at 80x24 once showed its text
            // and left out every weight picture).
            func isWords(_ block: PanelBlock) -> Bool {
                switch block.content {
                case .text, .code: return true
                default: return false
                }
            }
            if wide.view.leaves.contains(where: { !isWords($0) && $0.importance > .extra }) {
                #expect(wide.panelLayout.placements.contains { !isWords($0.block) },
                        "\(name): after Tab only words show, \(wide.panelLayout.omitted) left out\n\(wideBuffer.text)")
            }
        }

        // The answer, inside an essential block, and nothing left hidden.
        let essentialText = layout.placements.filter { $0.block.importance == .essential }
            .map { buffer.lines(in: $0.rect).joined(separator: "\n") }.joined(separator: "\n")
        if let value = Self.answerValue(state) {
            let forms = Self.renderings(value)
            #expect(forms.contains { Self.containsNumber(essentialText, $0) },
                    "\(name): the answer \(value) (\(forms)) is not in an essential block:\n\(buffer.text)")
        }
        #expect(!buffer.lines(in: inner).joined().contains("??"), "\(name): something is still hidden:\n\(buffer.text)")

        // The key bar: moving, help and quit always there.
        let keys = buffer.lines(in: frame.keyBar).joined(separator: " ")
        for hint in ["n/p lesson", "t contents", "Tab ", "? help", "q quit"] {
            #expect(keys.contains(hint), "\(name): the key bar lacks \(hint): \(keys)")
        }
        // The help fits whole.
        var withHelp = state
        withHelp.overlay = .help
        var helpBuffer = CellBuffer(size: size)
        screen.render(withHelp, workbench: Self.workbench, into: &helpBuffer, context: .unicode256)
        #expect(helpBuffer.text.contains(HelpOverlay.closing) && !helpBuffer.text.contains("a taller window"),
                "\(name): the help does not fit:\n\(helpBuffer.text)")

        if let folder {
            try Self.write(state, size: size, plain: buffer, help: helpBuffer, to: folder)
        }
    }

    /// The panel of `frame`: no essential block left out, every block whole in its form, inside the
    /// panel, none overlapping another, and drawn alone it changes nothing outside its rect.
    static func expectWhole(_ frame: TutorScreen.FrameLayout, buffer: CellBuffer, size: Size, _ name: String) {
        let layout = frame.panelLayout
        let inner = TutorScreen.panelInner(frame.panel)
        // Essential blocks all placed, each whole, inside the panel, none overlapping another.
        #expect(!layout.omitsEssential, "\(name): essential blocks left out: \(layout.omitted)\n\(buffer.text)")
        for p in layout.placements {
            #expect(inner.intersection(p.rect) == p.rect, "\(name): \(p.path) at \(p.rect) outside the panel \(inner)")
            let need = Measure.size(p.block.content, p.form, width: p.rect.width, context: .unicode256).rows
            #expect(p.rect.height >= need, "\(name): \(p.path) needs \(need) rows, has \(p.rect.height)")
            for q in layout.placements where q.path < p.path {
                #expect(p.rect.intersection(q.rect).isEmpty, "\(name): \(p.path) overlaps \(q.path)")
            }
            // Drawn alone on a sentinel, the block changes nothing outside its rect.
            var alone = CellBuffer(size: size, filling: sentinel)
            PanelRenderer.draw(p, into: &alone, context: .unicode256)
            for y in 0 ..< size.rows {
                for x in 0 ..< size.columns where alone[x, y] != sentinel && !p.rect.contains(x: x, y: y) {
                    Issue.record("\(name): \(p.path) drew at (\(x),\(y)), outside \(p.rect)")
                }
            }
        }
    }

    /// Writes the screen, the screen after Tab, and the help, for `make screens`.
    static func write(_ state: TutorState, size: Size, plain: CellBuffer, help: CellBuffer, to folder: String) throws {
        var zoomed = state
        _ = zoomed.update(.key(.tab), workbench: workbench)
        if !zoomed.zoomed { _ = zoomed.update(.key(.tab), workbench: workbench) }
        var tab = CellBuffer(size: size)
        TutorScreen().render(zoomed, workbench: workbench, into: &tab, context: .unicode256)
        let lesson = state.lesson
        let base = folder + "/" + (lesson.number < 10 ? "0" : "") + "\(lesson.number)-\(lesson.id)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        for (suffix, buffer) in [("", plain), ("-tab", tab), ("-help", help)] {
            try (buffer.text + "\n").write(toFile: base + "/\(size)\(suffix).txt", atomically: true, encoding: .utf8)
        }
    }
}
