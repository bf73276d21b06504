extension Sequential {
    /// The article's model, as the quickstart writes it:
    /// `Flatten(inputShape: [28, 28]); Dense(128, activation: .relu); Dropout(rate); Dense(10)`.
    public static func article(seed: UInt64 = 0, dropoutRate: Float = 0.2) -> Sequential {
        Sequential(seed: seed) {
            Flatten(inputShape: [28, 28])
            Dense(128, activation: .relu)
            Dropout(dropoutRate)
            Dense(10)
        }
    }

    /// Keras's `model.summary()` table: each layer's name (type), output shape and parameter count, then
    /// the totals (101,770 parameters for the article's model, 4 bytes each). `ascii` draws the frame with
    /// `+-|` for terminals without Unicode.
    public func summary(ascii: Bool = false) -> String {
        let rows = summaryRows.map { row in
            ("\(row.name) (\(row.type))", "(None, " + row.outputShape.map(String.init).joined(separator: ", ") + ")",
             Self.grouped(row.parameters))
        }
        let widths = [33, 24, 15]
        let g = ascii ? ["+", "+", "+", "-", "|", "+", "+", "+", "-", "+", "+", "+", "-", "|", "+", "+", "+"]
                      : ["┏", "┳", "┓", "━", "┃", "┡", "╇", "┩", "─", "├", "┼", "┤", "─", "│", "└", "┴", "┘"]
        func rule(_ left: String, _ mid: String, _ right: String, _ fill: String) -> String {
            left + widths.map { String(repeating: fill, count: $0) }.joined(separator: mid) + right
        }
        func line(_ cells: [String], _ bar: String, rightAlignLast: Bool = true) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let room = widths[i] - 2
                let text = cell.count > room ? String(cell.prefix(room)) : cell
                let pad = String(repeating: " ", count: room - text.count)
                parts.append(" " + (i == 2 && rightAlignLast ? pad + text : text + pad) + " ")
            }
            return bar + parts.joined(separator: bar) + bar
        }
        var out = ["Model: \"\(name)\"", rule(g[0], g[1], g[2], g[3]),
                   line(["Layer (type)", "Output Shape", "Param #"], g[4]), rule(g[5], g[6], g[7], g[3])]
        for (i, row) in rows.enumerated() {
            out.append(line([row.0, row.1, row.2], g[13]))
            out.append(i == rows.count - 1 ? rule(g[14], g[15], g[16], g[12]) : rule(g[9], g[10], g[11], g[8]))
        }
        let total = parameterCount
        out.append(" Total params: \(Self.grouped(total)) (\(Self.byteSize(total * 4)))")
        out.append(" Trainable params: \(Self.grouped(total)) (\(Self.byteSize(total * 4)))")
        out.append(" Non-trainable params: 0 (0.00 B)")
        return out.joined(separator: "\n")
    }

    /// The summary's rows: each layer's Keras name and class, its output shape (one example's) and its parameters.
    public var summaryRows: [(name: String, type: String, outputShape: [Int], parameters: Int)] {
        zip(zip(layerNames, layers), layerOutputShapes).map { pair, shape in (pair.0, pair.1.typeName, shape, pair.1.parameterCount) }
    }

    /// `101770 -> "101,770"`: digits in groups of three, as Keras's summary writes counts.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return result
    }

    /// Keras's size text: `407080 -> "397.54 KB"` (powers of 1024, two decimals).
    static func byteSize(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) \(units[unit])"
    }
}
