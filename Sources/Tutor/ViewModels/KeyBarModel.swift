/// The keys that work on the current screen: `hints` in priority order (when even the bar's lines
/// are too few, the last are left out and an ellipsis says so), then `always`, which are never left
/// out (moving between lessons, help, quit).
public struct KeyBarModel: Hashable, Sendable {
    public var hints: [KeyHint]
    public var always: [KeyHint]
    public init(_ hints: [KeyHint], always: [KeyHint] = []) {
        self.hints = hints
        self.always = always
    }
}
