import MNIST
import Foundation

extension PanelView {
    /// The panel as words and numbers, no colours or shades: what `lesson N --plain` prints.
    public var plainText: String {
        (["== \(title) =="] + blocks.map(\.plainText)).joined(separator: "\n\n")
    }
}

extension PanelBlock {
    /// This block as plain text: images as their 0–255 numbers, charts as their values.
    public var plainText: String {
        switch content {
        case .text(let s):
            return s.replacingOccurrences(of: "**", with: "")
        case .code(let s):
            return s
        case .digit(let image, _):
            return PanelBlock.describe(image)
        case .pixels(let model):
            let image = model.image
            let bottom = model.top + model.rows, right = model.left + model.columns
            var lines = ["Pixel values, rows \(model.top)–\(bottom - 1), columns \(model.left)–\(right - 1):"]
            for r in model.top ..< bottom {
                let values = (model.left ..< right).map { c in
                    let v = String(image[r, c])
                    return String(repeating: " ", count: max(0, 3 - v.count)) + v
                }
                lines.append("row \(r < 10 ? " " : "")\(r): " + values.joined(separator: " "))
            }
            return lines.joined(separator: "\n")
        case .bars(let model):
            var lines = model.title.map { [$0 + ":"] } ?? []
            for (i, v) in model.values.enumerated() {
                let value: String
                switch model.scale {
                case .probability: value = String(format: "%5.1f%%", Double(v) * 100)
                case .logarithmic: value = BarChartModel.scientific(Double(v))
                case .signed: value = String(format: "%+.3f", Double(v))
                }
                let probability = model.probabilities.map { String(format: ", probability %5.1f%%", Double($0[i]) * 100) } ?? ""
                lines.append("  \(model.labels[i]): \(value)\(probability)\(i == model.highlighted ? "  <- largest" : "")")
            }
            return lines.joined(separator: "\n")
        case .grid(let model):
            var lines = [model.title ?? "Units"]
            lines.append(model.tally)
            let perLine = 8
            for start in stride(from: 0, to: model.values.count, by: perLine) {
                let items = (start ..< min(start + perLine, model.values.count)).map { i -> String in
                    let mark: String
                    switch model.states[i] {
                    case .active: mark = ""
                    case .zero: mark = " (zero)"
                    case .dropped: mark = " (dropped)"
                    case .keptScaled: mark = " (scaled)"
                    }
                    return "\(i):" + String(format: "%.2f", Double(model.values[i])) + mark
                }
                lines.append("  " + items.joined(separator: "  "))
            }
            return lines.joined(separator: "\n")
        case .histogram(let model):
            var lines = [(model.title ?? "Histogram") + " (how many \(model.unit ?? "values") fall in each range):"]
            let width = (model.upper - model.lower) / Double(model.counts.count)
            for (i, c) in model.counts.enumerated() {
                let lo = model.lower + Double(i) * width
                lines.append(String(format: "  %6.1f – %6.1f: %d", lo, lo + width, c))
            }
            return lines.joined(separator: "\n")
        case .chart(let series, _, let title):
            return ((title.map { [$0] } ?? []) + series.map { s in
                "\(s.name) per \(s.xLabel)\(s.xCaption.map { " (" + $0 + ")" } ?? ""): " + s.values.map(s.format).joined(separator: ", ")
            }).joined(separator: "\n")
        case .progress(let p):
            let metrics = p.metrics.map { "\($0.name) \(String(format: "%.4f", $0.value))" }.joined(separator: ", ")
            return "\(p.title.map { $0 + ": " } ?? "")\(p.completed)/\(p.total) steps, \(String(format: "%.1f", p.elapsed)) s" + (metrics.isEmpty ? "" : ", " + metrics)
        case .canvas(let canvas, _):
            return canvas.isBlank ? "Drawing canvas: empty." : "Drawing canvas:\n" + PanelBlock.describe(canvas.image)
        case .heatmap(let model):
            var lines = ["Counts, rows = \(model.rowName), columns = \(model.columnName)"
                         + (model.hidesOffDiagonal ? " (off the diagonal: ?? until the question is answered):" : ":")]
            let width = max(5, String(model.counts.joined().max() ?? 0).count + 1)
            lines.append(NumberFormat.padRight("", 4) + (0 ..< model.size).map { NumberFormat.padLeft(String($0), width) + " " }.joined())
            for r in 0 ..< model.size {
                let cells = (0 ..< model.size).map { c in
                    let text = model.shows(row: r, column: c) ? String(model.counts[r][c]) : "??"
                    let mark = r == model.selectedRow && c == model.selectedColumn ? "*" : ""
                    return NumberFormat.padLeft(text, width) + (mark.isEmpty ? " " : mark)
                }
                lines.append(NumberFormat.padLeft(String(r), 3) + " " + cells.joined())
            }
            if let r = model.selectedRow, let c = model.selectedColumn { lines.append("(* marks the selected cell: row \(r), column \(c))") }
            return lines.joined(separator: "\n")
        case .row(let blocks):
            return blocks.map(\.plainText).joined(separator: "\n\n")
        }
    }

    /// An image as the numbers of its inked rows and columns (the rest is 0); a picture of other values
    /// (`shades`) as all its numbers, with what they stand for.
    static func describe(_ image: DigitImageModel) -> String {
        if let shades = image.shades {
            var lines = ["\(image.rows)x\(image.columns) picture\(image.label.map { ", " + $0 } ?? ""); shades \(shades):"]
            for r in 0 ..< image.rows {
                lines.append((0 ..< image.columns).map { NumberFormat.padLeft(String(image[r, $0]), 3) }.joined(separator: " "))
            }
            return lines.joined(separator: "\n")
        }
        let inked = DigitsPanel.inkCount(image.pixels)
        var lines = ["\(image.rows)x\(image.columns) image\(image.label.map { ", " + $0 } ?? ""), \(inked) pixels above 0"]
        guard let box = DigitPreprocessor.inkBoundingBox(image.pixels, width: image.columns, height: image.rows, threshold: 1)
        else { return lines[0] }
        let top = box.y, bottom = box.y + box.height - 1, left = box.x, right = box.x + box.width - 1
        lines.append("ink in rows \(top)–\(bottom), columns \(left)–\(right); values there (0 = background, 255 = ink):")
        for r in top ... bottom {
            lines.append((left ... right).map { c in
                let v = String(image[r, c])
                return String(repeating: " ", count: 3 - v.count) + v
            }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
