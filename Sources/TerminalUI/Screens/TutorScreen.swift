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
        let area = buffer.bounds
        buffer.fill(area)
        let (top, rest) = area.splitTop(1)
        let questionLines = Self.questionLines(state, question: state.questionText(workbench: workbench), width: area.width,
                                               context: context)
        let (body, bottom) = rest.splitBottom(1 + questionLines.count)
        renderHeader(state, in: top, buffer: &buffer, context: context)

        // Tab gives the panel the keyboard; below 120 columns it also gives it the whole width.
        let zoomed = state.focus == .panel && body.width < 120
        let panelWidth = zoomed ? body.width : Self.panelWidth(total: body.width)
        let textRect = Rect(x: body.x, y: body.y, width: body.width - panelWidth, height: body.height)
        let panelRect = Rect(x: textRect.maxX, y: body.y, width: panelWidth, height: body.height)

        var textScrollLimit: Int?
        if textRect.width > 0 {
            Block(title: "Lesson \(state.lesson.number)", focused: state.focus == .lesson)
                .render(into: &buffer, area: textRect, context: context)
            let textInner = Block.inner(textRect).inset(horizontal: 1, vertical: 0).intersection(buffer.bounds)
            let text = TextModel(markdown: state.lessonMarkdown(workbench: workbench), scroll: state.textScroll)
            textScrollLimit = Text(text).draw(into: &buffer, area: textInner, context: context)
        }

        let view = state.panelView(workbench: workbench)
        Block(title: view.title, focused: state.focus == .panel).render(into: &buffer, area: panelRect, context: context)
        let placement = PanelRenderer(view).render(into: &buffer, area: Block.inner(panelRect).inset(horizontal: 1, vertical: 0),
                                                   context: context)

        renderQuestion(questionLines, in: Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: bottom.height - 1),
                       buffer: &buffer)
        buffer.render(KeyBar(Self.keyBar(state)), in: Rect(x: bottom.x, y: bottom.maxY - 1, width: bottom.width, height: 1),
                      context: context)

        switch state.overlay {
        case .none: return ScreenLayout(canvas: placement, textScrollLimit: textScrollLimit)
        case .help:
            buffer.render(HelpOverlay(Self.help(state)), in: body, context: context)
        case .contents(let selected, let typed):
            renderContents(state, selected: selected, typed: typed, in: body, buffer: &buffer, context: context)
        }
        return ScreenLayout(textScrollLimit: textScrollLimit)
    }

    /// The panel's share of the width: at least 50 columns (a 44-column inside), more on wide
    /// terminals; the lesson text keeps 30 to 72 columns.
    static func panelWidth(total: Int) -> Int {
        let panel = max(50, total * 58 / 100)
        return total - min(72, max(30, total - panel))
    }

    func renderHeader(_ state: TutorState, in rect: Rect, buffer: inout CellBuffer, context: RenderContext) {
        let style = Style.reverse
        buffer.fill(rect, with: Cell(trusted: " ", style: style))
        let marks = state.lessons.indices.map { Self.mark(state, $0, context: context) }.joined()
        let right = " " + marks + " "
        let left = " mnist-tutor  \(state.lesson.number)/\(state.lessons.count)  \(state.lesson.title)"
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

    static func keyBar(_ state: TutorState) -> KeyBarModel {
        var hints: [KeyHint] = []
        if !state.revealed { hints.append(KeyHint("Enter", "check")) ; hints.append(KeyHint("Esc", "skip")) }
        hints += panelHints(state)
        hints += [KeyHint("n/p", "lesson"), KeyHint("t", "contents"), KeyHint("Tab", "focus"),
                  KeyHint("?", "help"), KeyHint("q", "quit")]
        return KeyBarModel(hints)
    }

    /// This lesson's keys first (they matter most and a short window cuts from the bottom), then the
    /// question's, then moving around.
    static func help(_ state: TutorState) -> HelpModel {
        HelpModel(title: "Keys", sections: [
            .init("This lesson's panel", panelHints(state)),
            .init("The question", [
                KeyHint("0-9 . / a-f", "type an answer; Enter checks it, Esc skips it"),
            ]),
            .init("Moving around", [
                KeyHint("n → / p ←", "next / previous lesson"),
                KeyHint("t", "contents (type a number + Enter to jump)"),
                KeyHint("↑ ↓ PgUp PgDn", "scroll the lesson text"),
                KeyHint("Tab", "focus the panel (arrows then move its cursor)"),
                KeyHint("?  q", "this help; quit (progress is saved)"),
            ]),
        ])
    }

    func renderContents(_ state: TutorState, selected: Int, typed: String, in area: Rect, buffer: inout CellBuffer,
                        context: RenderContext) {
        let width = min(area.width - 4, 64)
        let box = area.centered(width: width, height: min(area.height, state.lessons.count + 4))
        Block(title: "Contents").render(into: &buffer, area: box, context: context)
        let inner = Block.inner(box).inset(horizontal: 1, vertical: 0)
        for (i, lesson) in state.lessons.enumerated() where i < inner.height - 1 {
            let number = NumberFormat.padLeft(String(lesson.number), 2)
            let text = "\(Self.mark(state, i, context: context)) \(number)  \(lesson.title)"
            let style: Style = i == selected ? .reverse : (i == state.index ? .bold : .plain)
            buffer.write(context.displayable(text), x: inner.x, y: inner.y + i, style: style, clip: inner)
        }
        let footer = typed.isEmpty ? "↑↓ choose · Enter open · type a number · Esc close" : "go to lesson \(typed) (Enter)"
        buffer.write(context.displayable(footer), x: inner.x, y: inner.maxY - 1, style: .dim, clip: inner)
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
