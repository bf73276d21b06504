import Tutor

/// The table of contents (`t`), drawn over the body: every lesson the library loaded, with its mark.
extension TutorScreen {
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
