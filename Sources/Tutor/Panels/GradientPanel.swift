import Foundation
import MNIST
import NeuralNet

/// Lesson 13: what a gradient is, one weight at a time. The learner picks a weight of the hidden layer
/// (a pixel with `h` `j` `k` `l` and a unit with `[` `]`) or of the output layer (`o`: a unit and a digit);
/// the panel measures the loss on a fixed batch (the first 32 training digits), the loss with that weight
/// nudged by ±h, the slope those two give, and the engine's back-propagated gradient beside it; then one
/// step of plain gradient descent and one of Adam on every weight, and the loss after each.
///
/// Everything comes from `GradientProbe` (the engine's `Sequential.gradients`, `Sequential.loss` and
/// `Adam`), computed once per model, weight and nudge (the workbench caches it).
public struct GradientPanel: LessonPanel {
    /// The batch: the first `batchSize` digits of the training set (or the test set).
    public var train: Bool
    public var batchSize: Int
    public var row: Int
    public var col: Int
    public var unit: Int
    /// In the output layer: the digit whose logit the weight feeds.
    public var digit = 0
    public var outputLayer = false
    /// h = 10^hExponent, from 10^-7 to 10^-1.
    public var hExponent = -3
    public var trainedModel: Bool

    public var dataNeeded: MNISTParts { train ? .train : .test }

    static let hRange = -7 ... -1

    public init(lesson: Lesson, workbench: Workbench) {
        train = lesson.options.usesTrainingSet
        batchSize = lesson.options.integer(.batch)
        row = lesson.options.integer(.row)
        col = lesson.options.integer(.col)
        unit = lesson.options.integer(.neuron)
        trainedModel = lesson.options.usesTrainedModel
    }

    public var h: Double { pow(10, Double(hExponent)) }

    public var weight: WeightChoice {
        WeightChoice(outputLayer ? .output(unit: unit, digit: digit) : .hidden(row: row, column: col, unit: unit))
    }

    public static let options: [LessonOption] = [.set, .batch, .row, .col, .neuron, .model]

    public enum Action: String, PanelName {
        case moveLeft = "move_left", moveDown = "move_down", moveUp = "move_up", moveRight = "move_right"
        case previousUnit = "previous_unit", nextUnit = "next_unit", toggleLayer = "toggle_layer"
        case smallerNudge = "smaller_nudge", largerNudge = "larger_nudge", toggleModel = "toggle_model"
    }

    public enum LiveValue: String, PanelName {
        case gradient, slope, loss
        case lossAfterSGD = "loss_after_sgd", lossAfterAdam = "loss_after_adam", agreeingDigits = "agreeing_digits"
    }

    public enum LiveText: String, PanelName {
        case weight, batch, model, h, direction
    }

