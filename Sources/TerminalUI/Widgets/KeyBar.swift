/// The keys that work now: each key in reverse video, a space, what it does; two spaces between
/// hints (`q quit  ? help`). Hints flow over the area's rows (one or two), in priority order; the
/// model's `always` hints (moving between lessons, help, quit) are never left out. When the rows are
/// too few for everything, the last of the other hints are dropped, never cut in the middle, and an
/// ellipsis shows that some are missing (help lists them all).
public struct KeyBar: Widget {
    public var model: KeyBarModel
    public init(_ model: KeyBarModel) { self.model = model }

    enum Item: Equatable {
        case hint(KeyHint)
        case ellipsis
    }

    /// How many of the model's droppable hints are shown in `rows` lines of `width`, and the items' lines.
    func arrange(width: Int, rows: Int, context: RenderContext) -> [[Item]] {
        for kept in stride(from: model.hints.count, through: 0, by: -1) {
            var items = model.hints.prefix(kept).map(Item.hint)
            if kept < model.hints.count { items.append(.ellipsis) }
            items += model.always.map(Item.hint)
            let lines = wrap(items, width: width, context: context)
            if lines.count <= rows { return lines }
        }
        return Array(wrap(model.always.map(Item.hint), width: width, context: context).prefix(rows))
    }

    func itemWidth(_ item: Item, context: RenderContext) -> Int {
        switch item {
        case .hint(let h): return context.displayable(h.keys).count + 1 + context.displayable(h.action).count
        case .ellipsis: return context.glyphs.ellipsis.count
        }
    }

    /// Greedy wrap: two spaces between hints (one before an ellipsis).
    func wrap(_ items: [Item], width: Int, context: RenderContext) -> [[Item]] {
        var lines: [[Item]] = [[]]
        var used = 0
        for item in items {
            let gap = lines[lines.count - 1].isEmpty ? 0 : (item == .ellipsis ? 1 : 2)
            let w = itemWidth(item, context: context)
            if used > 0 && used + gap + w > width {
                lines.append([item])
                used = w
            } else {
                lines[lines.count - 1].append(item)
                used += gap + w
            }
        }
        return lines
    }

    /// The rows the bar needs at `width`: 1 when everything fits on one, else 2 (at most `maxRows`).
    public static func rows(_ model: KeyBarModel, width: Int, maxRows: Int = 2, context: RenderContext) -> Int {
        let bar = KeyBar(model)
        let all = (model.hints + model.always).map(Item.hint)
        return min(maxRows, max(1, bar.wrap(all, width: width, context: context).count))
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.height > 0, area.width > 0 else { return }
        buffer.fill(area)
        for (row, items) in arrange(width: area.width, rows: area.height, context: context).enumerated() {
            let y = area.y + row
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            var x = area.x
            for (i, item) in items.enumerated() {
                switch item {
                case .hint(let hint):
                    if i > 0 { x += 2 }
                    x += buffer.write(context.displayable(hint.keys), x: x, y: y, style: .reverse, clip: line)
                    x += buffer.write(" " + context.displayable(hint.action), x: x, y: y, style: .plain, clip: line)
                case .ellipsis:
                    x += buffer.write(" " + context.glyphs.ellipsis, x: x, y: y, style: .dim, clip: line)
                }
            }
        }
    }
}
