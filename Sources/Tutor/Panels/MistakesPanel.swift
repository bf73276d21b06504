import MNIST
import NeuralNet

/// Lesson 16: what the trained model gets wrong. The confusion matrix of the current trained model
/// (the pretrained one, or the learner's own kept in lesson 10) on the 10,000 test digits, as a heat
/// map with its counts; a cursor on one cell (`h` `j` `k` `l`, or the arrows with the panel
/// focused); and that cell's digits, browsed one at a time (`[` `]`) with the image, the ten
/// probabilities and the ten logits, ordered by how sure the model was (`s`).
///
/// The classification of the whole test set runs in the background (`Workbench.testClassification`):
/// until it is done the panel says it is coming, and every key still works. The question asks for the
/// most frequent confusion, so while it is open the heat map hides the counts off the diagonal.
public struct MistakesPanel: LessonPanel {
    /// The selected cell: row = the true digit, column = the prediction.
    public var row = 0
    public var column = 0
    /// The digit shown, as a position in the selected cell's list.
    public var position = 0
    public var order: Classification.Order = .mostConfident
    /// Whether the classification, or why it failed, was there at the last tick (a change redraws the screen).
    var shownReady = false

    public var dataNeeded: MNISTParts { [.test] }

    public init(lesson: Lesson, workbench: Workbench) {
        _ = workbench.testClassification()  // start it now: the learner reads the text first
    }

    static let classes = 10

    public static let options: [LessonOption] = []
    /// The classification of all 10,000 test digits.
    public static let wholeSetStatistics = true

    public enum Action: String, PanelName {
        case moveLeft = "move_left", moveDown = "move_down", moveUp = "move_up", moveRight = "move_right"
        case previousMistake = "previous_mistake", nextMistake = "next_mistake", sortMistakes = "sort_mistakes"
    }

    public enum LiveValue: String, PanelName {
        case testCount = "test_count", correctCount = "correct_count", mistakeCount = "mistake_count"
        case accuracyPercent = "accuracy_percent", mostConfusedCount = "most_confused_count"
        case mostConfusedTrue = "most_confused_true", mostConfusedPredicted = "most_confused_predicted"
        case cellCount = "cell_count"
    }

    /// `confusion` is also the live table the question's pair answer is judged against; as text it
    /// is that table's answer in words ("3 taken for 5, 11 times").
    public enum LiveText: String, PanelName {
        case model, cell, mostConfused = "most_confused", confusion
    }

    public static let liveTables = ["confusion"]

    public static func givesAway(table name: String) -> [LiveName<LiveValue, LiveText>] {
        name == "confusion" ? [.text(.mostConfused), .text(.confusion), .value(.mostConfusedCount), .value(.mostConfusedTrue),
                               .value(.mostConfusedPredicted)] : []
    }

