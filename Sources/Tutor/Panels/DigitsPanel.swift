import MNIST
/// Lesson 2's digit browser: the real images, their labels and their 0–255 numbers.
public struct DigitsPanel: LessonPanel {
    public var cursor: DigitCursor
    /// Both sets: `switch_set` moves to the other one.
    public var dataNeeded: MNISTParts { .all }
    public var showValues: Bool

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        showValues = lesson.options.word(.view) == "values"
    }

    public static let options: [LessonOption] = [.digit, .set, .view]

    public enum Action: String, PanelName {
        case previousDigit = "previous_digit", nextDigit = "next_digit", randomDigit = "random_digit"
        case switchSet = "switch_set", toggleView = "toggle_view"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        case .randomDigit: cursor.perform(.random, workbench: workbench)
        case .switchSet: cursor.perform(.switchSet, workbench: workbench)
        case .toggleView: showValues.toggle()
        }
        return []
    }

    public enum LiveValue: String, PanelName {
        case inkPixels = "ink_pixels", maxPixel = "max_pixel", label, index
    }

    public enum LiveText: String, PanelName {
        case digit
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        let digit = cursor.digit(workbench)
        switch value {
        case .inkPixels: return Double(Self.inkCount(digit.pixels))
        case .maxPixel: return Double(digit.pixels.max() ?? 0)
        case .label: return Double(digit.label)
        case .index: return Double(cursor.index)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .value(let value): return liveValue(value, workbench: workbench).map { Int($0).formatted }
        }
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
