import MNIST
import NeuralNet

/// Lesson 12: the article's model trained once per dropout rate (by default 0, 0.2 and 0.5), from the
/// same starting weights (the same seed) on the same `train_size` training images, comparing
/// training accuracy with test accuracy after every epoch. Both are measured with dropout off (the
/// runner's `measureTrainAccuracy`), so the gap is memorisation, not the handicap dropout puts on
/// `fit`'s own running accuracy.
///
/// The gap of a run is its last epoch's training accuracy minus its test accuracy. The live values
/// exist only once every run has finished all its epochs: a stopped job has no fair comparison.
/// While the lesson's question is open, training accuracies and gaps are hidden (test accuracies
/// alone do not give the answer away).
public struct OverfittingPanel: LessonPanel {
    public var epochs: Int
    /// None: the panel shows settings and the runner's reports; its runs read both sets on the runner's thread,
    /// which waits for them if they are still loading (the screen and the keys do not).
    public var dataNeeded: MNISTParts { [] }
    public let batchSize: Int
    public let trainSize: Int
    /// The dropout rates as the lesson wrote them (the answer's options are compared with these).
    public let rates: [Double]
    public let seed: Int
    public private(set) var phase: TrainingPhase = .ready
    public private(set) var records: [RunRecord] = []
    /// The run in progress and its latest batch report.
    public private(set) var current: (run: Int, batch: BatchLog?)?
    public private(set) var note: String?
    let startKey: String, stopKey: String

    /// One rate's run: per epoch, training and test accuracy (0...1, dropout off).
    public struct RunRecord: Equatable, Sendable {
        public var rate: Double
        public var train: [Double] = []
        public var test: [Double] = []
        /// True once the run went through all its epochs.
        public var completed = false

        /// Training minus test accuracy after the last epoch measured, in 0...1 units.
        public var gap: Double? { gaps.last }
        public var gaps: [Double] { zip(train, test).map { $0 - $1 } }
    }

    public init(lesson: Lesson, workbench: Workbench) {
        let options = lesson.options
        epochs = options.integer(.epochs)
        batchSize = options.integer(.batch)
        trainSize = options.integer(.trainSize)
        rates = options.numbers(.rates)
        seed = options.seed
        startKey = lesson.key(for: Action.start) ?? "start"
        stopKey = lesson.key(for: Action.stop) ?? "stop"
    }

    /// The request for the job: one run per rate, same seed and data, Adam's default learning rate.
    public var request: TrainingRequest {
        TrainingRequest(id: 0, runs: rates.map { rate in
            TrainingRun(label: "dropout \(Self.rateText(rate))", epochs: epochs, batchSize: batchSize, dropout: Float(rate),
                        learningRate: Float(LessonOptions().number(.lr)), seed: UInt64(seed), trainSize: trainSize,
                        measureTrainAccuracy: true)
        })
    }

    public static let options: [LessonOption] = [.epochs, .batch, .trainSize, .rates, .seed]

