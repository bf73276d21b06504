/// The Markdown subset lessons use, parsed into blocks: `#`–`######` headings, paragraphs,
/// `-`/`*` bullet items, fenced code blocks (```), with `**bold**` and `` `code` `` inside text.
/// Anything else (links, tables, emphasis with `_`) is shown as the literal text it is.
public enum Markdown {
    public enum Block: Hashable, Sendable {
        case heading(level: Int, [Span])
        case paragraph([Span])
        case bullet([Span])
        case code([String])
    }

    public struct Span: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case plain, bold, code }
        public var text: String
        public var kind: Kind
        public init(_ text: String, _ kind: Kind = .plain) {
            self.text = text
            self.kind = kind
        }
    }

    public static func parse(_ source: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var code: [String]?
        var bullet: [String]?
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(inline(paragraph.joined(separator: " ")))) }
            paragraph = []
            if let b = bullet { blocks.append(.bullet(inline(b.joined(separator: " ")))) }
            bullet = nil
        }
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let trimmed = line.drop(while: { $0 == " " })
            if var lines = code {
                if trimmed.hasPrefix("```") {
                    blocks.append(.code(lines))
                    code = nil
                } else {
                    lines.append(line.replacingTabs())
                    code = lines
                }
                continue
            }
            if trimmed.hasPrefix("```") { flush(); code = []; continue }
            if trimmed.isEmpty { flush(); continue }
            if trimmed.hasPrefix("#") {
                let level = trimmed.prefix(while: { $0 == "#" }).count
                let rest = trimmed.dropFirst(level)
                if level <= 6 && (rest.isEmpty || rest.first == " ") {
                    flush()
                    blocks.append(.heading(level: level, inline(String(rest.drop(while: { $0 == " " })))))
                    continue
                }
            }
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                flush()
                bullet = [String(trimmed.dropFirst(2))]
                continue
            }
            if bullet != nil && line.hasPrefix("  ") { bullet!.append(String(trimmed)); continue }
            if bullet != nil { flush() }
            paragraph.append(String(trimmed))
        }
        if let lines = code { blocks.append(.code(lines)) }  // an unclosed fence runs to the end
        flush()
        return blocks
    }

    /// Splits text into plain, `**bold**` and `` `code` `` spans; unmatched markers stay literal.
    public static func inline(_ text: String) -> [Span] {
        var spans: [Span] = []
        var current = ""
        var i = text.startIndex
        func emit(_ kind: Span.Kind, _ s: String) { if !s.isEmpty { spans.append(Span(s, kind)) } }
        while i < text.endIndex {
            if text[i] == "`", let close = text[text.index(after: i)...].firstIndex(of: "`") {
                emit(.plain, current); current = ""
                emit(.code, String(text[text.index(after: i) ..< close]))
                i = text.index(after: close)
                continue
            }
            if text[i...].hasPrefix("**"), let close = text[text.index(i, offsetBy: 2)...].range(of: "**") {
                emit(.plain, current); current = ""
                emit(.bold, String(text[text.index(i, offsetBy: 2) ..< close.lowerBound]))
                i = close.upperBound
                continue
            }
            current.append(text[i])
            i = text.index(after: i)
        }
        emit(.plain, current)
        return spans
    }
}

extension StringProtocol {
    func replacingTabs() -> String {
        var s = ""
        for c in self { if c == "\t" { s += "    " } else { s.append(c) } }
        return s
    }

    func range(of needle: String) -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i ..< index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
