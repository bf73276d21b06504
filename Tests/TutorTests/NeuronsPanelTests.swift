import Dispatch
import NeuralNet
import Testing
@testable import Tutor

/// Lesson 17's measurements: the top test digits of each unit, the pages, the never-firing marks and the
/// digit-likeness of the weight pictures.
@Suite("Lesson 17: what each neuron looks for")
struct NeuronsPanelTests {
    let wb = ReplayWorkbench.workbench

    /// The panel's responses for the trained model (computed once and cached by the workbench).
    var responses: UnitResponses {
        get throws { try NeuronsPanel(lesson: ReplayWorkbench.lessons.first { $0.id == "neurons" }!, workbench: wb).responses(wb) }
    }

    @Test("the top digits of a unit are the test digits with the largest sums, checked against the trace")
    func topDigitsAreTheMostExciting() throws {
        let r = try responses
        #expect(r.count == 10_000 && r.top.count == 128 && r.top.allSatisfy { $0.count == NeuronsPanel.exemplars })
        // Each list is sorted, and its sums are what the trace computes for those digits.
        for unit in [0, 17, 127] {
            let top = r.top[unit]
            #expect(zip(top, top.dropFirst()).allSatisfy { $0.sum >= $1.sum })
            for e in top.prefix(3) {
                #expect(wb.trace(trained: true, train: false, index: e.index).preActivations[unit] == e.sum)
                #expect(e.label == Int(wb.labels(train: false)[e.index]))
            }
        }
        // No digit outside the list beats its smallest: checked over the whole test set for one unit,
        // with the same forward pass.
        let unit = 17
        let hidden = wb.trained.denseLayers[0].layer
        let images = wb.images(train: false)
        let z = hidden.preActivations(Tensor(shape: [images.count, 784], scalars: images.floats(indices: 0 ..< images.count))).scalars
        let sums = (0 ..< images.count).map { z[$0 * 128 + unit] }
        let best = sums.indices.sorted { sums[$0] > sums[$1] || (sums[$0] == sums[$1] && $0 < $1) }.prefix(NeuronsPanel.exemplars)
        #expect(Array(best) == r.top[unit].map(\.index))
        #expect(r.firing[unit] == sums.filter { $0 > 0 }.count)
    }

    @Test("units that never fire are the sparsity statistics' never-firing units, with no digit making them fire")
    func neverFiring() throws {
        let r = try responses
        let dead = wb.sparsity(trained: true).neverFiring
        #expect(!dead.isEmpty)
        for unit in dead {
            #expect(r.firing[unit] == 0)
            #expect(r.top[unit].allSatisfy { $0.sum <= 0 })
        }
        #expect(r.firing.indices.filter { r.firing[$0] == 0 } == dead)
    }

    @Test("pages of four: unit 13 is on page 4 (units 12-15); the last page ends at 127; a short last page")
    func pages() {
        #expect(NeuronsPanel.page(of: 13, units: 128) == 12 ..< 16)
        #expect(NeuronsPanel.page(of: 127, units: 128) == 124 ..< 128)
        #expect(NeuronsPanel.page(of: 5, units: 6) == 4 ..< 6)
    }

    @Test("correlation: 1 for the same shape, -1 for its negative, 0 against a constant")
    func correlation() {
        let a: [Double] = [0, 1, 2, 3, 9]
        #expect(abs(UnitResponses.correlation(a, a.map { 2 * $0 + 1 }) - 1) < 1e-12)
        #expect(abs(UnitResponses.correlation(a, a.map { -$0 }) + 1) < 1e-12)
        #expect(UnitResponses.correlation(a, [4, 4, 4, 4, 4]) == 0)
    }

    @Test("a signed weight picture: 0 is mid-way (128), the largest weight 255, its negative 0; halving averages 2x2")
    func pictures() {
        var w = [Float](repeating: 0, count: 784)
        w[0] = 0.5
        w[1] = -0.5
        let full = NeuronsPanel.picture(w, side: 28, half: false, label: nil, shades: true)
        #expect(full.signed && full.pixels[0] == 255 && full.pixels[1] == 0 && full.pixels[2] == 128)
        let half = NeuronsPanel.picture(w, side: 28, half: true, label: nil, shades: false)
        #expect(half.rows == 14 && half.pixels[0] == 128)  // +0.5 and -0.5 average to 0
        #expect(DigitImageModel.signedLevel(255) == (5, false) && DigitImageModel.signedLevel(0) == (5, true))
    }

    @Test("replay: pictures hidden until answered; keys step units and pages; u switches the model")
    func replay() throws {
        var s = ReplayWorkbench.state(at: "neurons")
        wb.settle()  // the pass over the test digits (`comingThenReady` checks the screen before it)
        #expect(s.shown.contains("The weight pictures appear once you answer"))
        #expect(!s.shown.contains("unit 0's 784 weights"))
        s.type("c")
        s.press(.enter)
        #expect(s.question.verdict == .correct)
        let r = try responses
        #expect(s.question.feedback?.contains("\(r.digitLikeUnits.count) of 128 units correlate 0.5 or more") == true, "\(s.question.feedback ?? "")")
        #expect(s.shown.contains("unit 0's 784 weights"))
        s.type("lj")
        #expect(try #require(s.panel as? NeuronsPanel).unit == 5)
        #expect(s.shown.contains("unit 5 of 128, trained model, page 2 of 32"))
        // The page: units 4-7, the selected one marked, dead ones named.
        let dead = Set(wb.sparsity(trained: true).neverFiring)
        for u in 4 ... 7 {
            #expect(s.shown.contains("14x14 picture, " + (u == 5 ? ">" : "") + "\(u)" + (dead.contains(u) ? " dead" : "") + ";"))
        }
        s.type("kkh")
        #expect(try #require(s.panel as? NeuronsPanel).unit == 124)
        s.type("u")
        #expect(!(try #require(s.panel as? NeuronsPanel)).trainedModel)
        wb.settle()  // the untrained model's pass
        #expect(s.shown.contains("untrained model"))
    }

