import Tutor

/// The lines under the body: the question, a choice's options, and the answer line.
extension TutorScreen {
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
}
