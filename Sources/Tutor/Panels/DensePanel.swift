import Foundation
import MNIST
import NeuralNet

/// Lesson 5: one of the hidden layer's 128 neurons. Its 784 weights drawn as a 28x28 picture (one weight
/// per pixel), its bias, and `z = w·x + b` worked out for the current digit: the largest products, the
/// sum, the bias, and the engine's own `trace.preActivations[neuron]` beside it to show they agree.
///
/// The picture maps weights symmetrically around 0 so that 0 is mid-gray: byte = 127.5 + 127.5 · w / m,
/// with m the neuron's largest |w|: a full shade is the most positive weight ("ink here pushes me up"),
/// no shade the most negative one, half a shade a weight of 0 (the panel prints m, so this reads the
/// same on light and dark terminals). `+` / `-` step through the neurons, `u` compares with the
/// untrained model (Glorot-uniform noise, bias 0).
public struct DensePanel: LessonPanel {
    public var cursor: DigitCursor
    public var dataNeeded: MNISTParts { cursor.dataNeeded }
    public var neuron: Int
    public var trainedModel: Bool

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        neuron = lesson.options.integer(.neuron)
        trainedModel = lesson.options.usesTrainedModel
    }

    /// The hidden `Dense(128, activation: .relu)` layer of the current model.
    public func layer(_ workbench: Workbench) -> Dense { workbench.model(trained: trainedModel).denseLayers[0].layer }

    public static let options: [LessonOption] = [.digit, .set, .neuron, .model]

    public enum Action: String, PanelName {
        case previousNeuron = "previous_neuron", nextNeuron = "next_neuron"
        case previousDigit = "previous_digit", nextDigit = "next_digit", toggleModel = "toggle_model"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        let units = layer(workbench).units
        switch action {
        case .nextNeuron: neuron = Workbench.wrap(neuron + 1, count: units)
        case .previousNeuron: neuron = Workbench.wrap(neuron - 1, count: units)
        case .toggleModel: trainedModel.toggle()
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        }
        return []
    }

    /// `w·x + b` for the selected neuron and the current digit, with the products that contribute most.
    public struct WorkedSum: Equatable, Sendable {
        /// One product `x · w` of the sum: which pixel, its value and its weight.
        public struct Term: Equatable, Sendable {
            public var index: Int
            public var x: Float
            public var w: Float
            public var product: Float { x * w }
        }
        /// The products with the largest magnitude, largest first.
        public var largest: [Term]
        /// How many pixels are not 0 (the only ones that contribute).
        public var nonzeroInputs: Int
        /// `Σ x·w` over all 784 inputs.
        public var products: Float
        public var bias: Float
        /// The bias plus every product, added in pixel order as the engine does.
        public var z: Float
    }

    public func workedSum(_ workbench: Workbench, terms: Int = 3) -> WorkedSum {
        let dense = layer(workbench)
        let w = dense.weights(ofUnit: neuron)
        let x = workbench.input(train: cursor.train, index: cursor.index)
        let b = dense.bias(ofUnit: neuron)
        var z = b, products: Float = 0
        for i in x.indices where x[i] != 0 {
            z += x[i] * w[i]
            products += x[i] * w[i]
        }
        let largest = x.indices.filter { x[$0] != 0 }
            .sorted { abs(x[$0] * w[$0]) > abs(x[$1] * w[$1]) }
            .prefix(terms).map { WorkedSum.Term(index: $0, x: x[$0], w: w[$0]) }
        return WorkedSum(largest: largest, nonzeroInputs: x.filter { $0 != 0 }.count, products: products, bias: b, z: z)
    }

    public enum LiveValue: String, PanelName {
        case weightsPerNeuron = "weights_per_neuron", parametersPerNeuron = "parameters_per_neuron"
        case preActivation = "pre_activation", bias, glorotLimit = "glorot_limit"
    }

    public enum LiveText: String, PanelName {
        case digit, neuron
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        let dense = layer(workbench)
        switch value {
        case .weightsPerNeuron: return Double(dense.inputSize)
        // Each neuron's share of the layer's parameters: its weights and its one bias.
        case .parametersPerNeuron: return Double(dense.parameterCount / dense.units)
        case .preActivation: return Double(workedSum(workbench).z)
        case .bias: return Double(dense.bias(ofUnit: neuron))
        case .glorotLimit: return Self.glorotLimit(dense)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.neuron): return "\(neuron)"
        case .value(let value) where value == .preActivation || value == .bias:
            return liveValue(value, workbench: workbench).map { PanelNumber.signed($0, 3) }
        case .value(.glorotLimit): return PanelNumber.fixed(Self.glorotLimit(layer(workbench)), 3)
        case .value(let value): return liveValue(value, workbench: workbench).map { Int($0).formatted }
        }
    }

    /// Keras's Glorot-uniform limit for this layer's kernel: the starting weights are drawn evenly from
    /// -limit ... +limit, limit = sqrt(6 / (inputs + units)) (0.081 for 784 inputs and 128 units).
    static func glorotLimit(_ dense: Dense) -> Double {
        (6.0 / Double(dense.inputSize + dense.units)).squareRoot()
    }

    /// The weights as bytes, symmetric around 0: 0 maps to 127.5 (mid-gray), ±m to 0 and 255.
    public static func weightImage(_ weights: [Float]) -> (pixels: [UInt8], largest: Float) {
        let m = max(weights.map(abs).max() ?? 0, 1e-12)
        return (weights.map { UInt8((127.5 + 127.5 * Double($0 / m)).rounded().clamped(0, 255)) }, m)
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let dense = layer(workbench)
        let w = dense.weights(ofUnit: neuron)
        let picture = Self.weightImage(w)
        let side = workbench.model(trained: trainedModel).inputShape.last ?? 28
        let largest = PanelNumber.signed(picture.largest, 2), smallest = PanelNumber.signed(-picture.largest, 2)
        let image = DigitImageModel(rows: w.count / side, columns: side, pixels: picture.pixels, label: "neuron \(neuron)'s weights",
                                    shades: "0 = weight \(smallest), 128 = weight 0, 255 = weight \(largest)")
        let perNeuron = dense.parameterCount / dense.units
        let facts = """
            **neuron \(neuron)** of \(dense.units)
            \(trainedModel ? "trained" : "untrained ±" + (liveText("glorot_limit", workbench: workbench) ?? ""))
            \(cursor.arrayName)[\(cursor.index)] (\(cursor.digit(workbench).label))
            \(dense.inputSize) weights
            + 1 bias
            = \(revealed ? "**\(perNeuron)**" : "??") to learn
            b \(PanelNumber.signed(dense.bias(ofUnit: neuron), 3))
            shade = weight:
            full  \(largest)
            half   0
            empty \(smallest)
            """
        let sum = workedSum(workbench)
        let trace = workbench.trace(trained: trainedModel, train: cursor.train, index: cursor.index)
        let fromEngine = trace.preActivations[neuron]
        // The products largest in size first, whatever their sign; x is the byte over 255, written as such
        // so that 254/255 × w is not mistaken for 1.00 × w.
        let bytes = cursor.digit(workbench).pixels
        var lines = ["largest |x·w| (row,col) x × w = x·w"]
        for term in sum.largest {
            let place = "(\(term.index / side),\(term.index % side))".leftPadded(7)
            lines.append(" \(place) \(bytes[term.index])/255 × \(PanelNumber.signed(term.w, 4)) = \(PanelNumber.signed(term.product, 4))")
        }
        let agree = abs(sum.z - fromEngine) <= 1e-4 * max(1, abs(fromEngine))
        let total = ["z = \(PanelNumber.signed(sum.z, 3)); the engine gets \(PanelNumber.signed(fromEngine, 3)) \(agree ? "(same)" : "(DIFFERS)")"]
        return PanelView(title: "Dense: one neuron", blocks: [
            .row([.digit(image, large: true).essential, .text(facts).essential]),
            .code(lines.joined(separator: "\n")),
            // The sum the neuron computes: the lesson's point, so it stays when the products go.
            .code(total.joined(separator: "\n")).essential,
        ])
    }
}

extension Double {
    func clamped(_ lower: Double, _ upper: Double) -> Double { Swift.min(upper, Swift.max(lower, self)) }
}
