/// The Markdown after a lesson's front matter, split into what the tutor shows separately:
/// the Keras lines (```python blocks), the "## Try this" prompts, and the rest of the text.
struct LessonBody {
    let text: String
    let kerasLines: [String]
    let tryThis: [String]

    /// `lines` follow the front matter; `firstLine` is the 1-based line number of `lines[0]`.
    init(lines: [String], firstLine: Int, file: String) throws(LessonError) {
        guard lines.contains(where: { !$0.trimmingSpaces.isEmpty }) else {
            throw LessonError(.emptyBody, file: file, line: firstLine,
                              "the lesson has no text after its front matter; write the lesson below the closing '---'")
        }
        var textLines: [String] = []
        var keras: [String] = []
        var items: [String] = []
        var fence: (line: Int, isPython: Bool)?
        var inTryThis = false
        for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("```") {
                fence = fence == nil ? (firstLine + offset, trimmed.dropFirst(3).trimmingSpaces == "python") : nil
                if !inTryThis { textLines.append(line) }
                continue
            }
            if let fence {
                if fence.isPython && !inTryThis { keras.append(line) }
                if !inTryThis { textLines.append(line) }
                continue
            }
            if trimmed.hasPrefix("#") {
                inTryThis = trimmed.lowercased() == "## try this"
                if inTryThis { continue }
            }
            if inTryThis {
                if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                    items.append(String(trimmed.dropFirst(2)).trimmingSpaces)
                } else if !trimmed.isEmpty, !items.isEmpty {
                    items[items.count - 1] += " " + trimmed
                }
            } else {
                textLines.append(line)
            }
        }
        if let fence {
            throw LessonError(.missingKeras, file: file, line: fence.line, "this code block is never closed; end it with a line ```")
        }
        guard keras.contains(where: { !$0.trimmingSpaces.isEmpty }) else {
            throw LessonError(.missingKeras, file: file, line: firstLine,
                              "the lesson shows no Keras code: add a ```python block with the line(s) it explains")
        }
        guard !items.isEmpty else {
            throw LessonError(.missingTryThis, file: file, line: firstLine + lines.count - 1,
                              "the lesson has no '## Try this' list; add one with a '- ' line per prompt")
        }
        while textLines.first?.trimmingSpaces.isEmpty == true { textLines.removeFirst() }
        while textLines.last?.trimmingSpaces.isEmpty == true { textLines.removeLast() }
        text = textLines.joined(separator: "\n")
        kerasLines = keras
        tryThis = items
    }
}
