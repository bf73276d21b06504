import MNIST
/// Lesson 2's digit browser: the real images, their labels and their 0–255 numbers.
public struct DigitsPanel: LessonPanel {
    public var cursor: DigitCursor
    /// Both sets: `switch_set` moves to the other one.
    public var dataNeeded: MNISTParts { .all }
    public var showValues: Bool
    /// How far the numbers view has been moved into the ink's box (rows down, columns right) with
    /// PgUp PgDn Home End while the panel has the focus: a small window shows the box a part at a time.
    public var valuesOffset = PixelPosition(row: 0, column: 0)
    /// Rows or columns one PgUp PgDn Home End moves the numbers view.
    public static let valuesStep = 5

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        showValues = lesson.options.word(.view) == "values"
    }

    /// With the focus, in the numbers view: PgDn PgUp move it down and up the ink's rows, End Home
    /// right and left along its columns, so every number can be read (and counted) at any size.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        guard showValues else { return nil }
        let step = Self.valuesStep
        switch key {
        case .pageDown: valuesOffset.row += step
        case .pageUp: valuesOffset.row -= step
        case .end: valuesOffset.column += step
        case .home: valuesOffset.column -= step
        default: return nil
        }
        let box = Self.inkBox(cursor.digit(workbench).pixels)
        valuesOffset = Self.clamped(valuesOffset, box: box)
        return []
    }

    public var extraHints: [KeyHint] {
        showValues ? [KeyHint("PgUp PgDn Home End", "move")] : []
    }

    /// The ink's bounding box (the whole image for a blank one).
    static func inkBox(_ pixels: [UInt8]) -> (x: Int, y: Int, width: Int, height: Int) {
        let side = 28
        guard let box = DigitPreprocessor.inkBoundingBox(pixels, width: side, height: side, threshold: 1) else {
            return (0, 0, side, side)
        }
        return (box.x, box.y, box.width, box.height)
    }

    /// `offset` kept inside the box, with a step's worth of its rows and columns (or all of them) in view.
    static func clamped(_ offset: PixelPosition, box: (x: Int, y: Int, width: Int, height: Int)) -> PixelPosition {
        PixelPosition(row: max(0, min(offset.row, box.height - valuesStep)),
                      column: max(0, min(offset.column, box.width - valuesStep)))
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
        let box = Self.inkBox(digit.pixels)
        let offset = Self.clamped(valuesOffset, box: box)
        let region = PixelValuesModel(image: image, top: box.y + offset.row, left: box.x + offset.column,
                                      rows: box.height - offset.row, columns: box.width - offset.column)
        let extent = ink == 0 ? "nowhere" : "rows \(box.y)–\(box.y + box.height - 1), columns \(box.x)–\(box.x + box.width - 1)"
        let from = offset == PixelPosition(row: 0, column: 0) ? "" : " (shown from row \(region.top), column \(region.left))"
        return PanelView(title: "MNIST digit browser", blocks: [
            .text(facts).essential,
            .text("The numbers the computer stores; the ink is in \(extent), zeros all around\(from):"),
            .pixels(region).essential,
            .text("Cut short? Tab, then PgUp PgDn (rows) and Home End (columns) move the numbers.").extra,
        ])
    }

    /// Pixels that are not 0: what the lesson's question calls ink.
    static func inkCount(_ pixels: [UInt8]) -> Int { pixels.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}
