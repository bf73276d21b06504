import Foundation
import MNIST
import NeuralNet

/// Lesson 17: what each of the 128 hidden units looks for. A unit's 784 input weights drawn as a 28x28
/// picture, positive and negative weights in two colours; a page of four units at a time (the units that
/// never fire on the test set marked `dead`); for the selected unit its picture large and the test digits
/// that excite it most (the largest weighted sums over the 10,000 test digits, `UnitResponses`, computed
/// once per model and cached by the workbench).
public struct NeuronsPanel: LessonPanel {
    public var unit: Int
    public var trainedModel: Bool
    /// The statistics run over the test set.
    public var dataNeeded: MNISTParts { .test }

    /// Units per page: four 14x14 thumbnails fill a line of a 120-column terminal's panel, so a page shows
    /// whole beside the selected unit's picture from 120x40 up.
    public static let pageSize = 4
    /// Test digits kept for each unit (the most exciting first); the picture shows the first four.
    public static let exemplars = 8

    /// Whether the last frame showed the responses (`tick` redraws once when they arrive).
    var shownReady = false

    public init(lesson: Lesson, workbench: Workbench) {
        unit = lesson.options.integer(.neuron)
        trainedModel = lesson.options.usesTrainedModel
        _ = readyResponses(workbench)  // start the pass over the test digits now: the learner reads the text first
    }

    func hidden(_ workbench: Workbench) -> Dense { workbench.model(trained: trainedModel).denseLayers[0].layer }

    public static let options: [LessonOption] = [.neuron, .model]
    /// Every unit's responses to all 10,000 test digits.
    public static let wholeSetStatistics = true
    /// Every live value, and the best match's unit and digit, come from the responses (`readyResponses`).
    public static var backgroundValues: [LiveName<LiveValue, LiveText>] {
        LiveValue.allCases.map { .value($0) } + [.text(.bestMatchUnit), .text(.bestMatchDigit)]
    }

    public enum Action: String, PanelName {
        case previousUnit = "previous_unit", nextUnit = "next_unit", previousPage = "previous_page", nextPage = "next_page"
        case toggleModel = "toggle_model"
    }

    public enum LiveValue: String, PanelName {
        case neverFiringUnits = "never_firing_units", digitLikeUnits = "digit_like_units"
        case bestMatchCorrelation = "best_match_correlation", topActivation = "top_activation"
    }

    public enum LiveText: String, PanelName {
        case unit, model
        case bestMatchUnit = "best_match_unit", bestMatchDigit = "best_match_digit"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        let units = hidden(workbench).units
        switch action {
        case .previousUnit: unit = Workbench.wrap(unit - 1, count: units)
        case .nextUnit: unit = Workbench.wrap(unit + 1, count: units)
        case .previousPage: unit = Workbench.wrap(unit - Self.pageSize, count: units)
        case .nextPage: unit = Workbench.wrap(unit + Self.pageSize, count: units)
        case .toggleModel:
            trainedModel.toggle()
            _ = readyResponses(workbench)  // start the other model's pass now
        }
        return []
    }

    /// The units on the selected unit's page, in order.
    public static func page(of unit: Int, units: Int) -> Range<Int> {
        let first = unit / pageSize * pageSize
        return first ..< min(units, first + pageSize)
    }

    /// Every unit's top test digits and best digit match (cached per model), or nil while a background
    /// thread computes them: a pass over all 10,000 test digits (about 40 ms) that the first frame does not
    /// wait for. Until then the panel says they are coming, and its live values are nil.
    public func readyResponses(_ workbench: Workbench) -> UnitResponses? {
        workbench.computedInBackground(Self.responsesKey, trained: trainedModel, parts: .test) { model in
            let test = try workbench.loader.part(.test)
            return UnitResponses(model: model, images: test.images, labels: test.labels, k: Self.exemplars)
        }
    }

    static let responsesKey = "neurons/test"

    /// Why the pass over the test digits failed for the current model (the test digits could not be read), if it did.
    public func failure(_ workbench: Workbench) -> String? {
        workbench.backgroundFailure(Self.responsesKey, trained: trainedModel)
    }

    /// Redraws once when the responses arrive, or the pass failed (or when `u` switched to a model whose are
    /// still coming).
    public mutating func tick(workbench: Workbench) -> Bool {
        let ready = readyResponses(workbench) != nil || failure(workbench) != nil
        defer { shownReady = ready }
        return ready != shownReady
    }

