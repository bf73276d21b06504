/// A name in a panel's contract with its lesson files: an action, a live value or a live text. The
/// raw value is the name lesson files write (`rate_up`, `dropped_count`, `digit`).
public protocol PanelName: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

/// A live value or a live text of a panel, for `liveText` and `givesAway`: `{{name}}` may name either.
public enum LiveName<Value: PanelName, Text: PanelName>: Hashable, Sendable {
    case value(Value)
    case text(Text)

    /// The name as lesson files write it.
    public var rawValue: String {
        switch self {
        case .value(let v): v.rawValue
        case .text(let t): t.rawValue
        }
    }

    /// The live value or live text named `name`, or nil when the panel has neither.
    public init?(_ name: String) {
        if let v = Value(rawValue: name) {
            self = .value(v)
        } else if let t = Text(rawValue: name) {
            self = .text(t)
        } else {
            return nil
        }
    }
}

/// The `LiveText` of a panel that fills no words into lesson text: no names at all.
public enum NoLiveText: PanelName {
    public init?(rawValue: String) { nil }
    public var rawValue: String { switch self {} }
    public static var allCases: [NoLiveText] { [] }
}
