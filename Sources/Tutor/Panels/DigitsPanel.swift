import MNIST
/// Lesson 2's digit browser: the real images, their labels and their 0–255 numbers.
public struct DigitsPanel: LessonPanel {
    public var cursor: DigitCursor
    public var showValues: Bool

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        showValues = lesson.options.word(.view) == "values"
    }

    public mutating func perform(_ action: String, workbench: Workbench) -> [Effect] {
        if action == "toggle_view" { showValues.toggle() } else { cursor.perform(action, workbench: workbench) }
        return []
    }

    public func liveValue(_ name: String, workbench: Workbench) -> Double? {
        let digit = cursor.digit(workbench)
        switch name {
        case "ink_pixels": return Double(Self.inkCount(digit.pixels))
        case "max_pixel": return Double(digit.pixels.max() ?? 0)
        case "label": return Double(digit.label)
        case "index": return Double(cursor.index)
        default: return nil
        }
    }

    public func liveText(_ name: String, workbench: Workbench) -> String? {
        if name == "digit" { return "\(cursor.arrayName)[\(cursor.index)]" }
        return liveValue(name, workbench: workbench).map { Int($0).formatted }
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let digit = cursor.digit(workbench)
        let image = DigitImageModel(pixels: digit.pixels, label: "label \(digit.label)")
        let ink = Self.inkCount(digit.pixels)
        let facts = """
            **\(cursor.arrayName)[\(cursor.index)]**
            \(cursor.setName): \(cursor.index + 1) of \(workbench.count(train: cursor.train).formatted)
            label (y): **\(digit.label)**
            784 pixels, 0 to 255
            not 0 (ink): \(revealed ? "**\(ink)**" : "?? (answer first)")
            brightest: \(digit.pixels.max() ?? 0)
            """
        guard showValues else {
            return PanelView(title: "MNIST digit browser", blocks: [
                .row([.digit(image, large: true).essential, .text(facts).essential]),
                .text("The darker a pixel, the closer to 0; the brightest are near 255. Press the view key to see the numbers.").extra,
            ])
        }
        // The numbers of the ink's bounding box (all zeros around it), as many as fit: they draw the
        // digit themselves (shaded), so the picture gives them its room.
        let box = DigitPreprocessor.inkBoundingBox(digit.pixels, width: image.columns, height: image.rows, threshold: 1)
        let region = PixelValuesModel(image: image, top: box?.y ?? 0, left: box?.x ?? 0, rows: box?.height, columns: box?.width)
        let extent = box.map { "rows \($0.y)–\($0.y + $0.height - 1), columns \($0.x)–\($0.x + $0.width - 1)" } ?? "nowhere"
        return PanelView(title: "MNIST digit browser", blocks: [
            .text(facts).essential,
            .text("The numbers the computer stores; the ink is in \(extent), zeros all around:"),
            .pixels(region).essential,
        ])
    }

    /// Pixels that are not 0: what the lesson's question calls ink.
    static func inkCount(_ pixels: [UInt8]) -> Int { pixels.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
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