    /// `readyResponses`, waiting for them (plain text and tests); throws `ResponsesFailed`, saying why, when
    /// the pass over the test digits failed.
    public func responses(_ workbench: Workbench) throws(ResponsesFailed) -> UnitResponses {
        if let ready = readyResponses(workbench) { return ready }
        workbench.settle()
        if let ready = readyResponses(workbench) { return ready }
        // Not there after the jobs settled: the pass failed, or its model was replaced meanwhile.
        throw ResponsesFailed(model: trainedModel ? "trained" : "untrained",
                              reason: failure(workbench) ?? "the model changed while it ran; ask again")
    }

    /// The units' responses to the test digits could not be measured.
    public struct ResponsesFailed: Error, CustomStringConvertible {
        public let model: String
        public let reason: String
        public var description: String { "the \(model) model's units could not be measured on the test digits: \(reason)" }
    }

    /// The units no test digit makes fire, from the same pass as the responses (the sparsity statistics
    /// find the same units, `NeuronsPanelTests` checks; a second pass over the set cost the first frame ~40 ms).
    static func neverFiring(_ r: UnitResponses) -> Set<Int> {
        Set(r.firing.indices.filter { r.firing[$0] == 0 })
    }

    /// The unit whose picture is most like a digit's average, with its match.
    func bestMatch(_ r: UnitResponses) -> (unit: Int, digit: Int, correlation: Double) {
        let unit = r.bestMatch.indices.max { r.bestMatch[$0].correlation < r.bestMatch[$1].correlation } ?? 0
        return (unit, r.bestMatch[unit].digit, r.bestMatch[unit].correlation)
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        guard let r = readyResponses(workbench) else { return nil }
        switch value {
        case .neverFiringUnits: return Double(Self.neverFiring(r).count)
        case .digitLikeUnits: return Double(r.digitLikeUnits.count)
        case .bestMatchCorrelation: return bestMatch(r).correlation
        case .topActivation: return r.top[unit].first.map { Double($0.sum) }
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.unit): return "\(unit)"
        case .text(.model): return trainedModel ? "trained" : "untrained"
        case .text(.bestMatchUnit): return readyResponses(workbench).map { "\(bestMatch($0).unit)" }
        case .text(.bestMatchDigit): return readyResponses(workbench).map { "\(bestMatch($0).digit)" }
        case .value(.bestMatchCorrelation): return readyResponses(workbench).map { PanelNumber.fixed(bestMatch($0).correlation, 2) }
        case .value(.topActivation): return liveValue(.topActivation, workbench: workbench).map { PanelNumber.signed($0, 2) }
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    /// A weight picture: bytes around 128 (0 for the most negative weight, 255 for the most positive),
    /// drawn signed; `half` averages 2x2 blocks into a 14x14 thumbnail.
    static func picture(_ weights: [Float], side: Int, half: Bool, label: String?, shades: Bool) -> DigitImageModel {
        var values = weights
        var size = side
        if half {
            size = side / 2
            values = (0 ..< size * size).map { k in
                let r = k / size * 2, c = k % size * 2
                return (weights[r * side + c] + weights[r * side + c + 1] + weights[(r + 1) * side + c] + weights[(r + 1) * side + c + 1]) / 4
            }
        }
        let (pixels, largest) = DensePanel.weightImage(values)
        let legend = shades ? "0 = weight \(PanelNumber.signed(-largest, 2)), 128 = weight 0, 255 = weight \(PanelNumber.signed(largest, 2))" : nil
        return DigitImageModel(rows: size, columns: size, pixels: pixels, label: label, shades: legend, signed: true)
    }

    /// Four test digits, each halved to 14x14 (2x2 means), as one 28x28 picture: the first two on top.
    static func mosaic(_ digits: [[UInt8]], label: String) -> DigitImageModel {
        var pixels = [UInt8](repeating: 0, count: 784)
        for (k, digit) in digits.prefix(4).enumerated() {
            let top = k / 2 * 14, left = k % 2 * 14
            for r in 0 ..< 14 {
                for c in 0 ..< 14 {
                    let sum = Int(digit[2 * r * 28 + 2 * c]) + Int(digit[2 * r * 28 + 2 * c + 1])
                        + Int(digit[(2 * r + 1) * 28 + 2 * c]) + Int(digit[(2 * r + 1) * 28 + 2 * c + 1])
                    pixels[(top + r) * 28 + left + c] = UInt8(sum / 4)
                }
            }
        }
        return DigitImageModel(pixels: pixels, label: label)
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let dense = hidden(workbench)
        if let failure = failure(workbench) {
            return PanelView(title: "What each neuron looks for", blocks: [
                .text("The units cannot be measured on the test digits: \(failure)").essential,
            ])
        }
        guard let r = readyResponses(workbench) else {
            return PanelView(title: "What each neuron looks for", blocks: [
                .text("Measuring every unit on the 10,000 test digits (its top digits, how often it fires, which digit's average picture it resembles); the numbers appear in a moment. The keys work meanwhile.").essential,
            ])
        }
        let dead = Self.neverFiring(r)
        let side = workbench.model(trained: trainedModel).inputShape.last ?? 28
        let units = dense.units
        let page = Self.page(of: unit, units: units)
        let pages = (units + Self.pageSize - 1) / Self.pageSize
        let model = trainedModel ? "trained" : "untrained"
        let fires = dead.contains(unit)
            ? "never fires on the \(r.count.formatted) test digits (dead)"
            : "fires on \(r.firing[unit].formatted) of \(r.count.formatted) test digits"
        let match = r.bestMatch[unit]
        let best = bestMatch(r)
        let matchText = revealed
            ? "most like the average \(match.digit): r = \(PanelNumber.fixed(match.correlation, 2)). \(r.digitLikeUnits.count) of \(units) units reach r ≥ 0.5; the closest, unit \(best.unit), \(PanelNumber.fixed(best.correlation, 2)) with the \(best.digit)s"
            : "how much like a digit: \(PanelNumber.answerFirst)"
        let weights = dense.weights(ofUnit: unit)
        let largest = weights.map(abs).max() ?? 0
        let facts = """
            **unit \(unit)** of \(units), \(model) model, page \(page.lowerBound / Self.pageSize + 1) of \(pages); bias \(PanelNumber.signed(dense.bias(ofUnit: unit), 3))
            \(fires); \(matchText)
            """
        let legend = "orange (+): weight > 0, ink there raises the sum; blue (-): < 0, lowers it; black: near 0; deepest ±\(PanelNumber.fixed(largest, 2))"
        var blocks: [PanelBlock] = [.text(facts).essential]
        let test = workbench.images(train: false)
        let top = r.top[unit]
        let digits = Self.mosaic(top.prefix(4).map { Array(test[$0.index]) },
                                 label: "top 4: " + top.prefix(4).map { "\($0.label)" }.joined(separator: " "))
        if revealed {
            blocks.append(.text(legend).essential)
            let large = Self.picture(weights, side: side, half: false, label: "unit \(unit)'s 784 weights", shades: true)
            // The page's four small pictures (8 rows, the current unit marked >) come first: at 80x24 with Tab they
            // are what fits under the text, so even the smallest window shows what the units look for. The large
            // picture and the top digits (15 rows) follow where there is room (from 100x30 up), and are the first
            // thing a smaller window leaves out.
            blocks.append(.row(page.map { u in
                let mark = (u == unit ? ">" : "") + "\(u)" + (dead.contains(u) ? " dead" : "")
                return .digit(Self.picture(dense.weights(ofUnit: u), side: side, half: true, label: mark, shades: true), large: false)
            }))
            blocks.append(.row([.digit(large, large: true), .digit(digits, large: true)]))
        } else {
            blocks.append(.row([.text("The weight pictures appear once you answer the question. Beside: the test digits that excite this unit most.").essential,
                                .digit(digits, large: true)]))
        }
        let sums = top.prefix(4).map { "x_test[\($0.index)] \(PanelNumber.signed($0.sum, 1))" }.joined(separator: ", ")
        let deadList = dead.sorted().map(String.init).joined(separator: ", ")
        blocks.append(.text("Top w·x + b: \(sums). Dead: \(dead.isEmpty ? "none" : deadList) (\(dead.count) of \(units)).").extra)
        return PanelView(title: "What each neuron looks for", blocks: blocks)
    }
}
