import Foundation
import MNIST
import NeuralNet

/// Lesson 7: how many of the 128 ReLU outputs are exactly zero — for this digit, and over all 10,000
/// test digits. `v` cycles four views: this digit's 128 outputs; a histogram of the zero count per test
/// digit; the mean zero count per digit class; and the units that never fire, untrained beside trained.
///
/// The point to get exactly right: sparsity is about activity, not size. However many units are 0 for
/// a digit, the model keeps all its parameters (101,770, counted from the model on every view).
public struct SparsityPanel: LessonPanel {
    public enum View: Int, CaseIterable, Sendable {
        case digit, histogram, classes, neverFiring
    }

    public var cursor: DigitCursor
    /// The digit's set, and the test set the statistics run over.
    public var dataNeeded: MNISTParts { cursor.dataNeeded.union(.test) }
    public var trainedModel: Bool
    public var shown: View

    /// Whether the last frame had the test-set statistics (`tick` redraws once when they arrive).
    var shownReady = false

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        trainedModel = lesson.options.usesTrainedModel
        shown = .digit
        _ = stats(workbench)  // start the pass over the test digits: the lesson text quotes its means
    }

    /// Redraws once when the test-set statistics arrive (the lesson text and three of the views use them).
    public mutating func tick(workbench: Workbench) -> Bool {
        let both = shown != .neverFiring
            || (workbench.readySparsity(trained: false) != nil && workbench.readySparsity(trained: true) != nil)
        let ready = stats(workbench) != nil && both
        defer { shownReady = ready }
        return ready != shownReady
    }

    public static let options: [LessonOption] = [.digit, .set, .model]
    /// The sparsity of all 10,000 test digits.
    public static let wholeSetStatistics = true
    /// Everything but this digit's counts comes from the pass over the test set, in the background.
    public static var backgroundValues: [LiveName<LiveValue, LiveText>] {
        [.value(.neverFiringUnits), .value(.meanActiveUnits), .value(.meanActivePercent), .value(.fewestActiveUnits), .value(.mostActiveUnits)]
    }

    public enum Action: String, PanelName {
        case previousDigit = "previous_digit", nextDigit = "next_digit", randomDigit = "random_digit"
        case toggleModel = "toggle_model", cycleView = "cycle_view"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .toggleModel:
            trainedModel.toggle()
            _ = stats(workbench)  // start the other model's pass now
        case .cycleView: shown = View(rawValue: (shown.rawValue + 1) % View.allCases.count)!
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        case .randomDigit: cursor.perform(.random, workbench: workbench)
        }
        return []
    }

    public func trace(_ workbench: Workbench) -> Trace {
        workbench.trace(trained: trainedModel, train: cursor.train, index: cursor.index)
    }

    public enum LiveValue: String, PanelName {
        case zeroUnits = "zero_units", activeUnits = "active_units", neverFiringUnits = "never_firing_units"
        case meanActiveUnits = "mean_active_units", meanActivePercent = "mean_active_percent"
        case fewestActiveUnits = "fewest_active_units", mostActiveUnits = "most_active_units"
    }

    public enum LiveText: String, PanelName {
        case digit, model
    }

    /// One digit's zero and active units add up to 128: either gives the other away.
    public static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>] {
        switch value {
        case .zeroUnits: [.value(.activeUnits)]
        case .activeUnits: [.value(.zeroUnits)]
        case .neverFiringUnits, .meanActiveUnits, .meanActivePercent, .fewestActiveUnits, .mostActiveUnits: []
        }
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        switch value {
        case .zeroUnits: return Double(trace(workbench).zeroCount)
        case .activeUnits: return Double(trace(workbench).hiddenOutputs.filter { $0 > 0 }.count)
        case .neverFiringUnits: return stats(workbench).map { Double($0.neverFiring.count) }
        case .meanActiveUnits: return stats(workbench)?.meanActive
        case .meanActivePercent: return stats(workbench).map { $0.meanActive / Double($0.units) * 100 }
        case .fewestActiveUnits: return stats(workbench).map { Double($0.fewestActive) }
        case .mostActiveUnits: return stats(workbench).map { Double($0.mostActive) }
        }
    }

    /// The answer (this digit's zeros) is in the digit's view: go back to it.
    public mutating func questionClosed(workbench: Workbench) { shown = .digit }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.model): return modelName
        case .value(.meanActiveUnits): return stats(workbench).map { PanelNumber.fixed($0.meanActive, 1) }
        case .value(.meanActivePercent): return stats(workbench).map { PanelNumber.percent($0.meanActive / Double($0.units), 0) }
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    /// The whole test set through the current model (computed once per model, in the background; the
    /// workbench caches it), or nil while that pass runs.
    func stats(_ workbench: Workbench) -> SparsityStatistics? { workbench.readySparsity(trained: trainedModel) }

    /// What a view that needs the test-set statistics shows while they are computed.
    static let coming = PanelBlock.text("Measuring all 10,000 test digits through the model; the numbers appear in a moment. The keys work meanwhile.").essential

    var modelName: String { trainedModel ? "trained" : "untrained" }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let t = trace(workbench)
        let units = t.hiddenOutputs.count
        let model = modelName
        let active = t.hiddenOutputs.filter { $0 > 0 }.count
        let zeros = revealed ? "**\(t.zeroCount)** of \(units)" : PanelNumber.answerFirst
        let thisActive = revealed ? "\(active)" : "??"
        let parameters = workbench.model(trained: trainedModel).parameterCount.formatted
        // Statistics over the whole test set are computed once per model (the workbench caches them),
        // and only when a view or the lesson text uses them.
        let setSize = workbench.count(train: false).formatted
        var blocks: [PanelBlock] = []
        switch shown {
        case .digit:
            blocks.append(.text("\(cursor.caption(workbench)), \(model) model. Exactly 0: \(zeros).").essential)
            if revealed {
                blocks.append(.grid(ActivationGridModel(values: t.hiddenOutputs, title: "its \(units) ReLU outputs")).essential)
                blocks.append(.text("**\(active)** active (above 0). Still \(parameters) parameters: zeros change activity, not size."))
            } else {
                let digit = cursor.digit(workbench)
                blocks.append(.row([.digit(DigitImageModel(pixels: digit.pixels, label: "label \(digit.label)"), large: true).essential,
                                    .text("How many of its \(units) outputs are exactly 0? The grid appears once you answer.").essential]))
            }
        case .histogram:
            guard let stats = stats(workbench) else { blocks.append(Self.coming); break }
            let counts = stats.activeCounts
            // Bins two units wide over the range the counts actually cover, so the shape is visible.
            let low = max(0, ((counts.min() ?? 0) / 2) * 2)
            let high = min(units, max(low + 2, ((counts.max() ?? units) / 2 + 1) * 2))
            blocks.append(.histogram(HistogramModel(samples: counts.map(Double.init), bins: max(1, (high - low) / 2),
                                                    lower: Double(low), upper: Double(high),
                                                    title: "active units per digit, \(setSize) test digits", unit: "digits")).essential)
            let mean = liveText("mean_active_units", workbench: workbench) ?? ""
            let percent = liveText("mean_active_percent", workbench: workbench) ?? ""
            blocks.append(.text("\(model): **\(mean)** of \(units) units active on average (\(percent)); fewest \(stats.fewestActive), most \(stats.mostActive). This digit: \(thisActive).").essential)
        case .classes:
            guard let stats = stats(workbench) else { blocks.append(Self.coming); break }
            let label = cursor.digit(workbench).label
            blocks.append(.bars(BarChartModel(values: stats.meanActivePerClass.map { Float($0 / Double(units)) },
                                              scale: .probability, highlighted: label,
                                              title: "share of units active, mean per class")).essential)
            let means = stats.meanActivePerClass.map { PanelNumber.fixed($0, 0) }
            blocks.append(.text("\(model), active of \(units): " + means.enumerated().map { "\($0.offset): \($0.element)" }.joined(separator: ", ") + ". This digit's class (\(label)) is marked.").essential)
        case .neverFiring:
            guard let untrained = workbench.readySparsity(trained: false), let trained = workbench.readySparsity(trained: true),
                  let dead = stats(workbench)?.neverFiring else { blocks.append(Self.coming); break }
            let row = { (name: String, a: String, b: String) in
                name.padding(toLength: 16, withPad: " ", startingAt: 0) + a.leftPadded(10) + b.leftPadded(10)
            }
            blocks.append(.code([
                row("", "untrained", "trained"),
                row("mean active", PanelNumber.fixed(untrained.meanActive, 1), PanelNumber.fixed(trained.meanActive, 1)),
                row("never firing", String(untrained.neverFiring.count), String(trained.neverFiring.count)),
                row("parameters", workbench.model(trained: false).parameterCount.formatted,
                    workbench.model(trained: true).parameterCount.formatted),
            ].joined(separator: "\n")).essential)
            let list = dead.isEmpty ? "none" : dead.prefix(24).map(String.init).joined(separator: ", ") + (dead.count > 24 ? ", …" : "")
            blocks.append(.text("\(model): \(dead.count) of \(units) units are 0 for all \(setSize) test digits (dead): \(list).").essential)
            blocks.append(.text("Untrained, about half the sums are negative by chance; training makes units selective."))
        }
        let names = ["this digit", "histogram", "per class", "never firing"]
        return PanelView(title: "Sparsity: \(names[shown.rawValue])", blocks: blocks)
    }
}
