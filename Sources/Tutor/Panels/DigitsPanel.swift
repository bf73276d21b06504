/// Lesson 2's digit browser: the real images, their labels and their 0–255 numbers.
public struct DigitsPanel: LessonPanel {
    public var cursor: DigitCursor
    public var showValues: Bool

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        showValues = lesson.options.word(.view) == "values"
    }

    public mutating func perform(_ action: String, workbench: Workbench) -> [Effect] {
        if action == "toggle_view" { showValues.toggle() } else { _ = cursor.perform(action, workbench: workbench) }
        return []
    }

    public func liveValue(_ name: String, workbench: Workbench) -> Double? {
        let digit = cursor.digit(workbench)
        switch name {
        case "ink_pixels": return Double(digit.pixels.filter { $0 > 0 }.count)
        case "max_pixel": return Double(digit.pixels.max() ?? 0)
        case "label": return Double(digit.label)
        case "index": return Double(cursor.index)
        default: return nil
        }
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let digit = cursor.digit(workbench)
        let image = DigitImageModel(pixels: digit.pixels, label: "label \(digit.label)")
        let ink = digit.pixels.filter { $0 > 0 }.count
        let facts = """
            **\(cursor.arrayName)[\(cursor.index)]**
            \(cursor.setName): \(cursor.index + 1) of \(workbench.count(train: cursor.train).formatted)
            label (y): **\(digit.label)**
            784 pixels, 0 to 255
            not 0 (ink): \(revealed ? "**\(ink)**" : "?? (answer first)")
            brightest: \(digit.pixels.max() ?? 0)
            """
        var blocks: [PanelBlock] = [.row([.digit(image, large: false), .text(facts)])]
        if showValues {
            let (top, left) = Self.inkCorner(digit.pixels)
            blocks.append(.text("The numbers the computer stores, from row \(top), column \(left):"))
            blocks.append(.pixels(PixelValuesModel(image: image, top: top, left: left), rows: 14))
        } else {
            blocks.append(.text("Each cell shows two pixels: the darker, the closer to 0; full blocks are near 255. Press the view key to see the numbers."))
        }
        return PanelView(title: "MNIST digit browser", blocks: blocks)
    }

    /// The top-left corner of the digit's ink, so the values view starts where the numbers are.
    static func inkCorner(_ pixels: [UInt8]) -> (Int, Int) {
        let inked = pixels.indices.filter { pixels[$0] > 0 }
        guard !inked.isEmpty else { return (0, 0) }
        return (inked.map { $0 / 28 }.min()!, inked.map { $0 % 28 }.min()!)
    }
}

extension Int {
    /// `60000 -> "60,000"`.
    public var formatted: String {
        let digits = String(abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
