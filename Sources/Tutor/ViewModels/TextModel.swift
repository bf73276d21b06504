/// Prose to show in a scrolling panel, written in a small Markdown subset: `#` headings,
/// paragraphs, `**bold**`, `` `inline code` ``, fenced code blocks and `-`/`*` bullet lists.
public struct TextModel: Hashable, Sendable {
    public var markdown: String
    /// The first wrapped line shown (0 = top). The widget clamps it to the text's length.
    public var scroll: Int

    public init(markdown: String, scroll: Int = 0) {
        self.markdown = markdown
        self.scroll = max(0, scroll)
    }
}
