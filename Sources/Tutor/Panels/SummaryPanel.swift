import Foundation
import NeuralNet

/// Lesson 3: `model.summary()` — one row per layer with its output shape and parameter count — and,
/// for the selected row (`j` / `k`), how that count comes about: a Dense layer holds one weight per
/// (input, unit) pair plus one bias per unit; Flatten and Dropout have nothing to learn.
///
/// Every number comes from the article's model as the engine builds it (`Sequential.article`), not
/// from the lesson text. While the question is open, the first Dense layer's count (what the learner
/// works out) and the total (which would give it away) are hidden.
public struct SummaryPanel: LessonPanel {
    /// The highlighted row of the table, 0 = the first layer.
    public var selectedRow: Int

    public init(lesson: Lesson, workbench: Workbench) {
        selectedRow = 0
    }

    /// The model `Sequential([...])` builds: the article's four layers (seed 1; the weights do not matter here).
    public func model(_ workbench: Workbench) -> Sequential { workbench.untrained(seed: 1) }

    public static let options: [LessonOption] = []

    public enum Action: String, PanelName {
        case previousRow = "previous_row", nextRow = "next_row"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        let rows = model(workbench).layers.count
        switch action {
        case .previousRow: selectedRow = max(0, selectedRow - 1)
        case .nextRow: selectedRow = min(rows - 1, selectedRow + 1)
        }
        return []
    }

    /// With the panel focused (Tab), ↑ and ↓ move through the rows too.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        switch key {
        case .up: return perform(.previousRow, workbench: workbench)
        case .down: return perform(.nextRow, workbench: workbench)
        default: return nil
        }
    }

    public enum LiveValue: String, PanelName {
        case denseParams = "dense_params", dense1Params = "dense_1_params", totalParams = "total_params"
    }

    public enum LiveText: String, PanelName {
        case totalSize = "total_size"
    }

    /// The first Dense layer's count is what the learner works out; the total follows from it.
    public static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>] {
        switch value {
        case .denseParams: [.value(.totalParams), .text(.totalSize)]
        case .dense1Params, .totalParams: []
        }
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        let m = model(workbench)
        let denses = m.denseLayers
        switch value {
        case .denseParams: return denses.first.map { Double($0.layer.parameterCount) }
        case .dense1Params: return denses.count > 1 ? Double(denses[1].layer.parameterCount) : nil
        case .totalParams: return Double(m.parameterCount)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.totalSize): return Self.totalSize(model(workbench))
        case .value(let value): return liveValue(value, workbench: workbench).map { Int($0).formatted }
        }
    }

    /// The size `summary()` gives the parameters, e.g. "397.54 KB" (4 bytes each, in units of 1,024 bytes).
    static func totalSize(_ model: Sequential) -> String {
        let line = model.summary(ascii: true).split(separator: "\n").first { $0.contains("Total params:") } ?? ""
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")") else { return "" }
        return String(line[line.index(after: open) ..< close])
    }

    /// The summary table in a compact form that fits a narrow panel: `>` marks the selected row; the
    /// first Dense layer's count and the total read `??` while `hideFirstDense` is set.
    public static func table(_ model: Sequential, selected: Int, hideFirstDense: Bool) -> String {
        let firstDense = model.layers.firstIndex { $0 is Dense }
        var lines = ["  " + "Layer (type)".padding(toLength: 19, withPad: " ", startingAt: 0) + "Output shape" + "Param #".leftPadded(10)]
        for (i, (name, layer)) in zip(model.layerNames, model.layers).enumerated() {
            let shape = "(None, " + model.layerOutputShapes[i].map(String.init).joined(separator: ", ") + ")"
            let count = hideFirstDense && i == firstDense ? "??" : layer.parameterCount.formatted
            lines.append((i == selected ? "> " : "  ") + "\(name) (\(layer.typeName))".padding(toLength: 19, withPad: " ", startingAt: 0)
                         + shape.padding(toLength: 12, withPad: " ", startingAt: 0) + count.leftPadded(10))
        }
        // The totals line exactly as the engine's summary() prints it.
        let total = model.summary(ascii: true).split(separator: "\n").first { $0.contains("Total params:") }
            .map { String($0).trimmingCharacters(in: .whitespaces) } ?? "Total params: \(model.parameterCount.formatted)"
        lines.append("  " + (hideFirstDense ? "Total params: ??" : total))
        return lines.joined(separator: "\n")
    }

    /// How the selected layer's parameter count comes about, in words and numbers.
    public static func explanation(_ model: Sequential, row: Int, hideFirstDense: Bool) -> String {
        let layer = model.layers[row]
        let name = model.layerNames[row]
        let inputShape = row == 0 ? model.inputShape : model.layerOutputShapes[row - 1]
        let shape = { (s: [Int]) in "(" + s.map(String.init).joined(separator: ", ") + ")" }
        switch layer {
        case let dense as Dense:
            let weights = dense.inputSize * dense.units
            let first = model.layers.firstIndex { $0 is Dense } == row
            if hideFirstDense && first {
                return "**\(name)**: \(dense.inputSize) inputs, \(dense.units) units. One weight per (input, unit) pair, plus one bias per unit. Work it out: \(PanelNumber.answerFirst)."
            }
            let source = row == 0 ? "" : " (what \(model.layerNames[row - 1]) outputs)"
            return "**\(name)**: \(dense.inputSize) inputs\(source) × \(dense.units) units = \(weights.formatted) weights, + \(dense.units) biases (one per unit) = **\(dense.parameterCount.formatted)**."
        case let dropout as Dropout:
            return "**\(name)**: switches values off at random while training (rate \(PanelNumber.short(Double(dropout.rate)))); the shape stays \(shape(inputShape)). Nothing to learn: **0**."
        default:
            let out = model.layerOutputShapes[row]
            return "**\(name)**: reshapes \(shape(inputShape)) into \(out.map(String.init).joined(separator: "x")) = \(inputShape.map(String.init).joined(separator: " × ")) values. Only a reshape: **0** parameters."
        }
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let m = model(workbench)
        let row = min(selectedRow, m.layers.count - 1)
        return PanelView(title: "model.summary()", blocks: [
            .code(Self.table(m, selected: row, hideFirstDense: !revealed)).essential,
            .text(Self.explanation(m, row: row, hideFirstDense: !revealed)).essential,
            .text("`None` is the batch size, left open. Sequential = a plain stack: each layer feeds the next; no notion of time."
                  + (revealed ? " \(Self.totalSize(m)): \(m.parameterCount.formatted) numbers × 4 bytes each (float32), counted in KB of 1,024 bytes." : "")).extra,
        ])
    }
}

extension String {
    /// The string right-aligned in `width` columns (unchanged when longer).
    func leftPadded(_ width: Int) -> String { NumberFormat.padLeft(self, width) }
}
