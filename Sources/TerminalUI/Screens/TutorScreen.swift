import Tutor

/// The whole tutor screen for a `TutorState`: a header with the lesson and progress marks, the
/// lesson text beside its live panel, the question and answer lines, and the key bar; the table of
/// contents and the help drawn over it when open.
///
/// Rendering is a pure function of the state (and the workbench the panel computes from); it also
/// returns what the state needs from the layout (`ScreenLayout`): where the drawing canvas landed, so
/// mouse cells map to canvas pixels, and how far the lesson text can scroll.
public struct TutorScreen {
    /// The smallest window the layout is made for; the terminal shows a notice below it instead.
    public static let minimumSize = Size(columns: 80, rows: 24)

    public init() {}

    @discardableResult
    public func render(_ state: TutorState, workbench: Workbench, into buffer: inout CellBuffer,
                       context: RenderContext) -> ScreenLayout {
        let frame = frameLayout(state, workbench: workbench, size: buffer.size, context: context)
        let area = buffer.bounds
        buffer.fill(area)
        renderHeader(state, in: frame.header, buffer: &buffer, context: context)

        var textScrollLimit: Int?
        if frame.text.width > 0 {
            Block(title: "Lesson \(state.lesson.number)", focused: state.focus == .lesson)
                .render(into: &buffer, area: frame.text, context: context)
            let textInner = Block.inner(frame.text).inset(horizontal: 1, vertical: 0).intersection(buffer.bounds)
            let text = TextModel(markdown: state.lessonMarkdown(workbench: workbench), scroll: state.textScroll)
            textScrollLimit = Text(text).draw(into: &buffer, area: textInner, context: context)
        }

        Block(title: frame.view.title, focused: state.focus == .panel).render(into: &buffer, area: frame.panel, context: context)
        PanelRenderer(frame.panelLayout).render(into: &buffer, context: context, notice: Self.notice(frame))

        renderQuestion(frame.questionLines, in: frame.question, buffer: &buffer)
        buffer.render(KeyBar(Self.keyBar(state)), in: frame.keyBar, context: context)

        switch state.overlay {
        case .none:
            return ScreenLayout(canvas: frame.panelLayout.canvas.map(PanelRenderer.canvasPlacement), textScrollLimit: textScrollLimit)
        case .help:
            buffer.render(HelpOverlay(Self.help(state)), in: frame.overlay, context: context)
        case .contents(let selected, let typed):
            renderContents(state, selected: selected, typed: typed, in: frame.body, buffer: &buffer, context: context)
        }
        return ScreenLayout(textScrollLimit: textScrollLimit)
    }

    /// Where everything goes on a screen of `size`: the screen's own layout as data (drawn by `render`,
    /// read by tests that check every part is whole and inside its rect).
    public struct FrameLayout {
        public var header: Rect
        public var body: Rect
        public var text: Rect
        public var panel: Rect
        public var question: Rect
        public var questionLines: [(text: String, style: Style)]
        public var keyBar: Rect
        /// Where help goes: everything but the header and the key bar.
        public var overlay: Rect
        /// Whether the panel has the whole width (Tab, when it needs the room).
        public var zoomed: Bool
        public var view: PanelView
        public var panelLayout: PanelLayout
    }

    public func frameLayout(_ state: TutorState, workbench: Workbench, size: Size, context: RenderContext) -> FrameLayout {
        let area = Rect(size: size)
        let (header, rest) = area.splitTop(1)
        let questionLines = Self.questionLines(state, question: state.questionText(workbench: workbench), width: area.width,
                                               context: context)
        let barRows = KeyBar.rows(Self.keyBar(state), width: area.width, context: context)
        let (body, bottom) = rest.splitBottom(questionLines.count + barRows)
        let question = Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: questionLines.count)
        let keyBar = Rect(x: bottom.x, y: bottom.maxY - barRows, width: bottom.width, height: barRows)
        let view = state.panelView(workbench: workbench)

