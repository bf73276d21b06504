import MNIST
import NeuralNet

/// Lesson 10: `compile` and `fit` for real, with the learner's settings, then `evaluate` on the
/// 10,000 test digits; the learner keeps the weights (they become the tutor's trained model) or
/// discards them.
///
/// Every number shown comes from the runner's reports: the untrained model's test loss (`.started`,
/// close to ln 10 ≈ 2.30), the batches (Keras-like progress bar and curves), each epoch's test
/// accuracy, and the final evaluation. While the lesson's question is open the test accuracies are
/// hidden, since the question asks for them. The settings are fixed while a job runs.
public struct TrainingPanel: LessonPanel {
    public var settings: TrainingSettings
    /// None: the panel shows settings and the runner's reports; its runs read both sets on the runner's thread,
    /// which waits for them if they are still loading (the screen and the keys do not).
    public var dataNeeded: MNISTParts { [] }
    public var selected: TrainingSettings.Setting = .epochs
    public private(set) var phase: TrainingPhase = .ready
    /// The run that is going or went last (its settings, not the list's current ones).
    public private(set) var run: TrainingRun?
    /// The untrained model's loss and accuracy on the test set, before the first step.
    public private(set) var initial: Evaluation?
    /// The latest batch report.
    public private(set) var batch: BatchLog?
    public private(set) var curve = BatchCurve()
    /// One entry per finished epoch: `fit`'s epoch means (dropout on) and the test evaluation (dropout off).
    public private(set) var epochResults: [(log: EpochLog, test: Evaluation)] = []
    /// What the run reached.
    public private(set) var outcome: Outcome?
    /// A one-line answer to a key that could not do anything now ("stop training first").
    public private(set) var note: String?
    let keys: (start: String, stop: String, keep: String, discard: String, next: String, increase: String)

    /// The weights a run reached, and what the learner decided about them.
    public struct Outcome: Sendable {
        /// Nil once discarded (no reason to hold 100,000 weights nobody wants).
        public var model: Sequential?
        public var test: Evaluation
        public var stopped: Bool
        public var decision: Decision
    }

    public enum Decision: Equatable, Sendable { case undecided, kept, discarded }

    public init(lesson: Lesson, workbench: Workbench) {
        settings = TrainingSettings(options: lesson.options)
        keys = (lesson.key(for: Action.start) ?? "start", lesson.key(for: Action.stop) ?? "stop",
                lesson.key(for: Action.keep) ?? "keep", lesson.key(for: Action.discard) ?? "discard",
                lesson.key(for: Action.nextSetting) ?? "next", lesson.key(for: Action.increase) ?? "increase")
    }

    public static let options: [LessonOption] = [.epochs, .batch, .dropout, .lr, .seed]

    public enum Action: String, PanelName {
        case start, stop, previousSetting = "previous_setting", nextSetting = "next_setting"
        case increase, decrease, keep, discard
    }

