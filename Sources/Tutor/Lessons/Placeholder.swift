/// `{{name}}` in a lesson's text, question or `explain:` line: a live value the panel fills in when the
/// text is shown, written exactly as the panel writes it (`LessonPanel.liveText`), so the prose and the
/// panel cannot disagree. Names are the panel's `LiveValue`s and `LiveText`s (`LessonPanel`); the parser
/// rejects any other name.
public enum Placeholder {
    /// The names used in `text`, in order, each with the 0-based line it is on.
    public static func names(in text: String) -> [(name: String, line: Int)] {
        var result: [(String, Int)] = []
        for (line, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(content)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                result.append((String(rest[open.upperBound ..< close.lowerBound]).trimmingSpaces, line))
                rest = rest[close.upperBound...]
            }
        }
        return result
    }

    /// `text` with every `{{name}}` replaced by `value(name)`.
    public static func fill(_ text: String, _ value: (String) -> String) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            out += value(String(rest[open.upperBound ..< close.lowerBound]).trimmingSpaces)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Shown for the value a question asks about, until the learner has answered (as the panel does).
    public static let hidden = "??"
    /// Shown for a value that does not exist yet (a result of training before any run).
    public static let notYet = "(not measured yet)"
    /// A value of a panel whose digits are still loading (the tutor draws before they are in).
    public static let loading = "(loading)"
}
