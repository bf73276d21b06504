/// Markdown prose wrapped to the area's width, scrolled to `model.scroll`, with a scroll bar on the
/// right when it does not fit.
///
/// Headings are bold (level 1 also underlined), `**bold**` is bold, code (inline and fenced) is cyan
/// with colour; without colour inline code keeps its backticks so it stays recognisable. Fenced code
/// is indented two cells; a long code line continues on lines indented four more, broken at token boundaries (`CodeWrap`).
public struct Text: Widget {
    public var model: TextModel
    public init(_ model: TextModel) { self.model = model }

    /// A laid-out line: runs of text with a style.
    public typealias Line = [(text: String, style: Style)]

    /// The wrapped lines for `width` columns.
    public static func layout(_ markdown: String, width: Int, context: RenderContext) -> [Line] {
        layout(Markdown.parse(markdown), width: width, context: context)
    }

    static func layout(_ blocks: [Markdown.Block], width: Int, context: RenderContext) -> [Line] {
        guard width > 0 else { return [] }
        var lines: [Line] = []
        let codeStyle = context.tinted(.cyan)
        func style(_ kind: Markdown.Span.Kind, base: Style) -> Style {
            switch kind {
            case .plain: return base
            case .bold: return base.with(.bold)
            case .code: return codeStyle.with(base.attributes)  // plain without colour
            }
        }
        func wrap(_ spans: [Markdown.Span], base: Style, firstPrefix: String, prefix: String) {
            let pieces = spans.map { span -> (String, Style) in
                let text = context.displayable(span.text)
                return (span.kind == .code && context.colorMode == .none ? "`" + text + "`" : text, style(span.kind, base: base))
            }
            lines += Self.wrap(Self.words(pieces), width: width, base: base, firstPrefix: firstPrefix, prefix: prefix)
        }
        let g = context.glyphs
        var previousWasBullet = false
        for (i, block) in blocks.enumerated() {
            let isBullet: Bool
            if case .bullet = block { isBullet = true } else { isBullet = false }
            // A blank line between blocks, except between the items of one bullet list.
            if i > 0 && !(isBullet && previousWasBullet) { lines.append([]) }
            previousWasBullet = isBullet
            switch block {
            case .heading(let level, let spans):
                wrap(spans, base: level == 1 ? Style(attributes: [.bold, .underline]) : .bold, firstPrefix: "", prefix: "")
            case .paragraph(let spans):
                wrap(spans, base: .plain, firstPrefix: "", prefix: "")
            case .bullet(let spans):
                wrap(spans, base: .plain, firstPrefix: "\(g.bullet) ", prefix: "  ")
            case .code(let code):
                for raw in code { lines += codeLines(context.displayable(raw), width: width, style: codeStyle, ellipsis: g.ellipsis) }
            }
        }
        return lines
    }

    /// A word: runs of styled text with no space between them, and whether a space precedes it.
    struct Word { var runs: [(String, Style)] = []; var spaceBefore = false; var count = 0 }

    /// `pieces` of styled text split into words at spaces (a run of spaces counts as one).
    static func words(_ pieces: [(String, Style)]) -> [Word] {
        var result: [Word] = []
        var word = Word()
        var pendingSpace = false
        func finish() {
            if word.count > 0 { result.append(word) }
            word = Word()
        }
        for (text, s) in pieces {
            var run = ""
            for c in text {
                if c == " " {
                    if !run.isEmpty { word.runs.append((run, s)); word.count += run.count; run = "" }
                    finish()
                    pendingSpace = true
                } else {
                    if word.count == 0 && run.isEmpty { word.spaceBefore = pendingSpace; pendingSpace = false }
                    run.append(c)
                }
            }
            if !run.isEmpty { word.runs.append((run, s)); word.count += run.count }
        }
        finish()
        return result
    }

