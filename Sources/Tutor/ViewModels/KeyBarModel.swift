/// One key and what it does now, e.g. `KeyHint("q", "quit")`.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var action: String
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

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

/// The `?` overlay: a title, a few lines of prose and every key with a longer description.
public struct HelpModel: Hashable, Sendable {
    public var title: String
    public var sections: [Section]

    public struct Section: Hashable, Sendable {
        public var heading: String
        public var hints: [KeyHint]
        public init(_ heading: String, _ hints: [KeyHint]) { self.heading = heading; self.hints = hints }
    }

    public init(title: String, sections: [Section]) {
        self.title = title
        self.sections = sections
    }
}