        // The panel's share first; Tab gives it the whole width below 120 columns, or when its share
        // leaves something out or cuts a table short.
        func split(_ panelWidth: Int) -> (text: Rect, panel: Rect, layout: PanelLayout) {
            let text = Rect(x: body.x, y: body.y, width: body.width - panelWidth, height: body.height)
            let panel = Rect(x: text.maxX, y: body.y, width: panelWidth, height: body.height)
            return (text, panel, PanelLayout(view: view, area: Self.panelInner(panel), context: context))
        }
        var parts = split(Self.panelWidth(total: body.width))
        let zoomed = state.zoomed && (body.width < 120 || !parts.layout.omitted.isEmpty || parts.layout.cramped)
        if zoomed { parts = split(body.width) }
        return FrameLayout(header: header, body: body, text: parts.text, panel: parts.panel, question: question,
                           questionLines: questionLines, keyBar: keyBar,
                           overlay: Rect(x: area.x, y: body.y, width: area.width, height: keyBar.y - body.y),
                           zoomed: zoomed, view: view, panelLayout: parts.layout)
    }

    /// The panel's blocks go inside its border, one column in from each side.
    static func panelInner(_ panel: Rect) -> Rect { Block.inner(panel).inset(horizontal: 1, vertical: 0) }

    /// The line under a panel that left blocks out: which key shows them, or that a larger window would.
    static func notice(_ frame: FrameLayout) -> String {
        frame.zoomed || frame.panel.width == frame.body.width ? "a larger window shows them" : "press Tab for the whole width"
    }

    /// The panel's share of the width: at least 50 columns (a 46-column inside), more on wide
    /// terminals; the lesson text keeps 30 columns, and widens with the terminal to 92 (about 86
    /// characters a line, a comfortable reading width).
    static func panelWidth(total: Int) -> Int {
        let panel = max(50, total * 58 / 100)
        return total - min(92, max(30, total - panel))
    }

    func renderHeader(_ state: TutorState, in rect: Rect, buffer: inout CellBuffer, context: RenderContext) {
        let style = Style.reverse
        buffer.fill(rect, with: Cell(trusted: " ", style: style))
        let marks = state.lessons.indices.map { Self.mark(state, $0, context: context) }.joined()
        let right = " " + marks + " "
        var left = " mnist-tutor  \(state.lesson.number)/\(state.lessons.count)  \(state.lesson.title)"
        // The part's name before the title when both fit beside the marks (a one-part course names none).
        if let part = state.lesson.part, Set(state.lessons.map(\.part)).count > 1 {
            let named = " mnist-tutor  \(state.lesson.number)/\(state.lessons.count)  \(part) · \(state.lesson.title)"
            if named.count + right.count + 1 <= rect.width { left = named }
        }
        let leftClip = Rect(x: rect.x, y: rect.y, width: max(0, rect.width - right.count - 1), height: 1)
        buffer.write(context.displayable(left), x: rect.x, y: rect.y, style: style.with(.bold), clip: leftClip)
        buffer.write(right, x: rect.maxX - right.count, y: rect.y, style: style, clip: rect)
    }

    /// A lesson's progress mark: answered right, answered wrong, skipped, not done; the open lesson underlined by position.
    static func mark(_ state: TutorState, _ i: Int, context: RenderContext) -> String {
        let id = state.lessons[i].id
        let ascii = context.glyphs.isASCII
        if let answer = state.progress.answers[id] { return answer.correct ? (ascii ? "+" : "✓") : (ascii ? "x" : "✗") }
        if state.isDone(i) { return ascii ? "-" : "•" }
        return i == state.index ? (ascii ? "o" : "◆") : (ascii ? "." : "·")
    }

    /// The lines under the body: the question (its live values filled in), its options while a choice is
    /// open, and the answer line (prompt, kept prediction or verdict), each wrapped to `width` with a
    /// hanging indent (the question to at most 3 lines, the answer line to 3), so a long question or
    /// verdict is read whole at 80 columns instead of being cut off.
    static func questionLines(_ state: TutorState, question: String, width: Int, context: RenderContext) -> [(text: String, style: Style)] {
        let lesson = state.lesson
        let usable = max(10, width - 2)
        var result: [(text: String, style: Style)] = []
        for text in wrapped(context.displayable("Q: " + question), width: usable, indent: "   ", maxLines: 3, context: context) {
            result.append((text, .bold))
        }
        let answer = state.answerLine
        var line = answer.text
        var style = Style.plain
        switch answer.tone {
        case .prompt: line += state.question.input + (context.glyphs.isASCII ? "_" : "▏")
        case .right: style = context.tinted(.green, .bold)
        case .close: style = context.tinted(.cyan, .bold)
        case .wrong: style = context.tinted(.yellow, .bold)
        case .waiting: style = .bold
        case .plain: break
        }
        if let status = state.status { line = status; style = .bold }
        if !state.revealed, state.question.prediction == nil, case .choice(let options, _) = lesson.answer {
            for (i, option) in options.enumerated() {
                for text in wrapped(context.displayable("   \(AnswerSpec.letter(i))) \(option)"), width: usable, indent: "      ",
                                    maxLines: 2, context: context) {
                    result.append((text, .plain))
                }
            }
        }
        for text in wrapped(context.displayable(line), width: usable, indent: "  ", maxLines: 3, context: context) {
            result.append((text, style))
        }
        return result
    }

    /// `text` broken at spaces into lines of at most `width` characters (`Text`'s wrapping), its leading
    /// spaces kept, continuation lines starting with `indent`; text beyond `maxLines` ends in an ellipsis.
    static func wrapped(_ text: String, width: Int, indent: String, maxLines: Int, context: RenderContext) -> [String] {
        let leading = String(text.prefix { $0 == " " })
        var lines = Text.wrapPlain(String(text.dropFirst(leading.count)), width: width, firstPrefix: leading, prefix: indent)
        if lines.count > maxLines {
            let ellipsis = context.glyphs.ellipsis
            var last = lines[maxLines - 1]
            if last.count + ellipsis.count > width { last = String(last.prefix(max(0, width - ellipsis.count))) }
            lines = Array(lines.prefix(maxLines - 1)) + [last + ellipsis]
        }
        return lines
    }

    func renderQuestion(_ lines: [(text: String, style: Style)], in rect: Rect, buffer: inout CellBuffer) {
        for (i, line) in lines.enumerated() where i < rect.height {
            buffer.write(line.text, x: rect.x + 1, y: rect.y + i, style: line.style, clip: rect)
        }
    }

    /// The lesson's key bindings, then the keys its panel understands by itself.
    static func panelHints(_ state: TutorState) -> [KeyHint] {
        state.panelArrowHints + state.lesson.keys.map { KeyHint($0.key, $0.action.replacingUnderscores) } + state.panel.extraHints
    }

    /// The words that make an action one of a pair (`previous_digit` / `next_digit`, `rate_up` / `rate_down`).
    static let directions: Set<String> = ["previous", "next", "up", "down", "left", "right", "smaller", "larger",
                                          "increase", "decrease"]

    /// The lesson's keys for the key bar (the arrows first while the panel has them): actions that differ
    /// only by a direction share one hint (`← → [ ] digit`, `h j k l move`, `+ - rate`), in the order the
    /// lesson lists them; then the panel's own.
    static func compactPanelHints(_ state: TutorState) -> [KeyHint] {
        func stem(_ action: String) -> String? {
            let words = action.split(separator: "_").map(String.init)
            let rest = words.filter { !directions.contains($0) }
            guard rest.count < words.count else { return nil }
            return rest.isEmpty ? "change" : rest.joined(separator: " ")
        }
        let bindings = state.panelArrowHints.map { (key: $0.keys, action: String($0.action.map { $0 == " " ? "_" : $0 })) }
            + state.lesson.keys.map { (key: $0.key, action: $0.action) }
        var hints: [KeyHint] = []
        var placed: [String: Int] = [:]
        for binding in bindings {
            if let s = stem(binding.action), bindings.filter({ stem($0.action) == s }).count > 1 {
                if let i = placed[s] { hints[i].keys += " " + binding.key; continue }
                placed[s] = hints.count
                hints.append(KeyHint(binding.key, s))
            } else {
                hints.append(KeyHint(binding.key, binding.action.replacingUnderscores))
            }
        }
        return hints + state.panel.extraHints
    }

    /// The key bar: the question's keys while it is open and the lesson's keys (dropped from the end
    /// when even two lines are too short), then moving around, help and quit, which always show.
    static func keyBar(_ state: TutorState) -> KeyBarModel {
        var hints: [KeyHint] = []
        if !state.revealed { hints.append(KeyHint("Enter", "check")) ; hints.append(KeyHint("Esc", "skip")) }
        hints += compactPanelHints(state)
        let tab = state.focus == .panel && state.zoomed ? "text" : "panel"
        return KeyBarModel(hints, always: [KeyHint("n/p", "lesson"), KeyHint("t", "contents"), KeyHint("Tab", tab),
                                          KeyHint("?", "help"), KeyHint("q", "quit")])
    }

    /// This lesson's keys first, then the question's, then moving around (two columns when one is too tall).
    static func help(_ state: TutorState) -> HelpModel {
        HelpModel(title: "Keys", sections: [
            .init("This lesson's panel", panelHints(state)),
            .init("The question", [
                KeyHint("0-9 . / a-f", "answer; Enter checks, Esc skips"),
            ]),
            .init("Moving around", [
                KeyHint("n → / p ←", "next / previous lesson"),
                KeyHint("t", "contents; a number + Enter jumps"),
                KeyHint("↑ ↓ PgUp PgDn", "scroll the lesson text"),
                KeyHint("Tab", "the keys (arrows too) and room to the panel"),
                KeyHint("?  q", "this help; quit (progress is saved)"),
            ]),
        ])
    }

    /// The contents: every lesson with its progress mark, under its part's heading (a part without a
    /// name has none); scrolled so the highlighted lesson shows, with its heading when there is room.
    func renderContents(_ state: TutorState, selected: Int, typed: String, in area: Rect, buffer: inout CellBuffer,
                        context: RenderContext) {
        let rows = Self.contentsRows(state.lessons)
        let width = min(area.width - 4, 64)
        let box = area.centered(width: width, height: min(area.height, rows.count + 4))
        Block(title: "Contents").render(into: &buffer, area: box, context: context)
        let inner = Block.inner(box).inset(horizontal: 1, vertical: 0)
        let visible = max(0, inner.height - 1)
        let selectedRow = rows.firstIndex { $0.lesson == selected } ?? 0
        // The top when the selection fits there, else the selection last; scrolled, the first line
        // keeps the heading of the part the lines below belong to.
        var first = max(0, selectedRow - visible + 1)
        var shown = Array(rows[first...].prefix(visible))
        if first > 0, visible >= 2, shown.first?.lesson != nil,
           let heading = rows[..<first].last(where: { $0.lesson == nil }) {
            first += 1
            shown = [heading] + Array(rows[first...].prefix(visible - 1))
        }
        for (offset, row) in shown.enumerated() {
            let y = inner.y + offset
            guard let i = row.lesson else {
                buffer.write(context.displayable(row.heading ?? ""), x: inner.x, y: y, style: .bold.with(.underline), clip: inner)
                continue
            }
            let lesson = state.lessons[i]
            let number = NumberFormat.padLeft(String(lesson.number), 2)
            let indent = rows.contains { $0.lesson == nil } ? "  " : ""
            let text = "\(indent)\(Self.mark(state, i, context: context)) \(number)  \(lesson.title)"
            let style: Style = i == selected ? .reverse : (i == state.index ? .bold : .plain)
            buffer.write(context.displayable(text), x: inner.x, y: y, style: style, clip: inner)
        }
        let footer = typed.isEmpty ? "↑↓ choose · Enter open · type a number · Esc close" : "go to lesson \(typed) (Enter)"
        buffer.write(context.displayable(footer), x: inner.x, y: inner.maxY - 1, style: .dim, clip: inner)
    }

    /// The contents' rows in order: a heading for each named part, then its lessons (by position).
    public static func contentsRows(_ lessons: [Lesson]) -> [(heading: String?, lesson: Int?)] {
        var rows: [(heading: String?, lesson: Int?)] = []
        for part in LessonPart.parts(of: lessons) {
            if let name = part.name { rows.append((name, nil)) }
            rows += part.lessons.map { (nil, $0) }
        }
        return rows
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last?.isNewline == true { s.removeLast() }
        return String(s)
    }
}
