/// One panel key from a lesson's `keys:` line, e.g. `+ rate_up` or `space new_mask`.
///
/// A key is one visible ASCII character (`m`, `+`, `[`, `M`) or one of the names in `namedKeys`.
/// The keys in `reservedKeys` belong to the tutor itself on every screen and cannot be bound:
/// `n`/`p` and →/← move between lessons, `t` opens the contents, `?` help, `q` quits, ↑/↓ and
/// PgUp/PgDn scroll the lesson text, Tab moves focus, Enter submits an answer and Esc cancels.
public struct KeyBinding: Equatable, Sendable {
    /// The key as written in the lesson file: a single character or a name such as `space`.
    public let key: String
    /// The panel action it triggers: the raw value of one of the panel's `Action`s (checked by the parser).
    public let action: String

    public init(key: String, action: String) {
        self.key = key
        self.action = action
    }

    public static let namedKeys: Set<String> = ["space", "enter", "tab", "esc", "backspace", "up", "down", "left", "right",
                                                "pgup", "pgdn", "home", "end"]
    public static let reservedKeys: Set<String> = ["n", "p", "t", "?", "q", "left", "right", "up", "down", "pgup", "pgdn",
                                                   "tab", "enter", "esc"]

    /// The character the key produces, or nil for a named key other than `space`.
    public var character: Character? {
        if key == "space" { return " " }
        return key.count == 1 ? key.first : nil
    }

    /// True for a single visible ASCII character or a known key name.
    static func isValidKey(_ key: String) -> Bool {
        if namedKeys.contains(key) { return true }
        guard key.unicodeScalars.count == 1, let s = key.unicodeScalars.first else { return false }
        return s.value > 32 && s.value < 127 && key != ","
    }
}
