import Dispatch
import NeuralNet
import Testing
@testable import Tutor

/// Lesson 16's panel on the real test set: the confusion matrix of the current trained model, the
/// cursor, the cell's digits in order of confidence, and the classification computed in the background
/// (a "coming" state, keys never waiting).
@Suite("Mistakes panel")
struct MistakesPanelTests {
    let wb = ReplayWorkbench.workbench

    static var lesson: Lesson { ReplayWorkbench.lessons.first { $0.panel.name == "mistakes" }! }

    func ready() -> MistakesPanel {
        let panel = MistakesPanel(lesson: Self.lesson, workbench: wb)
        wb.settle()
        return panel
    }

    @Test("the pretrained model's confusion matrix sums to 10,000 with 9,774 on the diagonal, read from the panel's live values")
    func pretrainedMatrix() throws {
        let panel = ready()
        #expect(panel.liveValue("test_count", workbench: wb) == 10_000)
        #expect(panel.liveValue("correct_count", workbench: wb) == 9_774)
        #expect(panel.liveValue("mistake_count", workbench: wb) == 226)
        #expect(panel.liveValue("accuracy_percent", workbench: wb) == 97.74)
        let table = try #require(panel.liveTable("confusion", workbench: wb))
        #expect(table.count == 10 && table.allSatisfy { $0.count == 10 })
        let total: Double = table.joined().reduce(0, +)
        let diagonal: Double = (0 ..< 10).map { (d: Int) -> Double in table[d][d] }.reduce(0, +)
        #expect(total == 10_000)
        #expect(diagonal == 9_774)
        // Each row holds that digit's test examples.
        let labels = wb.labels(train: false)
        for d in 0 ..< 10 {
            let row: Double = table[d].reduce(0, +)
            #expect(row == Double(labels.filter { Int($0) == d }.count))
        }
        // The most confused cell, as the `confusion` command reports it.
        let top = try #require(PairAnswer(table: table).top)
        #expect(panel.liveValue("most_confused_count", workbench: wb) == top.count)
        #expect(panel.liveText("most_confused", workbench: wb) == "\(top.row) taken for \(top.column)")
        #expect(panel.liveValue("accuracy_percent", workbench: wb) == wb.testEvaluation(trained: true).map { (Double($0.accuracy) * 10_000).rounded() / 100 })
    }

