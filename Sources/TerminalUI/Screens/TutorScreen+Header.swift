import Tutor

/// The header line: the lesson's place in the course and its title on the left, a progress mark per
/// lesson on the right.
extension TutorScreen {
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
}
