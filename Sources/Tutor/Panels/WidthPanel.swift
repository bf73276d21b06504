import Foundation
import MNIST
import NeuralNet

/// Lesson 15: "why 128?" The article's model trained at several hidden widths (16 to 512 units), from
/// the same seed, for the same epochs, side by side (one run per core): for each, its parameters, its test
/// accuracy, its training accuracy and the gap between them (both with dropout off, measured after `fit`),
/// and the seconds its training took; accuracy drawn against the parameter count on a log scale.
///
/// Each run is exactly one run of `mnist-tutor sweep --widths …` with the same settings (the panel prints
/// that command), so the table equals the command's. The live values exist once every run went through all
/// its epochs. While the question is open, test accuracies and gaps are hidden (the question asks how much
/// the widest model gains over 128 units).
public struct WidthPanel: LessonPanel {
    public var epochs: Int
    public let trainSize: Int
    public let dropout: Double
    public let seed: Int
    public let widths: [Int]
    public private(set) var runs = ExperimentRuns()
    public private(set) var note: String?
    let startKey: String, stopKey: String

    /// None: the panel shows the runner's reports; the runs read both sets on the runner's thread.
    public var dataNeeded: MNISTParts { [] }

    /// The article's width, the one the question compares with.
    public static let articleWidth = 128

    public init(lesson: Lesson, workbench: Workbench) {
        let options = lesson.options
        epochs = options.integer(.epochs)
        trainSize = options.integer(.trainSize)
        dropout = options.number(.dropout)
        seed = options.seed
        widths = options.integers(.widths)
        startKey = lesson.key(for: Action.start) ?? "start"
        stopKey = lesson.key(for: Action.stop) ?? "stop"
    }

    public static let options: [LessonOption] = [.epochs, .trainSize, .dropout, .seed, .widths]

    public enum Action: String, PanelName {
        case start, stop, epochsUp = "epochs_up", epochsDown = "epochs_down"
    }

    public enum LiveValue: String, PanelName {
        case gainOver128Points = "gain_over_128_points", testAccuracy128Percent = "test_accuracy_128_percent"
        case widestTestAccuracyPercent = "widest_test_accuracy_percent", widestParameters = "widest_parameters"
    }

    public enum LiveText: String, PanelName {
        case epochs, command, widest
    }

    /// The accuracies exist once the learner has trained; the parameter count from the start.
    public static var producedLater: [LiveValue] { [.gainOver128Points, .testAccuracy128Percent, .widestTestAccuracyPercent] }

