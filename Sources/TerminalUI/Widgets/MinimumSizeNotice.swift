/// What the screen shows when the window is smaller than the program needs: one centred line
/// saying how large it must be. Rendered instead of the frame until the window is large enough.
public struct MinimumSizeNotice: Widget {
    public var required: Size
    public init(required: Size) { self.required = required }

    /// Whether `event` may reach the program while the notice hides it: quitting (`q`, Ctrl-C and
    /// the other interrupts), a new window size and the clock. Any other key or click would change
    /// what the learner cannot see (two lessons on, a question skipped), so it is dropped.
    public static func lets(_ event: Event) -> Bool {
        switch event {
        case .key(.character("q")), .interrupt, .resize, .tick: true
        case .key, .mouse: false
        }
    }

    /// The message for a window of `current` size.
    public func message(current: Size) -> String {
        "Window is \(current); please enlarge it to at least \(required)."
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        buffer.fill(area)
        guard area.height > 0, area.width > 0 else { return }
        var text = message(current: area.size)
        if text.count > area.width { text = "Need \(required)" }
        if text.count > area.width { text = "\(required)" }
        let x = area.x + max(0, (area.width - text.count) / 2)
        buffer.write(text, x: x, y: area.y + area.height / 2, style: .bold, clip: area)
    }
}