    // MARK: Actions

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        note = nil
        switch action {
        case .start: return start()
        case .stop:
            guard phase.isRunning else { note = "Nothing is training; press \(keys.start) to start."; return [] }
            note = "Stopping after the current batch…"
            return [.stopTraining]
        case .nextSetting, .previousSetting:
            let all = TrainingSettings.Setting.allCases
            let i = selected.rawValue + (action == .nextSetting ? 1 : -1)
            selected = all[min(max(i, 0), all.count - 1)]
        case .increase, .decrease:
            guard !phase.isRunning else { note = "The settings are fixed while training; press \(keys.stop) to stop first."; return [] }
            settings.step(selected, by: action == .increase ? 1 : -1)
        case .keep: return keep()
        case .discard: discard()
        }
        return []
    }

    mutating func start() -> [Effect] {
        guard !phase.isRunning else { note = "Already training; press \(keys.stop) to stop."; return [] }
        if let outcome, outcome.decision == .undecided { note = "The previous result was not kept." }
        let run = settings.run(label: "training")
        self.run = run
        phase = .running
        initial = nil
        batch = nil
        curve = BatchCurve()
        epochResults = []
        outcome = nil
        return [.startTraining(TrainingRequest(id: 0, runs: [run]))]
    }

    mutating func keep() -> [Effect] {
        guard !phase.isRunning, var outcome, let model = outcome.model else {
            note = phase.isRunning ? "Wait for training to end, then keep the result." : "Nothing to keep yet; press \(keys.start) to train."
            return []
        }
        guard outcome.decision == .undecided else { note = "This result is already kept."; return [] }
        outcome.decision = .kept
        self.outcome = outcome
        return [.keepModel(model)]
    }

    mutating func discard() {
        guard !phase.isRunning, var outcome, outcome.decision == .undecided else {
            note = outcome?.decision == .kept ? "This result is already kept; train again to replace it." : "Nothing to discard."
            return
        }
        outcome.decision = .discarded
        outcome.model = nil
        self.outcome = outcome
    }

    // MARK: Reports from the runner

    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] {
        switch update {
        case .started(_, _, let initial):
            self.initial = initial
        case .batch(_, _, let log):
            batch = log
            curve.add(log)
        case .epoch(_, _, let log, let test, _):
            epochResults.append((log, test))
        case .runFinished(_, _, let model, let test, let stopped):
            outcome = Outcome(model: model, test: test, stopped: stopped, decision: .undecided)
        case .finished(_, let stopped):
            phase = .finished(stopped: stopped)
            note = nil
        case .failed(_, let message):
            phase = .failed(message)
            note = nil
        }
        return []
    }

    // MARK: Live values

    /// The results describe the settings in the list: a run with other settings (changed since) has no
    /// value here, so a prediction for these settings is not judged by another run's result.
    public enum LiveValue: String, PanelName {
        case testAccuracyPercent = "test_accuracy_percent", initialLoss = "initial_loss", finalLoss = "final_loss"
    }

    public enum LiveText: String, PanelName {
        case settings, command
    }

    /// All three are results of a run with the settings in the list.
    public static var producedLater: [LiveValue] { LiveValue.allCases }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        guard let run, run == settings.run(label: run.label) else { return nil }
        switch value {
        case .testAccuracyPercent:
            // Only a run that went to its last epoch answers "with these settings".
            guard let outcome, !outcome.stopped else { return nil }
            return Double(outcome.test.accuracy) * 100
        case .initialLoss: return initial.map { Double($0.loss) }
        case .finalLoss: return outcome.map { Double($0.test.loss) }
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.settings): return settings.words
        case .text(.command): return settings.run(label: "training").commandLine
        case .value(.testAccuracyPercent): return liveValue(.testAccuracyPercent, workbench: workbench).map { PanelNumber.fixed($0, 2) + "%" }
        case .value(let value): return liveValue(value, workbench: workbench).map { PanelNumber.fixed($0, 4) }
        }
    }

    public var predictionHint: String? {
        "Press \(keys.start) to train: your prediction is checked when the run ends."
    }

    // MARK: View

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        // The settings and what the run reached (the question's answer) always show; the progress bar
        // while it runs; the curves when there is room.
        var blocks: [PanelBlock] = [.row([.code(settingsList), .text(phaseText)]).essential]
        if let results = resultsText(revealed: revealed, workbench: workbench) { blocks.append(.text(results).essential) }
        if let batch {
            blocks.append(.progress(ProgressModel(completed: batch.batch, total: batch.batches, elapsed: batch.seconds,
                                                  metrics: [.init("loss", Double(batch.loss)), .init("accuracy", Double(batch.accuracy))],
                                                  title: "Epoch \(batch.epoch)/\(batch.epochs)")).with(phase.isRunning ? .essential : .useful))
        } else {
            blocks.append(.text(stepsLine))
        }
        if !curve.loss.isEmpty {
            // Each point is the mean over the steps since the point before (reports are thinned); it sits at
            // its place in the run, so the x axis counts epochs, as the table under it does.
            let span = curve.spans.last ?? 1
            let what = span == 1 ? "last batch" : "mean of the last \(span) batches"
            blocks.append(.row([
                .chart([SeriesModel(name: "loss", values: curve.loss, positions: curve.positions, xLabel: "epoch", decimals: 4,
                                    latestLabel: what)]),
                .chart([SeriesModel(name: "accuracy", values: curve.accuracy.map { $0 * 100 }, positions: curve.positions,
                                    range: 0 ... 100, xLabel: "epoch", decimals: 2, unit: "%", latestLabel: what)]),
            ]))
        }
        if !epochResults.isEmpty { blocks.append(.code(epochTable(revealed: revealed)).essential) }
        blocks.append(.text("The same run from the shell: `\((run ?? settings.run(label: "training")).commandLine)`"))
        return PanelView(title: "Training: compile, fit, evaluate", blocks: blocks)
    }

    /// The settings, the selected one marked with `>`.
    var settingsList: String {
        TrainingSettings.Setting.allCases.map { s in
            let name = s == .trainSize ? "images" : s.name
            let value = settings.text(s)
            let pad = String(repeating: " ", count: max(1, 14 - name.count + 7 - value.count))
            return (s == selected ? "> " : "  ") + name + pad + value
        }.joined(separator: "\n")
    }

    /// `fit` on N images in batches of B: how many steps one epoch takes.
    var stepsLine: String {
        let steps = (settings.trainSize + settings.batchSize - 1) / settings.batchSize
        let waiting = phase.isRunning ? "Measuring the untrained model first… " : ""
        return "\(waiting)fit: \(settings.trainSize.formatted) images in batches of \(settings.batchSize) = \(steps.formatted) steps per epoch."
    }

    /// Beside the settings: what is happening and which keys do something now.
    var phaseText: String {
        var lines: [String] = []
        switch phase {
        case .ready: lines += ["**\(keys.start)** trains.", "**\(keys.next)** picks a setting, **\(keys.increase)** changes it."]
        case .running: lines.append("Training… **\(keys.stop)** stops.")
        case .finished(let stopped):
            let seconds = epochResults.reduce(0.0) { $0 + $1.log.seconds } + (stopped ? (batch?.seconds ?? 0) : 0)
            lines.append(stopped ? "Stopped after \(PanelNumber.fixed(seconds, 1)) s." : "Done in \(PanelNumber.fixed(seconds, 1)) s.")
            switch outcome?.decision {
            case .undecided?: lines.append("**\(keys.keep)** keep, **\(keys.discard)** discard")
            case .kept?: lines.append("Kept: the lessons now use them.")
            case .discarded?, nil: lines.append("**\(keys.start)** trains again.")
            }
            if let run, run != settings.run(label: run.label) { lines.append("(The settings changed since this run.)") }
        case .failed(let message): lines.append("Training failed: \(message)")
        }
        if let note { lines.append(note) }
        return lines.joined(separator: "\n")
    }

    /// The untrained loss, then the test evaluation (its accuracy hidden while the question is open).
    func resultsText(revealed: Bool, workbench: Workbench) -> String? {
        guard let initial else { return nil }
        var text = "Untrained test loss **\(PanelNumber.fixed(Double(initial.loss), 4))** (ln 10 = 2.3026)"
        if let outcome {
            let accuracy = revealed ? "**\(PanelNumber.percent(Double(outcome.test.accuracy), 2))**" : "?? (answer first)"
            text += "\nTrained test loss \(PanelNumber.fixed(Double(outcome.test.loss), 4)), accuracy \(accuracy)"
            if outcome.decision == .discarded { text += "\nDiscarded; the lessons keep \(workbench.trainedName)." }
        }
        return text
    }

    /// Per epoch: `fit`'s mean loss and accuracy (dropout on) and the test accuracy (dropout off).
    func epochTable(revealed: Bool) -> String {
        var lines = ["epoch  loss    accuracy  test accuracy"]
        for (log, test) in epochResults {
            let epoch = String(log.epoch)
            lines.append(String(repeating: " ", count: 5 - epoch.count) + epoch + "  " + PanelNumber.fixed(Double(log.loss), 4)
                         + "  " + PanelNumber.percent(Double(log.accuracy), 2).leftPadded(8)
                         + "  " + (revealed ? PanelNumber.percent(Double(test.accuracy), 2) : "??").leftPadded(8))
        }
        return lines.joined(separator: "\n")
    }

}