    public enum Action: String, PanelName {
        case start, stop, epochsUp = "epochs_up", epochsDown = "epochs_down"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        note = nil
        switch action {
        case .start:
            guard !phase.isRunning else { note = "Already training; press \(stopKey) to stop."; return [] }
            phase = .running
            records = rates.map { RunRecord(rate: $0) }
            current = nil
            return [.startTraining(request)]
        case .stop:
            guard phase.isRunning else { note = "Nothing is training; press \(startKey) to start."; return [] }
            note = "Stopping after the current batch…"
            return [.stopTraining]
        case .epochsUp, .epochsDown:
            guard !phase.isRunning else { note = "The number of epochs is fixed while training; stop first."; return [] }
            epochs = min(50, max(1, epochs + (action == .epochsUp ? 1 : -1)))
        }
        return []
    }

    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] {
        switch update {
        case .started(_, let run, _):
            current = (run, nil)
        case .batch(_, let run, let log):
            current = (run, log)
        case .epoch(_, let run, _, let test, let trainAccuracy):
            guard records.indices.contains(run), let trainAccuracy else { break }
            records[run].train.append(Double(trainAccuracy))
            records[run].test.append(Double(test.accuracy))
        case .runFinished(_, let run, _, _, let stopped):
            if records.indices.contains(run) { records[run].completed = !stopped && records[run].train.count == epochs }  // epochs cannot change during a run
        case .finished(_, let stopped):
            phase = .finished(stopped: stopped)
            current = nil
            note = nil
        case .failed(_, let message):
            phase = .failed(message)
            current = nil
            note = nil
        }
        return []
    }

    /// Every run finished all its epochs, and those are the epochs set now (a result for another number
    /// of epochs does not answer the question as it reads now).
    var allCompleted: Bool { !records.isEmpty && records.allSatisfy { $0.completed && $0.train.count == epochs } }

    /// The record with the smallest gap (the first of equals), once all are complete.
    var smallestGap: RunRecord? {
        guard allCompleted else { return nil }
        return records.min { $0.gap! < $1.gap! }
    }

    public enum LiveValue: String, PanelName {
        case smallestGapRate = "smallest_gap_rate", largestGapPercent = "largest_gap_percent"
    }

    public enum LiveText: String, PanelName {
        case epochs, command
    }

    /// Both compare the runs, once all have finished.
    public static var producedLater: [LiveValue] { LiveValue.allCases }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        guard allCompleted else { return nil }
        switch value {
        case .smallestGapRate: return smallestGap?.rate
        case .largestGapPercent: return records.compactMap(\.gap).max().map { $0 * 100 }
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.epochs): return "\(epochs)"
        case .text(.command): return commandTemplate
        case .value(.smallestGapRate): return liveValue(.smallestGapRate, workbench: workbench).map(Self.rateText)
        case .value(.largestGapPercent): return liveValue(.largestGapPercent, workbench: workbench).map { PanelNumber.fixed($0, 2) }
        }
    }

    public var predictionHint: String? {
        "Press \(startKey) to train the \(rates.count) models: your prediction is checked when all have finished."
    }

    /// Each run's `mnist-tutor train` command with the rate written as R ("… --dropout R …"): putting a
    /// run's rate (`rateValues`) in place of R gives exactly that run's `commandLine`.
    public var commandTemplate: String { request.runs.first?.commandLine(dropout: "R") ?? "" }

    /// The rates as the command line writes them: "0, 0.2, 0.5".
    public var rateValues: String { request.runs.map { TrainingRun.text($0.dropout) }.joined(separator: ", ") }

    // MARK: View

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let rateList = rates.map(Self.rateText).joined(separator: ", ")
        var blocks: [PanelBlock] = [.text("Dropout \(rateList): \(epochs) epochs each on \(trainSize.formatted) training images, batch \(batchSize), seed \(seed).")]
        switch phase {
        case .ready: blocks.append(.text("Press **\(startKey)** to train the \(rates.count) models one after another.").essential)
        case .running:
            if let current, let log = current.batch {
                blocks.append(.progress(ProgressModel(completed: log.batch, total: log.batches, elapsed: log.seconds,
                                                      title: "rate \(Self.rateText(rates[current.run])), epoch \(log.epoch)/\(log.epochs)")).essential)
            } else {
                blocks.append(.text("Measuring the untrained model on the test digits…").essential)
            }
        case .finished(let stopped):
            if stopped { blocks.append(.text("Stopped early: the runs are not comparable. Press **\(startKey)** to train again.").essential) }
        case .failed(let message): blocks.append(.text("Training failed: \(message)").essential)
        }
        if !records.isEmpty {
            blocks.append(.code(table(revealed: revealed)).essential)
            blocks.append(contentsOf: chart(revealed: revealed))
        }
        if let summary = summary(revealed: revealed) { blocks.append(.text(summary).essential) }
        if let note { blocks.append(.text(note)) }
        blocks.append(.text("Each run from the shell, R = \(rateValues): `\(commandTemplate)`"))
        return PanelView(title: "Overfitting: training vs test accuracy", blocks: blocks)
    }

    /// Per rate, after its last measured epoch: training and test accuracy (dropout off) and the gap.
    func table(revealed: Bool) -> String {
        func row(_ cells: [String]) -> String {
            Self.padRight(cells[0], 5) + zip(cells.dropFirst(), [6, 8, 8, 6]).map { $0.leftPadded($1) }.joined()
        }
        var lines = [row(["rate", "epochs", "train", "test", "gap"])]
        let best = revealed ? smallestGap?.rate : nil
        for record in records {
            let rate = Self.rateText(record.rate), epochs = "\(record.test.count)"
            guard let train = record.train.last, let test = record.test.last else {
                lines.append(row([rate, epochs, "–", "–", "–"]))
                continue
            }
            lines.append(row([rate, epochs, revealed ? Self.percent(train) : "??", Self.percent(test),
                              revealed ? PanelNumber.fixed((train - test) * 100, 2) : "??"])
                         + (record.rate == best ? " smallest" : ""))
        }
        return lines.joined(separator: "\n")
    }

    static func padRight(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(1, width - s.count))
    }

    /// Revealed: each rate's gap per epoch, in percentage points. Before: test accuracy per epoch.
    func chart(revealed: Bool) -> [PanelBlock] {
        guard records.contains(where: { !$0.test.isEmpty }) else { return [] }
        let series = records.map { record in
            SeriesModel(name: "dropout " + Self.rateText(record.rate), values: (revealed ? record.gaps : record.test).map { $0 * 100 },
                        xLabel: "epoch", decimals: 2, unit: revealed ? "" : "%")
        }
        let caption = revealed ? "Gap (train − test, points) per epoch" : "Test accuracy (%) per epoch"
        return [.chart(series, minHeight: 7, title: caption)]
    }

    func summary(revealed: Bool) -> String? {
        guard allCompleted else { return nil }
        guard revealed else { return "Training accuracies and gaps stay hidden until you answer the question." }
        let smallest = smallestGap!
        let largest = records.max { $0.gap! < $1.gap! }!
        let bestTest = records.max { $0.test.last! < $1.test.last! }!
        return "Smallest gap: dropout **\(Self.rateText(smallest.rate))** (\(PanelNumber.fixed(smallest.gap! * 100, 2)) points); "
            + "largest: dropout \(Self.rateText(largest.rate)) (\(PanelNumber.fixed(largest.gap! * 100, 2))). "
            + "Best on test digits: dropout \(Self.rateText(bestTest.rate)) (\(Self.percent(bestTest.test.last!)))."
    }

    /// `0.2 -> "0.2"`, `0 -> "0"`: the rate as the lesson writes it.
    static func rateText(_ rate: Double) -> String { TrainingSettings.formatRate(rate) }

    /// `0.9731 -> "97.31%"`.
    static func percent(_ accuracy: Double) -> String { PanelNumber.percent(accuracy, 2) }
}
