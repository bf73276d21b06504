import Foundation
import MNIST
import NeuralNet

/// Lesson 9: what `model(x_train[:1])` returns, and how softmax turns it into probabilities — one step
/// per `space`: the logits (raw scores, any sign), then e to the power of each (after subtracting the
/// largest, as the engine's softmax does, so nothing overflows), then divided by their sum
/// (probabilities that add up to 1), then the argmax and the loss for this digit's label.
///
/// The untrained model (seed `seed`, Glorot-uniform weights; `i` draws new ones) and the trained model
/// are shown side by side at every step: untrained, the probabilities are roughly a tenth each (not flat) and the loss is
/// near ln 10 ≈ 2.30; trained, one digit takes almost everything.
public struct LogitsPanel: LessonPanel {
    public enum Step: Int, CaseIterable, Sendable {
        case logits, exponentials, probabilities, argmax
    }

    public var cursor: DigitCursor
    public var dataNeeded: MNISTParts { cursor.dataNeeded }
    /// The model the live values describe (the lesson starts on the untrained one).
    public var trainedModel: Bool
    public var seed: UInt64
    public var step: Step

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        trainedModel = lesson.options.usesTrainedModel
        seed = UInt64(lesson.options.seed)
        step = .logits
    }

    public static let options: [LessonOption] = [.digit, .set, .model, .seed]

    public enum Action: String, PanelName {
        case previousDigit = "previous_digit", nextDigit = "next_digit", reinitialize, nextStep = "next_step"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .reinitialize: seed &+= 1
        case .nextStep: step = Step(rawValue: (step.rawValue + 1) % Step.allCases.count)!
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        }
        return []
    }

    /// `model(x[i:i+1])` for the untrained (`trained: false`) or trained model: the batch-of-one call the
    /// article makes, through the engine's inference path (dropout passes values unchanged).
    public func logits(_ workbench: Workbench, trained: Bool) -> [Float] {
        let model = workbench.model(trained: trained, seed: seed)
        let x = Tensor(shape: [1] + model.inputShape, scalars: workbench.input(train: cursor.train, index: cursor.index))
        return model(x).row(0)
    }

    /// Softmax of the logits, by the engine.
    public func probabilities(_ workbench: Workbench, trained: Bool) -> [Float] {
        Softmax.probabilities(logits(workbench, trained: trained))
    }

    /// Keras's loss (`SparseCategoricalCrossentropy(from_logits=True)`) over the first `count` digits of
    /// the current set, e.g. `x_train[:100]`: one digit's loss depends on luck, the mean shows the start
    /// near ln 10 for the untrained model.
    public func meanLoss(_ workbench: Workbench, trained: Bool, count: Int = 100) -> Float {
        workbench.meanLoss(trained: trained, seed: seed, train: cursor.train, count: count)
    }

    /// The question asks how large the largest probability is: show the probabilities.
    public mutating func questionClosed(workbench: Workbench) {
        if step.rawValue < Step.probabilities.rawValue { step = .probabilities }
    }

    public enum LiveValue: String, PanelName {
        case maxProbability = "max_probability", minProbability = "min_probability"
        case probabilitySum = "probability_sum", predictedDigit = "predicted_digit"
    }

    public enum LiveText: String, PanelName {
        case digit, seed
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        switch value {
        case .maxProbability: return probabilities(workbench, trained: trainedModel).max().map(Double.init)
        case .minProbability: return probabilities(workbench, trained: trainedModel).min().map(Double.init)
        case .probabilitySum: return probabilities(workbench, trained: trainedModel).reduce(0) { $0 + Double($1) }
        case .predictedDigit: return Double(argmax(logits(workbench, trained: trainedModel)))
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.seed): return "\(seed)"
        case .value(let value) where value == .maxProbability || value == .minProbability:
            return liveValue(value, workbench: workbench).map { Self.probability($0) }
        case .value(.probabilitySum): return liveValue(.probabilitySum, workbench: workbench).map { PanelNumber.fixed($0, 3) }
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    /// A probability as the panel writes it: `0.194`.
    static func probability(_ p: Double) -> String { PanelNumber.fixed(p, 3) }

    /// The bars for one model at the current step, and one line of numbers under them.
    func column(_ z: [Float], trained: Bool, label: Int, hideLargest: Bool) -> (PanelBlock, String) {
        let name = trained ? "trained" : "untrained (seed \(seed))"
        let largest = z.max() ?? 0
        let e = z.map { expf($0 - largest) }
        let total = e.reduce(0, +)
        let p = Softmax.probabilities(z)
        switch step {
        case .logits:
            return (.bars(BarChartModel(values: z, scale: .signed, title: name)),
                    "\(name): \(PanelNumber.signed(z.min() ?? 0, 2))…\(PanelNumber.signed(largest, 2))")
        case .exponentials:
            // 1 / this sum is the largest probability, so it stays hidden with it.
            return (.bars(BarChartModel(values: e, scale: .signed, title: name)),
                    "\(name): sum \(hideLargest ? "??" : PanelNumber.fixed(total, 3))")
        case .probabilities, .argmax:
            if hideLargest {
                return (.text("\(name): probabilities \(PanelNumber.answerFirst)"), "\(name): largest ??")
            }
            let best = argmax(p)
            let sum = p.reduce(0) { $0 + Double($1) }
            let range = Self.probability(Double(p.min() ?? 0)) + "–" + Self.probability(Double(p.max() ?? 0))
            let detail = step == .argmax
                ? "argmax \(best), loss \(PanelNumber.fixed(-log(Double(max(p[label], 1e-30))), 2))"
                : "\(range), sum \(PanelNumber.fixed(sum, 3))"
            return (.bars(BarChartModel(values: p, scale: .probability, highlighted: best, title: name)), "\(name): \(detail)")
        }
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let label = cursor.digit(workbench).label
        // The question asks about the largest probability of the lesson's model (untrained in lesson 9).
        let untrainedLogits = logits(workbench, trained: false), trainedLogits = logits(workbench, trained: true)
        let left = column(untrainedLogits, trained: false, label: label, hideLargest: !revealed && !trainedModel)
        let right = column(trainedLogits, trained: true, label: label, hideLargest: !revealed && trainedModel)
        let explain: String
        switch step {
        case .logits:
            let slice = cursor.index == 0 ? ":1" : "\(cursor.index):\(cursor.index + 1)"
            explain = "1/4 `model(\(cursor.arrayName)[\(slice)])`: \(cursor.arrayName)[\(cursor.index)], label \(label): 10 logits, raw scores of any sign, not probabilities. Untrained: random, like its weights (Glorot uniform)."
        case .exponentials:
            explain = "2/4 e^(z − max z) for each: all positive. Subtracting the largest first keeps e^z from overflowing and changes no ratio."
        case .probabilities:
            explain = "3/4 each divided by the sum: softmax. Between 0 and 1, summing to 1: smallest–largest below."
        case .argmax:
            let classes = (trainedModel ? trainedLogits : untrainedLogits).count
            let untrained = PanelNumber.fixed(meanLoss(workbench, trained: false), 2)
            let trained = PanelNumber.fixed(meanLoss(workbench, trained: true), 2)
            explain = "4/4 the prediction is the largest (argmax). Loss = −ln p[label]; a guess among \(classes) gives ln \(classes) ≈ \(PanelNumber.fixed(log(Double(classes)), 2)). Mean over \(cursor.arrayName)[:100]: \(untrained) untrained, \(trained) trained."
        }
        // The lesson's model's column holds the answer; the other model's is there to compare.
        return PanelView(title: "Logits → softmax", blocks: [
            .text(explain).essential,
            .row([left.0.with(trainedModel ? .useful : .essential), right.0.with(trainedModel ? .essential : .useful)]),
            .code(left.1 + "\n" + right.1),
        ])
    }
}
