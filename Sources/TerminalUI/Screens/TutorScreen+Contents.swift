import Tutor

/// The table of contents (`t`), drawn over the body: every lesson the library loaded, with its mark.
extension TutorScreen {
    func renderContents(_ state: TutorState, selected: Int, typed: String, in area: Rect, buffer: inout CellBuffer,
                        context: RenderContext) {
        let box = area.centered(width: min(area.width - 4, 64), height: min(area.height, state.lessons.count + 4))
        Block(title: "Contents").render(into: &buffer, area: box, context: context)
        let inner = Block.inner(box).inset(horizontal: 1, vertical: 0)
        let (list, footer) = inner.splitBottom(1)
        // A course longer than the window scrolls so that the selected lesson stays in view.
        let first = min(max(0, selected - (list.height - 1)), state.lessons.count)
        for (row, i) in (first ..< state.lessons.count).prefix(list.height).enumerated() {
            let lesson = state.lessons[i]
            let number = NumberFormat.padLeft(String(lesson.number), 2)
            let text = "\(Self.mark(state, i, context: context)) \(number)  \(lesson.title)"
            let style: Style = i == selected ? .reverse : (i == state.index ? .bold : .plain)
            buffer.write(context.displayable(text), x: list.x, y: list.y + row, style: style, clip: list)
        }
        let hint = typed.isEmpty ? "↑↓ choose · Enter open · type a number · Esc close" : "go to lesson \(typed) (Enter)"
        buffer.write(context.displayable(hint), x: footer.x, y: footer.y, style: .dim, clip: footer)
    }
}
