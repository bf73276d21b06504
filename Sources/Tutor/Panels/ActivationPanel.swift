import MNIST
import NeuralNet

/// Lesson 14: the article's model trained once per hidden activation (linear, relu, sigmoid, tanh), from
/// the same seed, for the same epochs, side by side (one run per core), with each run's test loss and
/// accuracy per epoch as curves; then a deeper untrained stack (`deep_layers` of `deep_units`) with
/// sigmoid and with relu, and the size of each layer's gradient at the start of training, as bars on a
/// logarithmic scale.
///
/// Each run is exactly one run of `mnist-tutor sweep --widths 128 --activations …` with the same settings
/// (the panel prints that command). The live values exist once every run went through all its epochs.
/// While the question is open, the linear run's test accuracy is hidden (the question asks for it).
public struct ActivationPanel: LessonPanel {
    public var epochs: Int
    public let trainSize: Int
    public let dropout: Double
    public let seed: Int
    public let activations: [Activation]
    /// The deeper stack whose gradients are compared.
    public let deepLayers: Int, deepUnits: Int
    public private(set) var runs = ExperimentRuns()
    /// Which part leads: the training curves or the deeper stack's gradients (`cycle_view`).
    public private(set) var showsGradients = false
    public private(set) var note: String?
    let startKey: String, stopKey: String, viewKey: String

    /// The gradients read the first training digits; the runs read both sets on the runner's thread.
    public var dataNeeded: MNISTParts { .train }

    /// Training digits the gradients are measured on (eight of `fit`'s batches of 32).
    public static let gradientDigits = 256
    /// The activations the deeper stack compares.
    public static let deepActivations: [Activation] = [.sigmoid, .relu]

    public init(lesson: Lesson, workbench: Workbench) {
        let options = lesson.options
        epochs = options.integer(.epochs)
        trainSize = options.integer(.trainSize)
        dropout = options.number(.dropout)
        seed = options.seed
        activations = options.words(.activations).compactMap(Activation.init(rawValue:))
        deepLayers = options.integer(.deepLayers)
        deepUnits = options.integer(.deepUnits)
        startKey = lesson.key(for: Action.start) ?? "start"
        stopKey = lesson.key(for: Action.stop) ?? "stop"
        viewKey = lesson.key(for: Action.cycleView) ?? "cycle_view"
    }

    public static let options: [LessonOption] = [.epochs, .trainSize, .dropout, .seed, .activations, .deepLayers, .deepUnits]

    public enum Action: String, PanelName {
        case start, stop, epochsUp = "epochs_up", epochsDown = "epochs_down", cycleView = "cycle_view"
    }

    public enum LiveValue: String, PanelName {
        case linearTestAccuracyPercent = "linear_test_accuracy_percent", bestTestAccuracyPercent = "best_test_accuracy_percent"
        case firstLayerGradientRatio = "first_layer_gradient_ratio"
    }

    public enum LiveText: String, PanelName {
        case epochs, command, deepStack = "deep_stack"
    }

    /// The runs' results exist once the learner has trained; the gradients are there from the start.
    public static var producedLater: [LiveValue] { [.linearTestAccuracyPercent, .bestTestAccuracyPercent] }

    /// One run per activation: the article's 128 units, Keras's batch size and Adam's learning rate.
    public var request: TrainingRequest {
        TrainingRequest(id: 0, runs: activations.map { activation in
            TrainingRun(label: activation.rawValue, epochs: epochs, batchSize: 32, dropout: Float(dropout), learningRate: 0.001,
                        seed: UInt64(seed), trainSize: trainSize, hidden: [128], activation: activation)
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
        case .cycleView:
            showsGradients.toggle()
        }
        return []
    }

    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] {
        runs.receive(update, note: &note)
        return []
    }

    /// The runs are complete and are for the epochs set now.
    var complete: Bool { runs.allCompleted && runs.records.allSatisfy { $0.run.epochs == epochs } }

    func record(_ activation: Activation) -> ExperimentRuns.Record? {
        runs.records.first { $0.run.activation == activation }
    }

