import Dispatch
import NeuralNet
import Testing
@testable import Tutor

@Suite struct SparsityPanelTests {
    let wb = ReplayWorkbench.workbench

    @Test func zeroUnitsAreTheTracesExactZeros() throws {
        var state = ReplayWorkbench.state(at: "sparsity")
        for index in 0 ..< 3 {
            let t = wb.trace(trained: true, train: false, index: index)
            let zeros = t.hiddenOutputs.filter { $0 == 0 }.count
            #expect(state.live("zero_units") == Double(zeros))
            #expect(state.live("active_units") == Double(128 - zeros))
            state.type("]")
        }
    }

    @Test func uSwitchesTheModel() throws {
        var state = ReplayWorkbench.state(at: "sparsity")
        state.type("u")
        #expect(!(try #require(state.panel as? SparsityPanel)).trainedModel)
        let untrained = wb.trace(trained: false, train: false, index: 0)
        #expect(state.live("zero_units") == Double(untrained.zeroCount))
        #expect(untrained.hiddenOutputs != wb.trace(trained: true, train: false, index: 0).hiddenOutputs)
        wb.settle()  // the untrained model's pass over the test set, started by u
        #expect(state.live("never_firing_units") == Double(wb.sparsity(trained: false).neverFiring.count))
    }

    @Test("the pass over the test set runs in the background: the text says (not measured yet), the answer's digit view and keys work, then one redraw")
    func comingThenReady() throws {
        let (fresh, release, lesson) = try ReplayWorkbench.gated(lesson: "sparsity")
        var panel = SparsityPanel(lesson: lesson, workbench: fresh)
        #expect(panel.liveValue(.meanActiveUnits, workbench: fresh) == nil)
        #expect(panel.liveValue(.zeroUnits, workbench: fresh) != nil, "this digit's count needs no pass over the set")
        #expect(panel.view(workbench: fresh, revealed: true).plainText.contains("its 128 ReLU outputs"))
        _ = panel.perform(actionNamed: "cycle_view", workbench: fresh)
        #expect(panel.view(workbench: fresh, revealed: true).plainText.contains("Measuring all 10,000 test digits"))
        #expect(panel.tick(workbench: fresh) == false)
        release.signal()
        fresh.settle()
        #expect(panel.tick(workbench: fresh) == true, "the tick that sees the statistics redraws")
        #expect(panel.tick(workbench: fresh) == false)
        #expect(panel.liveText(.value(.meanActiveUnits), workbench: fresh) == PanelNumber.fixed(wb.sparsity(trained: true).meanActive, 1))
    }

    @Test("one path and one cache per statistic: what the synchronous accessor computed is ready at once in the background accessor, and the reverse")
    func oneCacheForBothAccessors() throws {
        let (fresh, release, _) = try ReplayWorkbench.gated(lesson: "sparsity")
        let stats = fresh.sparsity(trained: false, seed: 4)
        let readyAtOnce = fresh.readySparsity(trained: false, seed: 4) == stats  // (a Bool: a failure need not print 10,000 counts)
        #expect(readyAtOnce, "computed already: no second pass, no 'coming'")
        let evaluation = try #require(fresh.testEvaluation(trained: false, seed: 4))
        #expect(fresh.readyTestEvaluation(trained: false, seed: 4) == evaluation, "computed already: no second pass, no 'coming'")
        // The background pass computes from the model it is given, into the same cache.
        #expect(fresh.readySparsity(trained: false, seed: 5) == nil)
        for _ in 0 ..< 3 { release.signal() }  // the one job held here (and those a missed cache would have started)
        fresh.settle()
        let background = try #require(fresh.readySparsity(trained: false, seed: 5))
        let test = wb.part(.test)
        let same = fresh.sparsity(trained: false, seed: 5) == background
            && background == SparsityStatistics(model: Sequential.article(seed: 5), images: test.images, labels: test.labels)
        #expect(same)
    }

    @Test func hidesThisDigitsCountUntilAnswered() {
        var state = ReplayWorkbench.state(at: "sparsity")
        let zeros = wb.trace(trained: true, train: false, index: 0).zeroCount
        #expect(state.shown.contains("Exactly 0: ?? (answer first)"))
        #expect(!state.shown.contains("exactly zero"))
        state.type("\(zeros)")
        state.press(.enter)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains("Exactly 0: \(zeros) of 128"))
        #expect(state.shown.contains("Still 101,770 parameters"))
    }

    @Test func vCyclesFourViewsOverTheTestSet() throws {
        var state = ReplayWorkbench.state(at: "sparsity")
        state.press(.escape)
        let stats = wb.sparsity(trained: true)
        #expect(stats.zeroCounts.count == 10_000)
        state.type("v")
        #expect(state.shown.contains("== Sparsity: histogram =="))
        #expect(state.shown.contains("active units per digit, 10,000 test digits"))
        #expect(state.shown.contains("trained: \(PanelNumber.fixed(128 - stats.meanZeros, 1)) of 128 units active on average"))
        #expect(state.shown.contains("fewest \(128 - stats.zeroCounts.max()!), most \(128 - stats.zeroCounts.min()!)"))
        let histogram = state.panel.view(workbench: wb, revealed: true)
        guard case .histogram(let bins) = histogram.blocks[0].content else { Issue.record("expected a histogram"); return }
        #expect(bins.total == 10_000)
        state.type("v")
        #expect(state.shown.contains("== Sparsity: per class =="))
        let view = state.panel.view(workbench: wb, revealed: true)
        guard case .bars(let bars) = view.blocks[0].content else { Issue.record("expected bars"); return }
        #expect(bars.values.count == 10)
        #expect(bars.highlighted == wb.digit(train: false, index: 0).label)
        state.type("v")
        #expect(state.shown.contains("== Sparsity: never firing =="))
        let untrained = wb.sparsity(trained: false)
        #expect(state.shown.contains("never firing" + String(untrained.neverFiring.count).leftPadded(14)))
        #expect(state.live("never_firing_units") == Double(stats.neverFiring.count))
        state.type("v")
        #expect(state.shown.contains("== Sparsity: this digit =="))
    }
}
