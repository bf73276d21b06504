/// A bordered box with a title (ratatui's `Block`); widgets go in its `inner` rect.
public struct Block: Widget {
    public var title: String?
    /// The part that has the keyboard focus: a heavy border (`=` and `#` in ASCII), tinted where there is
    /// colour, and the title in reverse video after a `▶` marker, so the focus shows without colour too.
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
        let style = focused ? context.tinted(.cyan, .bold) : Style.plain
        let (horizontal, vertical): (Character, Character) = focused ? (g.isASCII ? ("=", "|") : ("━", "┃")) : (g.horizontal, g.vertical)
        let corners: [Character] = focused ? (g.isASCII ? ["#", "#", "#", "#"] : ["┏", "┓", "┗", "┛"])
                                           : [g.topLeft, g.topRight, g.bottomLeft, g.bottomRight]
        buffer.fill(area)
        for x in area.x + 1 ..< area.maxX - 1 {
            buffer.set(x, area.y, Cell(trusted: horizontal, style: style))
            buffer.set(x, area.maxY - 1, Cell(trusted: horizontal, style: style))
        }
        for y in area.y + 1 ..< area.maxY - 1 {
            buffer.set(area.x, y, Cell(trusted: vertical, style: style))
            buffer.set(area.maxX - 1, y, Cell(trusted: vertical, style: style))
        }
        buffer.set(area.x, area.y, Cell(trusted: corners[0], style: style))
        buffer.set(area.maxX - 1, area.y, Cell(trusted: corners[1], style: style))
        buffer.set(area.x, area.maxY - 1, Cell(trusted: corners[2], style: style))
        buffer.set(area.maxX - 1, area.maxY - 1, Cell(trusted: corners[3], style: style))
        if let title, area.width > 4 {
            let clip = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
            let text = focused ? " " + (g.isASCII ? ">" : "▶") + " " + context.displayable(title) + " " : " " + context.displayable(title) + " "
            buffer.write(text, x: area.x + 1, y: area.y, style: focused ? Style.reverse.with(.bold) : Style.plain.with(.bold), clip: clip)
        }
    }
}