    /// The two accuracies give the gain away.
    public static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>] {
        value == .gainOver128Points ? [.value(.widestTestAccuracyPercent), .value(.testAccuracy128Percent)] : []
    }

    /// One run per width: relu, Keras's batch size and Adam's learning rate, the training accuracy measured at the end.
    public var request: TrainingRequest {
        TrainingRequest(id: 0, runs: widths.map { width in
            var run = TrainingRun(label: "\(width)", epochs: epochs, batchSize: 32, dropout: Float(dropout), learningRate: 0.001,
                                  seed: UInt64(seed), trainSize: trainSize, hidden: [width], activation: .relu)
            run.measureTrainAccuracyAtEnd = true
            return run
        }, parallel: ParallelRuns.coreCount)
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        note = nil
        switch action {
        case .start:
            let request = request
            return runs.start(request, note: &note, stopKey: stopKey)
        case .stop:
            return runs.stop(note: &note, startKey: startKey)
        case .epochsUp, .epochsDown:
            runs.changeEpochs(&epochs, up: action == .epochsUp, note: &note)
        }
        return []
    }

    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] {
        runs.receive(update, note: &note)
        return []
    }

    /// The runs are complete and are for the epochs set now.
    var complete: Bool { runs.allCompleted && runs.records.allSatisfy { $0.run.epochs == epochs } }

    func record(width: Int) -> ExperimentRuns.Record? { runs.records.first { $0.run.hidden == [width] } }

    /// The widest width asked for.
    var widest: Int { widths.max() ?? Self.articleWidth }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? { self.value(value) }

    func value(_ value: LiveValue) -> Double? {
        if value == .widestParameters { return Double(Architecture(hidden: [widest]).parameterCount) }
        guard complete else { return nil }
        func accuracy(_ width: Int) -> Double? { record(width: width)?.test.map { Double($0.accuracy) * 100 } }
        switch value {
        case .gainOver128Points:
            guard let wide = accuracy(widest), let article = accuracy(Self.articleWidth) else { return nil }
            return wide - article
        case .testAccuracy128Percent: return accuracy(Self.articleWidth)
        case .widestTestAccuracyPercent: return accuracy(widest)
        case .widestParameters: return Double(Architecture(hidden: [widest]).parameterCount)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.epochs): return "\(epochs) epoch\(epochs == 1 ? "" : "s")"
        case .text(.command): return command
        case .text(.widest): return "\(widest)"
        case .value(.gainOver128Points): return value(.gainOver128Points).map { PanelNumber.signed($0, 2) }
        case .value(.widestParameters): return value(.widestParameters).map { Int($0).formatted }
        case .value(let v): return value(v).map { PanelNumber.fixed($0, 2) + "%" }
        }
    }

    public var predictionHint: String? {
        "Press \(startKey) to train the \(widths.count) widths: your prediction is checked when all have finished."
    }

    /// The `mnist-tutor sweep` command that trains the same runs, with the same results.
    public var command: String { TrainingRun.sweepCommand(request.runs) ?? "" }

    // MARK: View

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        var blocks: [PanelBlock] = [
            .text("Widths \(widths.map(String.init).joined(separator: ", ")), relu: \(epochs) epoch\(epochs == 1 ? "" : "s") on "
                  + "\(trainSize.formatted) images, seed \(seed), \(min(ParallelRuns.coreCount, widths.count)) at a time."),
        ]
        if let status = runs.status(startKey: startKey, stopKey: stopKey, what: "the \(widths.count) widths") {
            blocks.append(.text(status).essential)
        }
        if let progress = runs.progress { blocks.append(.progress(progress).essential) }
        blocks.append(.code(table(revealed: revealed)).essential)
        if let summary = summary(revealed: revealed) { blocks.append(.text(summary).essential) }
        if let note { blocks.append(.text(note).essential) }
        blocks += chart(revealed: revealed)
        blocks.append(PanelBlock.text("The same runs from the shell: `\(command)`").extra)
        return PanelView(title: "Why 128? Accuracy against width", blocks: blocks)
    }

    /// Per width: parameters (known before training), then training and test accuracy, gap and seconds.
    func table(revealed: Bool) -> String {
        func row(_ cells: [String]) -> String {
            cells[0].leftPadded(5) + zip(cells.dropFirst(), [9, 8, 8, 6, 6]).map { $0.leftPadded($1) }.joined()
        }
        var lines = [row(["width", "params", "train", "test", "gap", "s"])]
        for width in widths {
            let parameters = Architecture(hidden: [width]).parameterCount.formatted
            guard let r = record(width: width), let test = r.test, r.completed else {
                let done = record(width: width).map { "\($0.epochs.count)/\($0.run.epochs)" } ?? "–"
                lines.append(row(["\(width)", parameters, "–", "–", "–", done == "–" ? "–" : done]))
                continue
            }
            let train = r.training.map { PanelNumber.percent(Double($0.accuracy), 2) } ?? "–"
            lines.append(row(["\(width)", parameters, train, revealed ? PanelNumber.percent(Double(test.accuracy), 2) : "??",
                              revealed ? r.gap.map { PanelNumber.fixed($0 * 100, 2) } ?? "–" : "??",
                              PanelNumber.fixed(r.seconds ?? 0, 1)])
                         + (width == Self.articleWidth ? " <" : ""))
        }
        return lines.joined(separator: "\n")
    }

    func summary(revealed: Bool) -> String? {
        guard complete else { return nil }
        guard revealed else { return "Test accuracies and gaps stay hidden until you answer the question." }
        guard let gain = value(.gainOver128Points),
              let article = value(.testAccuracy128Percent),
              let wide = value(.widestTestAccuracyPercent) else { return nil }
        let widestParameters = Architecture(hidden: [widest]).parameterCount, articleParameters = Architecture(hidden: [Self.articleWidth]).parameterCount
        let factor = Double(widestParameters) / Double(articleParameters)
        return "\(widest) units: **\(PanelNumber.signed(gain, 2)) points** over 128 (\(PanelNumber.fixed(wide, 2))% against "
            + "\(PanelNumber.fixed(article, 2))%), for \(PanelNumber.fixed(factor, 1))x the parameters."
    }

    /// Accuracy against log10(parameters): training always (it is not asked), test once answered.
    func chart(revealed: Bool) -> [PanelBlock] {
        let done = widths.compactMap { record(width: $0) }.filter(\.completed)
        guard done.count >= 2 else { return [] }
        let positions = done.map { log10(Double(Architecture(hidden: $0.run.hidden).parameterCount)) }
        var series = [SeriesModel(name: "train", values: done.map { Double($0.training?.accuracy ?? .nan) * 100 }, positions: positions,
                                  xLabel: "log10(parameters)", decimals: 2, unit: "%")]
        if revealed {
            series.append(SeriesModel(name: "test", values: done.map { Double($0.test!.accuracy) * 100 }, positions: positions,
                                      xLabel: "log10(parameters)", decimals: 2, unit: "%"))
        }
        return [.chart(series, minHeight: 7, title: "Accuracy (%) against parameters, log scale (10^4 = 10,000)")]
    }
}
