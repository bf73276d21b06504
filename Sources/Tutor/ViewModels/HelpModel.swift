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
