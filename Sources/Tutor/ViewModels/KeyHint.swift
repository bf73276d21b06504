/// One key and what it does now, e.g. `KeyHint("q", "quit")`.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var action: String
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}
