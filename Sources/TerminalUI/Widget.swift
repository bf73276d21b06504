/// Something that draws a view-model into a rect of a `CellBuffer`.
///
/// Contract: `render` writes only inside `area` (clipped to the buffer), and draws the same cells
/// for the same model, area and context: there is no hidden state.
public protocol Widget: Sendable {
    func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext)
}

extension CellBuffer {
    /// Renders `widget` into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect, context: RenderContext) {
        widget.render(into: &self, area: area.intersection(bounds), context: context)
    }
}
