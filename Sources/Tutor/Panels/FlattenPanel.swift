import Foundation
import MNIST
import NeuralNet

/// Lesson 4: Flatten lays the 28x28 image out as one line of 784 values, row by row: the pixel in row
/// r, column c lands at position r × 28 + c.
///
/// `h` `j` `k` `l` move a highlighted pixel; the panel shows its 0–255 byte, the value the model reads
/// (byte / 255, as the quickstart divides before training), its position in the line and its
/// neighbours there. `space` plays the unrolling: the rows leave the picture one by one while the line
/// fills up. Flatten itself has no parameters; it only changes the shape.
public struct FlattenPanel: LessonPanel {
    public var cursor: DigitCursor
    public var dataNeeded: MNISTParts { cursor.dataNeeded }
    public var row: Int
    public var col: Int
    /// While the unrolling plays: how many rows are already in the line (0...28); nil when not playing.
    public var unrolledRows: Int?
    /// Ticks since the current row started moving (one row every `ticksPerRow` ticks).
    var ticks = 0

    /// 2 ticks of about 50 ms per row: the whole image unrolls in about 3 seconds.
    static let ticksPerRow = 2

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        row = lesson.options.integer(.row)
        col = lesson.options.integer(.col)
    }

    /// The image's side (28), from the model's declared input shape.
    static func side(_ workbench: Workbench) -> (rows: Int, columns: Int) {
        let shape = workbench.trained.inputShape
        return (shape.first ?? 28, shape.last ?? 28)
    }

    public static let options: [LessonOption] = [.digit, .set, .row, .col]

    public enum Action: String, PanelName {
        case moveLeft = "move_left", moveDown = "move_down", moveUp = "move_up", moveRight = "move_right"
        case previousDigit = "previous_digit", nextDigit = "next_digit", playUnroll = "play_unroll"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        let side = Self.side(workbench)
        switch action {
        case .moveLeft: col = max(0, col - 1)
        case .moveRight: col = min(side.columns - 1, col + 1)
        case .moveUp: row = max(0, row - 1)
        case .moveDown: row = min(side.rows - 1, row + 1)
        case .playUnroll:
            if unrolledRows == nil {
                unrolledRows = 0
                ticks = 0
            } else {
                unrolledRows = nil
            }
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        }
        return []
    }

    /// With the panel focused (Tab), the arrow keys move the pixel too.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        let action: Action
        switch key {
        case .left: action = .moveLeft
        case .right: action = .moveRight
        case .up: action = .moveUp
        case .down: action = .moveDown
        default: return nil
        }
        return perform(action, workbench: workbench)
    }

    public var movesCursorWithArrows: Bool { true }

    public mutating func tick(workbench: Workbench) -> Bool {
        guard let rows = unrolledRows else { return false }
        ticks += 1
        guard ticks >= Self.ticksPerRow else { return false }
        ticks = 0
        // After the last row, the full line stays on screen a moment (10 more steps) before the picture returns.
        unrolledRows = rows >= Self.side(workbench).rows + 10 ? nil : rows + 1
        return true
    }

    /// The answer (where the pixel lands) shows on the still picture: stop the unrolling.
    public mutating func questionClosed(workbench: Workbench) { unrolledRows = nil }

    /// `row × columns + col`: where the selected pixel lands in the flat line.
    public func flatIndex(_ workbench: Workbench) -> Int { row * Self.side(workbench).columns + col }

    public enum LiveValue: String, PanelName {
        case flatIndex = "flat_index", pixelValue = "pixel_value", streamLength = "stream_length"
    }

    public enum LiveText: String, PanelName {
        case digit, row, col
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        switch value {
        case .flatIndex: return Double(flatIndex(workbench))
        // The byte as stored (0–255); the model reads it divided by 255.
        case .pixelValue: return Double(cursor.digit(workbench).pixels[flatIndex(workbench)])
        // What Flatten outputs for one image, from the model's own shapes.
        case .streamLength: return Double(workbench.trained.layerOutputShapes[0].reduce(1, *))
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.row): return "\(row)"
        case .text(.col): return "\(col)"
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let side = Self.side(workbench)
        let digit = cursor.digit(workbench)
        let line = workbench.input(train: cursor.train, index: cursor.index)
        let length = line.count
        var pixels = digit.pixels
        let unrolled = unrolledRows.map { min($0, side.rows) }
        if let done = unrolled {
            for i in 0 ..< min(done * side.columns, pixels.count) { pixels[i] = 0 }
        }
        let image = DigitImageModel(rows: side.rows, columns: side.columns, pixels: pixels, label: "label \(digit.label)")
        let around = PixelValuesModel(image: DigitImageModel(rows: side.rows, columns: side.columns, pixels: digit.pixels),
                                      top: row - 6, left: col - 1, rows: 13, highlight: PixelPosition(row: row, column: col))
        var blocks: [PanelBlock] = [.row([.digit(image, large: true).essential, .pixels(around)])]
        let index = flatIndex(workbench)

        if let done = unrolled {
            let start = min(done, side.rows - 1) * side.columns
            blocks.append(.progress(ProgressModel(completed: done * side.columns, total: length, elapsed: 0,
                                                  title: "line")).essential)
            // Before the question is answered, the positions stay hidden here too (they would give it away).
            let target = revealed ? "line[\(start)…\(start + side.columns - 1)]" : "the next \(side.columns) places"
            blocks.append(.code(done < side.rows
                ? "row \(done) → \(target)\n\(done) of \(side.rows) rows are in the line"
                : "all \(side.rows) rows: \(length) values in one line").essential)
            return PanelView(title: "Flatten: unrolling", blocks: blocks)
        }

        let byte = digit.pixels[index]
        let position = "\(row)×\(side.columns)+\(col) = \(index)"
        var neighbours: [String] = []
        for i in max(0, index - 2) ... min(length - 1, index + 2) {
            let v = PanelNumber.fixed(line[i], 2)
            neighbours.append(i == index ? "[\(v)]" : v)
        }
        let first = max(0, index - 2), last = min(length - 1, index + 2)
        let range = revealed ? "line[\(first)…\(last)]" : "line[?]"
        // The pixel, then where it lands: the question's answer, on a line of its own so that it stays
        // under the picture when nothing else fits.
        blocks.append(.code("row \(row), col \(col): byte \(byte), \(byte)/255 = \(PanelNumber.fixed(line[index], 3))"))
        blocks.append(.code("position: \(revealed ? position : PanelNumber.answerFirst)").essential)
        blocks.append(.code("""
            \(range): \(neighbours.joined(separator: " "))
            \(side.rows)×\(side.columns) = \(length) values; 0 parameters: a reshape
            """))
        return PanelView(title: "Flatten: \(side.rows)x\(side.columns) → \(length)", blocks: blocks)
    }
}