    @Test("the lesson's answer holds for the pretrained model: no picture correlates 0.5 with a digit's average, yet each has some shape")
    func noPictureIsADigit() throws {
        let r = try responses
        let correlations = r.bestMatch.map(\.correlation).sorted()
        #expect(r.digitLikeUnits.isEmpty, "\(r.digitLikeUnits)")
        // Not noise either: the trained pictures correlate with some digit far more than the untrained ones do.
        let untrained = UnitResponses(model: wb.model(trained: false), images: wb.images(train: false), labels: wb.labels(train: false), k: 1)
        let untrainedBest = untrained.bestMatch.map(\.correlation).max()!
        #expect(correlations.last! > untrainedBest, "trained \(correlations.last!) vs untrained \(untrainedBest)")
    }

    @Test("Tab then arrows: ← → the previous/next unit, ↑ ↓ the previous/next page")
    func arrowsStepUnitsAndPages() throws {
        var s = ReplayWorkbench.state(at: "neurons")
        s.press(.tab, .right, .down, .down, .left)
        #expect(s.lesson.id == "neurons")
        #expect(try #require(s.panel as? NeuronsPanel).unit == 8)
        #expect(s.panelArrowHints.map(\.action) == ["previous unit", "next unit", "previous page", "next page"])
    }

    @Test("the pass over the test digits runs in the background: the panel says it is coming, its keys work, then it shows and redraws once")
    func comingThenReady() throws {
        let (fresh, release, lesson) = try ReplayWorkbench.gated(lesson: "neurons")
        var panel = NeuronsPanel(lesson: lesson, workbench: fresh)
        #expect(panel.readyResponses(fresh) == nil)
        let coming = panel.view(workbench: fresh, revealed: true).plainText
        #expect(coming.contains("Measuring every unit on the 10,000 test digits") && !coming.contains("??"), "\(coming)")
        #expect(panel.liveValue(.digitLikeUnits, workbench: fresh) == nil)
        #expect(panel.liveText(.text(.bestMatchUnit), workbench: fresh) == nil)
        _ = panel.perform(actionNamed: "next_unit", workbench: fresh)
        #expect(panel.unit == 1)
        #expect(panel.tick(workbench: fresh) == false)
        release.signal()
        fresh.settle()
        #expect(panel.tick(workbench: fresh) == true, "the tick that sees the responses redraws")
        #expect(panel.tick(workbench: fresh) == false)
        #expect(try panel.readyResponses(fresh) == responses)
        #expect(panel.view(workbench: fresh, revealed: true).plainText.contains("unit 1 of 128, trained model"))
    }

    @Test("test digits that cannot be read: responses throws, saying why; the panel says so instead of 'in a moment'; no crash")
    func passFails() throws {
        let folder = try FolderWithoutTestFiles()
        defer { folder.remove() }
        let broken = folder.workbench
        var panel = NeuronsPanel(lesson: ReplayWorkbench.lessons.first { $0.id == "neurons" }!, workbench: broken)
        let error = #expect(throws: NeuronsPanel.ResponsesFailed.self) { try panel.responses(broken) }
        let failure = try #require(panel.failure(broken))
        #expect(error?.description == "the trained model's units could not be measured on the test digits: \(failure)")
        #expect(failure.contains("t10k"), "the message names the missing file: \(failure)")
        let shown = panel.view(workbench: broken, revealed: true).plainText
        #expect(shown.contains("The units cannot be measured on the test digits: \(failure)"), "\(shown)")
        #expect(!shown.contains("in a moment"))
        #expect(panel.liveValue(.digitLikeUnits, workbench: broken) == nil)
        #expect(panel.tick(workbench: broken) == true, "the tick that sees the failure redraws")
        #expect(panel.tick(workbench: broken) == false)
    }

    @Test("an answer given while the pass is held waits for it: the explanation has the values, never (not measured yet)")
    func answerWaitsForTheBackgroundValues() throws {
        let (fresh, release, lesson) = try ReplayWorkbench.gated(lesson: "neurons")
        var s = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(currentLesson: lesson.id), workbench: fresh)
        #expect(try #require(s.panel as? NeuronsPanel).readyResponses(fresh) == nil)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { release.signal() }
        _ = s.update(.key(.character("c")), workbench: fresh)
        _ = s.update(.key(.enter), workbench: fresh)
        #expect(s.question.verdict == .correct)
        let feedback = try #require(s.question.feedback)
        #expect(!feedback.contains(Placeholder.notYet) && feedback.contains("units correlate 0.5 or more"), "\(feedback)")
        #expect(try feedback.contains("\(responses.digitLikeUnits.count) of 128 units"), "\(feedback)")
    }
}