    /// The slope, the direction and the digits they agree to all say which way the gradient points.
    public static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>] {
        switch value {
        case .gradient: [.value(.slope), .text(.direction), .value(.agreeingDigits)]
        case .slope, .loss, .lossAfterSGD, .lossAfterAdam, .agreeingDigits: []
        }
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        let units = workbench.model(trained: trainedModel).denseLayers[0].layer.units
        if outputLayer {
            // In the output layer the cursor picks the digit whose logit the weight feeds.
            switch action {
            case .moveLeft, .moveUp: digit = max(0, digit - 1); return []
            case .moveRight, .moveDown: digit = min(9, digit + 1); return []
            default: break
            }
        }
        switch action {
        case .moveLeft: col = max(0, col - 1)
        case .moveRight: col = min(27, col + 1)
        case .moveUp: row = max(0, row - 1)
        case .moveDown: row = min(27, row + 1)
        case .previousUnit: unit = Workbench.wrap(unit - 1, count: units)
        case .nextUnit: unit = Workbench.wrap(unit + 1, count: units)
        case .toggleLayer: outputLayer.toggle()
        case .smallerNudge: hExponent = max(Self.hRange.lowerBound, hExponent - 1)
        case .largerNudge: hExponent = min(Self.hRange.upperBound, hExponent + 1)
        case .toggleModel: trainedModel.toggle()
        }
        return []
    }

    /// With the panel focused (Tab), the arrows move the pixel (or the digit) too.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        switch key {
        case .left: perform(.moveLeft, workbench: workbench)
        case .right: perform(.moveRight, workbench: workbench)
        case .up: perform(.moveUp, workbench: workbench)
        case .down: perform(.moveDown, workbench: workbench)
        default: nil
        }
    }

    public var movesCursorWithArrows: Bool { true }

    /// `x_train[:32]`: the batch as Keras slices it.
    public var batchName: String { "\(train ? "x_train" : "x_test")[:\(batchSize)]" }

    /// The batch as the model reads it, with its labels.
    func batch(_ workbench: Workbench) -> (x: Tensor, labels: [Int]) {
        let n = min(batchSize, workbench.count(train: train))
        let x = Tensor(shape: [n, 784], scalars: workbench.images(train: train).floats(indices: 0 ..< n))
        return (x, workbench.labels(train: train).prefix(n).map(Int.init))
    }

    /// The measurements for the weight and nudge on screen (cached per model, batch, weight and h).
    public func probe(_ workbench: Workbench) -> Result<GradientProbe, TrainingError> {
        let key = "gradient/\(batchName)/\(outputLayer ? "o\(unit),\(digit)" : "h\(row),\(col),\(unit)")/\(hExponent)"
        return workbench.computed(key, trained: trainedModel) {
            let model = workbench.model(trained: trainedModel)
            let (x, labels) = batch(workbench)
            do {
                return .success(try GradientProbe(model: model, x: x, labels: labels, weight: weight, h: h))
            } catch let error as TrainingError {
                return .failure(error)
            } catch {
                return .failure(TrainingError(.unsupportedLayers, "\(error)"))
            }
        }
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        guard case .success(let p) = probe(workbench) else { return nil }
        switch value {
        case .gradient: return Double(p.gradient)
        case .slope: return p.slope
        case .loss: return p.loss
        case .lossAfterSGD: return Double(p.sgd.lossAfter)
        case .lossAfterAdam: return Double(p.adam.lossAfter)
        case .agreeingDigits: return Double(p.agreeingDigits)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.weight): return weight.name(workbench.model(trained: trainedModel))
        case .text(.batch): return batchName
        case .text(.model): return trainedModel ? "trained" : "untrained"
        case .text(.h): return Self.hText(hExponent)
        case .text(.direction):
            guard case .success(let p) = probe(workbench) else { return nil }
            return Self.direction(p.gradient)
        case .value(let value):
            guard let x = liveValue(value, workbench: workbench) else { return nil }
            switch value {
            case .gradient, .slope: return Self.scientific(x)
            case .loss, .lossAfterSGD, .lossAfterAdam: return PanelNumber.fixed(x, 6)
            case .agreeingDigits: return String(Int(x))
            }
        }
    }

    /// What the loss does when the weight grows a little, from the gradient's sign.
    static func direction(_ gradient: Float) -> String {
        gradient > 0 ? "up" : gradient < 0 ? "down" : "stays the same"
    }

    /// `+1.23457e-03`: six significant digits, so two numbers can be compared digit by digit.
    static func scientific(_ value: Double) -> String {
        value == 0 ? " 0 (exactly)" : String(format: "%+.5e", value)
    }

    /// `0.001`, `1e-07`.
    static func hText(_ exponent: Int) -> String {
        exponent >= -4 ? String(format: "%.\(-exponent)f", pow(10, Double(exponent))) : "1e-0\(-exponent)"
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let model = workbench.model(trained: trainedModel)
        let p: GradientProbe
        switch probe(workbench) {
        case .success(let probe): p = probe
        case .failure(let error): return PanelView(title: "What a gradient is", blocks: [.text("The engine cannot take this gradient: \(error.message)").essential])
        }
        let (x, _) = batch(workbench)
        let rows = x.rowCount
        let name = weight.name(model)
        let whereText: String
        if outputLayer {
            let fires = hiddenFiring(workbench, x: x)
            whereText = "hidden unit \(unit) → logit of digit \(digit); unit \(unit) fires for \(fires) of the \(rows) digits"
        } else {
            let inked = (0 ..< rows).filter { x.scalars[$0 * 784 + row * 28 + col] > 0 }.count
            whereText = "pixel (row \(row), col \(col)) → hidden unit \(unit); ink there in \(inked) of the \(rows) digits"
        }
        let facts = """
            **\(name)** = \(PanelNumber.signed(p.value, 5))
            \(whereText)
            \(trainedModel ? "trained" : "untrained") model, loss on \(batchName): **\(PanelNumber.fixed(p.loss, 6))**
            """
        var blocks: [PanelBlock] = [.text(facts).essential]
        let hText = Self.hText(hExponent)
        if !revealed {
            blocks.append(.text("Nudge it by ±\(hText): the losses, the slope and the gradient: \(PanelNumber.answerFirst)").essential)
            return PanelView(title: "What a gradient is", blocks: blocks)
        }
        func change(_ v: Double) -> String { String(format: "%+.3e", v - p.loss) }
        let table = [
            "nudge h = \(hText)   loss (double)   change",
            "w + h       " + PanelNumber.fixed(p.lossPlus, 9) + "  " + change(p.lossPlus),
            "w - h       " + PanelNumber.fixed(p.lossMinus, 9) + "  " + change(p.lossMinus),
            "slope (L+ - L-)/2h     " + Self.scientific(p.slope),
            "  same, float32 loss   " + Self.scientific(p.floatSlope),
            "backprop gradient      " + Self.scientific(Double(p.gradient)),
        ].joined(separator: "\n")
        blocks.append(.code(table).essential)
        let agree = p.gradient == 0 && p.slope == 0
            ? "Both exactly 0: this weight does not touch the loss on this batch."
            : p.agreeingDigits == 0
            ? "At h = \(hText) the slope misses the gradient (the loss bends, or a unit switches on or off, within ±h); the gradient says the loss goes **\(Self.direction(p.gradient))** as the weight grows."
            : "Slope and gradient agree to **\(p.agreeingDigits)** digits: the loss goes **\(Self.direction(p.gradient))** as the weight grows."
        blocks.append(.text(agree).essential)
        let steps = [
            "one step on all \(model.parameterCount.formatted) parameters:",
            "SGD  lr \(PanelNumber.short(Double(p.sgd.learningRate)))   w " + String(format: "%+.2e", Double(p.sgd.weightChange))
                + "  loss → " + PanelNumber.fixed(Double(p.sgd.lossAfter), 6),
            "Adam lr \(PanelNumber.short(Double(p.adam.learningRate)))  w " + String(format: "%+.2e", Double(p.adam.weightChange))
                + "  loss → " + PanelNumber.fixed(Double(p.adam.lossAfter), 6),
        ].joined(separator: "\n")
        blocks.append(.code(steps))
        if !outputLayer {
            let around = PixelValuesModel(image: Self.meanImage(x, label: "mean of \(batchName)"),
                                          top: row - 2, left: col - 3, rows: 5, columns: 7,
                                          highlight: PixelPosition(row: row, column: col))
            blocks.append(.row([.pixels(around), .text("The batch's mean ink (0-255) around the pixel (\(row), \(col)), highlighted.")]).extra)
        }
        return PanelView(title: "What a gradient is", blocks: blocks)
    }

    /// The batch's mean picture, as bytes (0-255).
    static func meanImage(_ x: Tensor, label: String) -> DigitImageModel {
        let rows = max(x.rowCount, 1)
        var sums = [Float](repeating: 0, count: x.rowSize)
        for b in 0 ..< x.rowCount {
            for i in 0 ..< x.rowSize { sums[i] += x.scalars[b * x.rowSize + i] }
        }
        let bytes: [UInt8] = sums.map { sum in
            let value: Float = (sum / Float(rows) * 255).rounded()
            return UInt8(min(max(value, 0), 255))
        }
        return DigitImageModel(pixels: bytes, label: label)
    }

    /// How many digits of the batch make hidden unit `unit` fire.
    func hiddenFiring(_ workbench: Workbench, x: Tensor) -> Int {
        let hidden = workbench.model(trained: trainedModel).denseLayers[0].layer
        let z = hidden.preActivations(x).scalars
        return (0 ..< x.rowCount).filter { hidden.activation(z[$0 * hidden.units + unit]) > 0 }.count
    }
}
