/// A bordered box with a title (ratatui's `Block`); widgets go in its `inner` rect.
public struct Block: Widget {
    public var title: String?
    /// Draw the title and border bold (the panel that has the keyboard focus).
    public var focused: Bool

    public init(title: String? = nil, focused: Bool = false) {
        self.title = title
        self.focused = focused
    }

    /// The rect inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width >= 2, area.height >= 2 else { return }
        let g = context.glyphs
        let style = focused ? Style.bold : Style.plain
        buffer.fill(area)
        for x in area.x + 1 ..< area.maxX - 1 {
            buffer.set(x, area.y, Cell(trusted: g.horizontal, style: style))
            buffer.set(x, area.maxY - 1, Cell(trusted: g.horizontal, style: style))
        }
        for y in area.y + 1 ..< area.maxY - 1 {
            buffer.set(area.x, y, Cell(trusted: g.vertical, style: style))
            buffer.set(area.maxX - 1, y, Cell(trusted: g.vertical, style: style))
        }
        buffer.set(area.x, area.y, Cell(trusted: g.topLeft, style: style))
        buffer.set(area.maxX - 1, area.y, Cell(trusted: g.topRight, style: style))
        buffer.set(area.x, area.maxY - 1, Cell(trusted: g.bottomLeft, style: style))
        buffer.set(area.maxX - 1, area.maxY - 1, Cell(trusted: g.bottomRight, style: style))
        if let title, area.width > 4 {
            let clip = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
            buffer.write(" " + context.displayable(title) + " ", x: area.x + 1, y: area.y, style: style.with(.bold), clip: clip)
        }
    }
}