    @Test("h j k l move the cursor and stop at the edges; ] and [ go through the cell's digits and wrap")
    func cursorAndBrowsing() throws {
        var panel = ready()
        _ = panel.perform(actionNamed: "move_left", workbench: wb)
        _ = panel.perform(actionNamed: "move_up", workbench: wb)
        #expect((panel.row, panel.column) == (0, 0))
        for _ in 0 ..< 4 { _ = panel.perform(actionNamed: "move_down", workbench: wb) }
        for _ in 0 ..< 12 { _ = panel.perform(actionNamed: "move_right", workbench: wb) }
        #expect((panel.row, panel.column) == (4, 9))
        let cell = try #require(panel.liveValue("cell_count", workbench: wb))
        let list = panel.examples(wb)
        #expect(Double(list.count) == cell && cell > 1)
        let labels = wb.labels(train: false)
        let c = try #require(wb.testClassification())
        for i in list { #expect(labels[i] == 4 && c.predictions[i] == 9) }
        #expect(panel.shownIndex(wb) == list[0])
        _ = panel.perform(actionNamed: "next_mistake", workbench: wb)
        #expect(panel.shownIndex(wb) == list[1])
        _ = panel.perform(actionNamed: "previous_mistake", workbench: wb)
        _ = panel.perform(actionNamed: "previous_mistake", workbench: wb)
        #expect(panel.shownIndex(wb) == list.last)
        // Moving to another cell starts at its first digit.
        _ = panel.perform(actionNamed: "move_left", workbench: wb)
        #expect(panel.position == 0)
    }

    @Test("s orders the cell by confidence: surest first, least sure first, test-set order")
    func sorting() throws {
        var panel = ready()
        _ = panel.perform(actionNamed: "move_down", workbench: wb)
        _ = panel.perform(actionNamed: "move_down", workbench: wb)
        for _ in 0 ..< 7 { _ = panel.perform(actionNamed: "move_right", workbench: wb) }  // 2 taken for 7
        let c = try #require(wb.testClassification())
        let surest = panel.examples(wb)
        #expect(zip(surest, surest.dropFirst()).allSatisfy { c.confidence($0) >= c.confidence($1) })
        _ = panel.perform(actionNamed: "sort_mistakes", workbench: wb)
        #expect(panel.order == .leastConfident)
        let least = panel.examples(wb)
        #expect(zip(least, least.dropFirst()).allSatisfy { c.confidence($0) <= c.confidence($1) })
        _ = panel.perform(actionNamed: "sort_mistakes", workbench: wb)
        #expect(panel.examples(wb) == surest.sorted())
        _ = panel.perform(actionNamed: "sort_mistakes", workbench: wb)
        #expect(panel.order == .mostConfident)
        // The text says how sure: the prediction's probability and the true digit's, from the engine.
        let shown = panel.view(workbench: wb, revealed: true).plainText
        let first = surest[0]
        #expect(shown.contains("x_test[\(first)], 7 at \(PanelNumber.percent(Double(c.probabilities(of: first)[7]), 1))"))
        #expect(shown.contains("logits, probabilities:") && shown.contains("probability"))
    }

    @Test("the logits shown are the model's own for the digit, and their softmax is the probabilities shown")
    func logitsAgree() throws {
        var panel = ready()
        _ = panel.perform(actionNamed: "move_right", workbench: wb)
        _ = panel.perform(actionNamed: "move_down", workbench: wb)
        _ = panel.perform(actionNamed: "move_down", workbench: wb)  // 2 taken for 1
        let index = try #require(panel.shownIndex(wb))
        let z = panel.logits(wb, index: index)
        let p = Softmax.probabilities(z)
        let c = try #require(wb.testClassification())
        for (a, b) in zip(p, c.probabilities(of: index)) { #expect(abs(a - b) < 1e-5) }
        #expect(z.indices.max { z[$0] < z[$1] } == 1)
    }

    @Test("while the question is open the heat map hides the counts off the diagonal, and the answer")
    func hiddenUntilAnswered() throws {
        let panel = ready()
        let view = panel.view(workbench: wb, revealed: false)
        let map = try #require(view.leaves.compactMap { if case .heatmap(let m) = $0.content { m } else { nil } }.first)
        #expect(map.hidesOffDiagonal)
        #expect(!view.plainText.contains("taken for 5, 11"))
        #expect(view.plainText.contains("Most confused: ?? (answer first)"))
        let shown = panel.view(workbench: wb, revealed: true)
        #expect(shown.plainText.contains("Most confused: 3 taken for 5, 11 times"))
    }

    @Test("the classification runs in the background: the panel says it is coming, its keys work meanwhile, then it shows")
    func comingThenReady() throws {
        let (fresh, release, lesson) = try ReplayWorkbench.gated(lesson: "mistakes")
        var panel = MistakesPanel(lesson: lesson, workbench: fresh)
        #expect(fresh.testClassification() == nil)
        #expect(panel.view(workbench: fresh, revealed: false).plainText.contains("Classifying the 10,000 test digits"))
        #expect(panel.liveValue("correct_count", workbench: fresh) == nil)
        _ = panel.perform(actionNamed: "move_right", workbench: fresh)
        _ = panel.perform(actionNamed: "next_mistake", workbench: fresh)
        _ = panel.perform(actionNamed: "sort_mistakes", workbench: fresh)
        #expect((panel.row, panel.column, panel.order) == (0, 1, .leastConfident))
        #expect(panel.tick(workbench: fresh) == false)
        release.signal()
        fresh.settle()
        #expect(panel.tick(workbench: fresh) == true, "the tick that sees the result redraws")
        #expect(panel.tick(workbench: fresh) == false)
        #expect(panel.liveValue("correct_count", workbench: fresh) == 9_774)
    }

    @Test("the classification is one of the workbench's background jobs: it waits at the same gate as the others")
    func classificationWaitsAtTheBackgroundGate() throws {
        let fresh = Workbench(loader: wb.loader, trained: wb.trained, trainedName: "the pretrained model")
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        fresh.backgroundGate.withLock { $0 = { started.signal(); release.wait() } }
        #expect(fresh.testClassification() == nil)
        #expect(started.wait(timeout: .now() + 30) == .success, "the classification never reached the background gate")
        #expect(fresh.testClassification() == nil, "held at the gate")
        release.signal()
        fresh.settle()
        #expect(fresh.testClassification()?.confusion.correct == 9_774)
        #expect(fresh.testClassificationFailure == nil)
    }

    @Test("a classification started for a model replaced before it finished is dropped; the next ask classifies the new model")
    func staleClassificationDropped() throws {
        let (fresh, release, _) = try ReplayWorkbench.gated(lesson: "mistakes")
        #expect(fresh.testClassification() == nil)  // started for the pretrained model, held at the gate
        fresh.setTrained(Sequential.article(seed: 3), name: "an untrained model")
        release.signal()
        fresh.settle()
        #expect(fresh.testClassification() == nil, "the pretrained model's result is not the new model's")
        release.signal()  // the new model's job, held at the same gate
        fresh.settle()
        let untrained = try #require(fresh.testClassification())
        #expect(untrained.confusion.correct != 9_774)
        let evaluation = try Sequential.article(seed: 3).evaluate(wb.images(train: false), wb.labels(train: false))
        #expect(untrained.confusion.correct == Int((evaluation.accuracy * Float(evaluation.count)).rounded()))
    }

    @Test("test digits that cannot be read: no crash; the panel says why instead of saying the map is coming")
    func classificationFails() throws {
        let folder = try FolderWithoutTestFiles()
        defer { folder.remove() }
        let broken = folder.workbench
        var panel = MistakesPanel(lesson: Self.lesson, workbench: broken)
        broken.settle()
        #expect(broken.testClassification() == nil)
        let failure = try #require(broken.testClassificationFailure)
        // The screen showed "coming" until now: the failure redraws it once, and only once.
        let first = panel.tick(workbench: broken), second = panel.tick(workbench: broken)
        #expect(first, "the failure arrived, and the screen must say why")
        #expect(!second)
        let shown = panel.view(workbench: broken, revealed: true).plainText
        #expect(shown.contains("The test digits cannot be classified: \(failure)"), "\(shown)")
        #expect(!shown.contains("comes in a moment"))
    }

    @Test("keeping another model starts a new classification for it")
    func newModel() throws {
        let fresh = Workbench(loader: wb.loader, trained: wb.trained, trainedName: "the pretrained model")
        _ = fresh.testClassification()
        fresh.settle()
        #expect(fresh.testClassification()?.confusion.correct == 9_774)
        fresh.setTrained(Sequential.article(seed: 3), name: "an untrained model")
        #expect(fresh.testClassification() == nil)
        fresh.settle()
        let untrained = try #require(fresh.testClassification())
        #expect(untrained.confusion.total == 10_000)
        let evaluation = try Sequential.article(seed: 3).evaluate(wb.images(train: false), wb.labels(train: false))
        #expect(untrained.confusion.correct == Int((evaluation.accuracy * Float(evaluation.count)).rounded()))
    }
}