    /// The run that reached the best test accuracy (the first of equals), once all are complete.
    var best: ExperimentRuns.Record? {
        guard complete else { return nil }
        return runs.records.max { $0.test!.accuracy < $1.test!.accuracy }
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        switch value {
        case .linearTestAccuracyPercent:
            guard complete, let test = record(.linear)?.test else { return nil }
            return Double(test.accuracy) * 100
        case .bestTestAccuracyPercent: return best.map { Double($0.test!.accuracy) * 100 }
        case .firstLayerGradientRatio:
            // How many times smaller the first hidden layer's gradient is with sigmoid than with relu.
            let sigmoid = gradients(.sigmoid, workbench: workbench), relu = gradients(.relu, workbench: workbench)
            guard let s = sigmoid.sizes.first, let r = relu.sizes.first, s > 0 else { return nil }
            return r / s
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.epochs): return "\(epochs) epoch\(epochs == 1 ? "" : "s")"
        case .text(.command): return command
        case .text(.deepStack): return deepStackWords
        case .value(let value) where value == .firstLayerGradientRatio:
            return liveValue(value, workbench: workbench).map { PanelNumber.fixed($0, 0) }
        case .value(let value): return liveValue(value, workbench: workbench).map { PanelNumber.fixed($0, 2) + "%" }
        }
    }

    public var predictionHint: String? {
        "Press \(startKey) to train the \(activations.count) models: your prediction is checked when all have finished."
    }

    /// The `mnist-tutor sweep` command that trains the same runs, with the same results.
    public var command: String { TrainingRun.sweepCommand(request.runs) ?? "" }

    /// "5 hidden layers of 64".
    var deepStackWords: String { "\(deepLayers) hidden layer\(deepLayers == 1 ? "" : "s") of \(deepUnits)" }

    /// The deeper stack with `activation`, as the sweep's `--layers` builds it.
    func deepArchitecture(_ activation: Activation) -> Architecture {
        Architecture(hidden: Array(repeating: deepUnits, count: deepLayers), activation: activation, dropoutRate: Float(dropout))
    }

    func gradients(_ activation: Activation, workbench: Workbench) -> LayerGradients {
        workbench.layerGradients(deepArchitecture(activation), seed: UInt64(seed), count: Self.gradientDigits)
    }

    // MARK: View

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let names = activations.map(\.rawValue).joined(separator: ", ")
        var blocks: [PanelBlock] = [
            .text("\(names): 128 units each, \(epochs) epoch\(epochs == 1 ? "" : "s") on \(trainSize.formatted) images, seed \(seed), "
                  + "\(min(ParallelRuns.coreCount, activations.count)) at a time."),
        ]
        if let status = runs.status(startKey: startKey, stopKey: stopKey, what: "the \(activations.count) models") {
            blocks.append(.text(status).essential)
        }
        if let progress = runs.progress { blocks.append(.progress(progress).essential) }
        if !runs.records.isEmpty { blocks.append(.code(table(revealed: revealed)).essential) }
        if let summary = summary(revealed: revealed) { blocks.append(.text(summary).essential) }
        if let note { blocks.append(.text(note).essential) }
        let curves = charts(revealed: revealed).map { $0.with(showsGradients ? .extra : .useful) }
        let deep = gradientBlocks(workbench: workbench).map { $0.with(showsGradients ? .essential : .extra) }
        blocks += showsGradients ? deep + curves : curves + deep
        blocks.append(PanelBlock.text("The same runs from the shell: `\(command)`").extra)
        let title = showsGradients ? "Vanishing gradients: \(deepLayers)x\(deepUnits)" : "Activations: none, relu, sigmoid, tanh"
        return PanelView(title: title, blocks: blocks)
    }

    /// Per activation: epochs done, the last test loss and accuracy (linear's accuracy hidden until answered).
    func table(revealed: Bool) -> String {
        func row(_ cells: [String]) -> String {
            OverfittingPanel.padRight(cells[0], 8) + zip(cells.dropFirst(), [6, 9, 10]).map { $0.leftPadded($1) }.joined()
        }
        var lines = [row(["", "epochs", "loss", "test acc"])]
        let bestActivation = revealed ? best?.run.activation : nil
        for r in runs.records {
            let name = r.run.activation.rawValue
            let done = "\(r.epochs.count)/\(r.run.epochs)"
            guard let test = r.test ?? r.tests.last else {
                lines.append(row([name, done, "–", "–"]))
                continue
            }
            let hidden = r.run.activation == .linear && !revealed
            lines.append(row([name, done, PanelNumber.fixed(Double(test.loss), 4), hidden ? "??" : PanelNumber.percent(Double(test.accuracy), 2)])
                         + (r.run.activation == bestActivation ? " best" : ""))
        }
        return lines.joined(separator: "\n")
    }

    func summary(revealed: Bool) -> String? {
        guard complete else { return nil }
        guard let linear = record(.linear)?.test else { return nil }
        guard revealed else { return "The linear model's accuracy stays hidden until you answer the question." }
        var text = "Without an activation: **\(PanelNumber.percent(Double(linear.accuracy), 2))** on the test digits"
        if let best, best.run.activation != .linear {
            let gain = Double(best.test!.accuracy - linear.accuracy) * 100
            text += "; \(best.run.activation.rawValue) reached \(PanelNumber.percent(Double(best.test!.accuracy), 2)), \(PanelNumber.fixed(gain, 2)) points more"
        }
        return text + "."
    }

    /// Test loss and accuracy per epoch, from the untrained model (epoch 0); linear's accuracy only once answered.
    func charts(revealed: Bool) -> [PanelBlock] {
        let measured = runs.records.filter { !$0.lossCurve.isEmpty }
        guard !measured.isEmpty else { return [] }
        let loss = measured.map { r in
            SeriesModel(name: r.run.activation.rawValue, values: r.lossCurve, positions: r.curvePositions, xLabel: "epoch", decimals: 3)
        }
        let accuracy = measured.filter { revealed || $0.run.activation != .linear }.map { r in
            SeriesModel(name: r.run.activation.rawValue, values: r.accuracyCurve.map { $0 * 100 }, positions: r.curvePositions,
                        xLabel: "epoch", decimals: 2, unit: "%")
        }
        var charts = [PanelBlock.chart(loss, minHeight: 7, title: "Test loss per epoch")]
        if !accuracy.isEmpty {
            charts.append(.chart(accuracy, minHeight: 7, title: revealed ? "Test accuracy (%) per epoch" : "Test accuracy (%) per epoch, linear hidden"))
        }
        return [.row(charts)]
    }

    /// The deeper stack, untrained: mean |gradient| per weight of each layer, sigmoid beside relu, one scale.
    func gradientBlocks(workbench: Workbench) -> [PanelBlock] {
        let all = Self.deepActivations.map { ($0, gradients($0, workbench: workbench)) }
        let decades = BarChartModel.Scale.decades(all.flatMap(\.1.sizes))
        let bars = all.map { activation, g in
            PanelBlock.bars(BarChartModel(values: g.sizes.map(Float.init), labels: g.labels, scale: .logarithmic(decades: decades),
                                          title: "\(activation.rawValue): layer 1 (pixels) … out"))
        }
        var lines = "\(deepStackWords), untrained: mean |gradient| per weight, layer by layer, on the first "
            + "\(Self.gradientDigits) training digits (bars: log scale, 1e\(decades.lowerBound) to 1e\(decades.upperBound))."
        if let ratio = liveValue(.firstLayerGradientRatio, workbench: workbench) {
            lines += " Layer 1 gets a gradient \(PanelNumber.fixed(ratio, 0))x smaller with sigmoid than with relu."
        }
        let shrink = all.map { activation, g in "\(Int(g.lastToFirst.rounded()).formatted)x with \(activation.rawValue)" }
        lines += " From the output layer back to layer 1 it shrinks " + shrink.joined(separator: ", ") + "."
        return [.text(lines), .row(bars)]
    }
}
