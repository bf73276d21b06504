/// Breaks a line of code that is too wide into lines at token boundaries, with a hanging indent, so a
/// Keras line reads whole in a narrow pane: `loss_fn = tf.keras.losses.` / `    SparseCategoricalCrossentropy(...)`.
///
/// A line may break at spaces, after a comma, after a dot between names (`tf.` / `keras`) and after the
/// opening bracket of a call or an index. It never breaks inside a name, a number or a string, between `#` and its comment,
/// or inside a short bracket (`(28, 28)`, `ReLU(-5)`: under 12 characters stay whole), and it moves a
/// comment to the next line whole rather than leave its first words behind. Continuation lines start
/// with the line's own indentation plus `hanging` spaces (less when the next piece would not fit).
/// Only a name longer than the whole line is cut, where its words meet (`SparseCategorical` /
/// `Crossentropy`) when it can, else at the edge.
public enum CodeWrap {
    /// Brackets whose contents are shorter than this stay on one line with the bracket.
    static let shortGroup = 12

    public static func lines(_ line: String, width: Int, hanging: Int = 4) -> [String] {
        let chars = Array(line)
        guard width > 0, chars.count > width else { return [line] }
        let indent = chars.prefix { $0 == " " }.count
        let breaks = breakPoints(chars)
        let comment = commentStart(chars)
        var result: [String] = []
        var start = 0
        while start < chars.count {
            // The piece up to the next break must fit: a shorter indent before a cut.
            let piece = (breaks.first { $0 > start } ?? chars.count) - start
            let lead = result.isEmpty ? 0
                : [indent + hanging, hanging, 2, 0].map { min($0, width / 2) }.first { width - $0 >= piece } ?? 0
            let room = width - lead
            let prefix = String(repeating: " ", count: lead)
            if chars.count - start <= room {
                result.append(prefix + String(chars[start...]))
                break
            }
            var end = breaks.last { $0 > start && $0 - start <= room } ?? cut(chars, from: start, room: room)
            // Rather the whole comment on the next line than its first words on this one.
            if let c = comment, end > c, c > start, chars.count - c <= width - min(indent + hanging, width / 2),
               let before = breaks.last(where: { $0 > start && $0 <= c }) {
                end = before
            }
            var text = String(chars[start ..< end])
            while text.last == " " { text.removeLast() }
            result.append(prefix + text)
            start = end
            while start < chars.count && chars[start] == " " { start += 1 }
        }
        return result
    }

    /// Where to cut a piece with no break that fits `room`: where two words of a name meet
    /// (`Categorical|Cross`, `from_|logits`), else at the edge.
    static func cut(_ chars: [Character], from start: Int, room: Int) -> Int {
        let edge = start + max(1, room)
        let seams = (start + max(1, room / 3) ..< min(edge, chars.count)).filter { i in
            (chars[i - 1].isLowercase && chars[i].isUppercase) || chars[i - 1] == "_"
        }
        return seams.last ?? edge
    }

    /// Positions where a new line may start (the spaces before them are dropped).
    static func breakPoints(_ chars: [Character]) -> [Int] {
        let comment = commentStart(chars)
        let short = shortGroups(chars)
        var result: [Int] = []
        var quote: Character?
        func isName(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        for i in chars.indices {
            let c = chars[i]
            let inComment = comment.map { i > $0 } ?? false
            if !inComment, let q = quote {
                if c == q { quote = nil }
                continue
            }
            if !inComment && (c == "'" || c == "\"") { quote = c; continue }
            guard i > 0, !short[i] else { continue }
            let before = chars[i - 1]
            if (before == " ") != (c == " ") {
                // At the start or the end of a run of spaces; not between `#` and its first word.
                if let s = comment, s < i, chars[s ..< i].allSatisfy({ $0 == "#" || $0 == " " }) { continue }
                result.append(i)
            } else if inComment {
                continue
            } else if before == "," && c != " " {
                result.append(i)
            } else if before == "." && isName(c) && i >= 2 && (isName(chars[i - 2]) || ")]".contains(chars[i - 2]))
                        && !chars[i - 2].isNumber {
                result.append(i)
            } else if "([{".contains(before) && !")]}".contains(c)
                        && i >= 2 && (isName(chars[i - 2]) || ")]([{".contains(chars[i - 2])) {
                // After the bracket of a call or an index (`Dense(`, `Sequential([`), not a bare one (`(x_test`).
                result.append(i)
            }
        }
        return result
    }

    /// For each position, whether it lies inside a bracket with short contents (or right after its opening).
    static func shortGroups(_ chars: [Character]) -> [Bool] {
        var inside = [Bool](repeating: false, count: chars.count + 1)
        var open: [Int] = []
        for (i, c) in chars.enumerated() {
            if "([{".contains(c) { open.append(i) }
            if ")]}".contains(c), let o = open.popLast(), i - o - 1 < shortGroup {
                for k in o + 1 ... i { inside[k] = true }
            }
        }
        return inside
    }

    /// Where a `#` comment starts (outside strings), if the line has one.
    static func commentStart(_ chars: [Character]) -> Int? {
        var quote: Character?
        for (i, c) in chars.enumerated() {
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "'" || c == "\"" { quote = c } else if c == "#" { return i }
        }
        return nil
    }
}