    /// Greedy word wrap: the first line starts with `firstPrefix`, the others with `prefix`, and each
    /// line holds `width` minus its own prefix; a word longer than a line is cut.
    static func wrap(_ words: [Word], width: Int, base: Style, firstPrefix: String, prefix: String) -> [Line] {
        var lines: [Line] = []
        var line: Line = [(firstPrefix, base)]
        var available = max(1, width - firstPrefix.count)
        var used = 0
        func newLine() {
            lines.append(line)
            line = [(prefix, base)]; used = 0
            available = max(1, width - prefix.count)
        }
        for word in words {
            let gap = used > 0 && word.spaceBefore ? 1 : 0
            if used > 0 && used + gap + word.count > available {
                newLine()
            } else if gap == 1 {
                line.append((" ", base)); used += 1
            }
            for (text, s) in word.runs {
                var w = text
                while w.count > available - used {  // a word longer than the line is split
                    if used < available {
                        let cut = available - used
                        line.append((String(w.prefix(cut)), s))
                        w = String(w.dropFirst(cut))
                    }
                    newLine()
                }
                if !w.isEmpty { line.append((w, s)); used += w.count }
            }
        }
        lines.append(line)
        return lines
    }

    /// Plain `text` wrapped like a paragraph, with a first-line and a continuation prefix.
    public static func wrapPlain(_ text: String, width: Int, firstPrefix: String = "", prefix: String = "") -> [String] {
        wrap(words([(text, .plain)]), width: width, base: .plain, firstPrefix: firstPrefix, prefix: prefix)
            .map { $0.map(\.text).joined() }
    }

    /// One line of a code block, indented two cells. A line wider than `width` continues on further lines
    /// with a hanging indent, broken at token boundaries (`CodeWrap`), so a Keras line is read whole in a
    /// narrow pane. Too narrow even for that, it ends in an ellipsis.
    static func codeLines(_ text: String, width: Int, style: Style, ellipsis: String) -> [Line] {
        let first = "  "
        guard first.count + text.count > width else { return [[(first + text, style)]] }
        guard width >= first.count + 12 else {
            return [[(String((first + text).prefix(max(0, width - ellipsis.count))) + ellipsis, style)]]
        }
        return CodeWrap.lines(text, width: width - first.count).map { [(first + $0, style)] }
    }

    /// The number of lines the text takes at `width` (for clamping scroll positions).
    public static func lineCount(_ model: TextModel, width: Int, context: RenderContext) -> Int {
        layout(model.markdown, width: width, context: context).count
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        draw(into: &buffer, area: area, context: context)
    }

    /// Renders, and returns the largest scroll position that still fills the area (0 when all fits),
    /// so a caller can keep its scroll position in range.
    @discardableResult
    public func draw(into buffer: inout CellBuffer, area: Rect, context: RenderContext) -> Int {
        guard area.width > 0, area.height > 0 else { return 0 }
        let blocks = Markdown.parse(model.markdown)
        var lines = Self.layout(blocks, width: area.width, context: context)
        var textWidth = area.width
        let scrolls = lines.count > area.height && area.width > 1
        if scrolls {  // one column for the scroll bar
            textWidth -= 1
            lines = Self.layout(blocks, width: textWidth, context: context)
        }
        let limit = max(0, lines.count - area.height)
        let first = min(model.scroll, limit)
        let clip = Rect(x: area.x, y: area.y, width: textWidth, height: area.height)
        for (row, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            var x = area.x
            for run in line { x += buffer.write(run.text, x: x, y: area.y + row, style: run.style, clip: clip) }
        }
        if scrolls {
            let g = context.glyphs
            let h = area.height
            let thumb = max(1, h * h / lines.count)
            let thumbTop = lines.count > h ? (h - thumb) * first / (lines.count - h) : 0
            for k in 0 ..< h {
                let on = k >= thumbTop && k < thumbTop + thumb
                buffer.set(area.maxX - 1, area.y + k, Cell(trusted: on ? g.fullBlock : g.vertical, style: on ? .plain : .dim))
            }
        }
        return limit
    }
}