    /// Every value is computed from the classification, which arrives in the background a moment after
    /// the panel opens (`Workbench.settle()` waits for it); none needs the learner to produce it.
    public static var producedLater: [LiveValue] { [] }
    public static var backgroundValues: [LiveName<LiveValue, LiveText>] {
        LiveValue.allCases.map { .value($0) } + [.text(.mostConfused), .text(.confusion)]
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .moveLeft: select(row, column - 1)
        case .moveRight: select(row, column + 1)
        case .moveUp: select(row - 1, column)
        case .moveDown: select(row + 1, column)
        case .previousMistake: step(-1, workbench)
        case .nextMistake: step(1, workbench)
        case .sortMistakes:
            let all = Classification.Order.allCases
            order = all[(all.firstIndex(of: order)! + 1) % all.count]
            position = 0
        }
        return []
    }

    /// Moves the cursor (it stops at the edges) and starts the new cell at its first digit.
    mutating func select(_ r: Int, _ c: Int) {
        let (r, c) = (min(max(r, 0), Self.classes - 1), min(max(c, 0), Self.classes - 1))
        if (r, c) != (row, column) { position = 0 }
        (row, column) = (r, c)
    }

    /// The next or previous digit of the cell, wrapping around.
    mutating func step(_ delta: Int, _ workbench: Workbench) {
        let count = examples(workbench).count
        guard count > 0 else { return }
        position = ((position + delta) % count + count) % count
    }

    /// With the panel focused (Tab), the arrows move the cursor too.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        switch key {
        case .left: return perform(.moveLeft, workbench: workbench)
        case .right: return perform(.moveRight, workbench: workbench)
        case .up: return perform(.moveUp, workbench: workbench)
        case .down: return perform(.moveDown, workbench: workbench)
        default: return nil
        }
    }

    public var movesCursorWithArrows: Bool { true }

    /// Redraws once when the classification arrives.
    public mutating func tick(workbench: Workbench) -> Bool {
        let ready = workbench.testClassification() != nil || workbench.testClassificationFailure != nil
        defer { shownReady = ready }
        return ready != shownReady
    }

    /// The question asked for the most frequent confusion: put the cursor on it.
    public mutating func questionClosed(workbench: Workbench) {
        if let worst = workbench.testClassification()?.confusion.mostConfused { select(worst.label, worst.predicted) }
    }

    public var predictionHint: String? { "It is checked as soon as the 10,000 test digits are classified." }

    // MARK: What it computes

    /// The selected cell's digits (indices into the test set), in the chosen order; empty while the
    /// classification is coming.
    public func examples(_ workbench: Workbench) -> [Int] {
        workbench.testClassification()?.examples(label: row, predicted: column, order: order) ?? []
    }

    /// The digit shown: its index in the test set, if the cell has any.
    public func shownIndex(_ workbench: Workbench) -> Int? {
        let list = examples(workbench)
        return list.isEmpty ? nil : list[min(position, list.count - 1)]
    }

    /// `model(x_test[i:i+1])`: the trained model's ten logits for test digit `index`.
    public func logits(_ workbench: Workbench, index: Int) -> [Float] {
        let model = workbench.trained
        let x = Tensor(shape: [1] + model.inputShape, scalars: workbench.input(train: false, index: index))
        return model(x).row(0)
    }

    /// "3 taken for 5", or "4 read as 4" on the diagonal.
    static func cellName(_ r: Int, _ c: Int) -> String { r == c ? "\(r) read as \(r)" : "\(r) taken for \(c)" }

    static func times(_ n: Int) -> String { "\(n.formatted) time\(n == 1 ? "" : "s")" }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        guard let c = workbench.testClassification() else { return nil }
        let m = c.confusion
        switch value {
        case .testCount: return Double(m.total)
        case .correctCount: return Double(m.correct)
        case .mistakeCount: return Double(m.total - m.correct)
        case .accuracyPercent: return (m.accuracy * 10_000).rounded() / 100
        case .mostConfusedCount: return m.mostConfused.map { Double($0.count) }
        case .mostConfusedTrue: return m.mostConfused.map { Double($0.label) }
        case .mostConfusedPredicted: return m.mostConfused.map { Double($0.predicted) }
        case .cellCount: return Double(m.counts[row][column])
        }
    }

    public func liveTable(_ name: String, workbench: Workbench) -> [[Double]]? {
        guard name == "confusion", let c = workbench.testClassification() else { return nil }
        return c.confusion.counts.map { $0.map(Double.init) }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.model): return workbench.trainedName
        case .text(.cell): return Self.cellName(row, column)
        case .text(.mostConfused):
            return workbench.testClassification()?.confusion.mostConfused.map { Self.cellName($0.label, $0.predicted) }
        case .text(.confusion):
            return workbench.testClassification()?.confusion.mostConfused.map {
                Self.cellName($0.label, $0.predicted) + ", " + Self.times($0.count)
            }
        case .value(.accuracyPercent): return liveValue(.accuracyPercent, workbench: workbench).map { PanelNumber.fixed($0, 2) }
        case .value(let value): return liveValue(value, workbench: workbench).map { Int($0).formatted }
        }
    }

    // MARK: What it shows

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let title = "What the model gets wrong"
        if let failure = workbench.testClassificationFailure {
            return PanelView(title: title, blocks: [.text("The test digits cannot be classified: \(failure)").essential])
        }
        guard let c = workbench.testClassification() else {
            return PanelView(title: title, blocks: [
                .text("Classifying the 10,000 test digits with \(workbench.trainedName)… the heat map comes in a moment; every key works meanwhile.").essential,
            ])
        }
        let m = c.confusion
        let wrong = m.total - m.correct
        var summary = "\(workbench.trainedName.capitalizedFirst) on the \(m.total.formatted) test digits: "
            + "\(m.correct.formatted) right (\(PanelNumber.percent(m.accuracy, 2))), \(wrong.formatted) wrong. "
        if !revealed {
            summary += "Most confused: \(PanelNumber.answerFirst)."
        } else if let worst = m.mostConfused {
            summary += "Most confused: **\(Self.cellName(worst.label, worst.predicted))**, \(Self.times(worst.count))."
        }
        let map = HeatMapModel(counts: m.counts, selected: (row, column), hidesOffDiagonal: !revealed)
        let cell = cellBlocks(c, workbench: workbench, revealed: revealed)
        var blocks: [PanelBlock] = [.text(summary).essential, .heatmap(map).essential, cell.line]
        if let digit = cell.digit, let bars = cell.bars { blocks.append(.row([digit, bars])) }
        return PanelView(title: title, blocks: blocks)
    }

    /// The selected cell in words; the digit shown; its logits with their probabilities (none for an empty cell).
    func cellBlocks(_ c: Classification, workbench: Workbench, revealed: Bool)
        -> (line: PanelBlock, digit: PanelBlock?, bars: PanelBlock?) {
        let list = c.examples(label: row, predicted: column, order: order)
        let hidden = !revealed && row != column
        let count = hidden ? "??" : list.count.formatted
        let what = row == column ? "right answers" : "mistakes"
        var line = "**\(Self.cellName(row, column))**: \(count) \(what)"
        guard !list.isEmpty else {
            return (.text(line + ". Nothing to browse here; move to another cell."), nil, nil)
        }
        let index = list[min(position, list.count - 1)]
        let p = c.probabilities(of: index)
        let orderWords: String
        switch order {
        case .mostConfident: orderWords = "surest first"
        case .leastConfident: orderWords = "least sure first"
        case .index: orderWords = "in test-set order"
        }
        line += ", \(orderWords). #\(min(position, list.count - 1) + 1) of \(count): x_test[\(index)], "
            + "\(column) at \(PanelNumber.percent(Double(p[column]), 1))"
            + (row == column ? "." : ", the true \(row) at \(PanelNumber.percent(Double(p[row]), 1)).")
        let pixels = workbench.images(train: false)[index]
        // The line above names the digit, so the picture goes without its label.
        let digit = DigitImageModel(mnist: pixels)
        let z = logits(workbench, index: index)
        return (.text(line), .digit(digit, large: true),
                .bars(BarChartModel(values: z, scale: .signed, highlighted: column, title: "logits, probabilities", probabilities: p)))
    }
}

extension String {
    /// The first letter in upper case: "the pretrained model" -> "The pretrained model".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
