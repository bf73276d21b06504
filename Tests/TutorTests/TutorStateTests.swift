import MNIST
import NeuralNet
import Testing
@testable import Tutor

@Suite("Tutor navigation and questions (replayed events)")
struct TutorStateTests {
    @Test("starts at the first lesson without progress, and where the learner left off with it")
    func startsWhereLeftOff() {
        let fresh = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(), workbench: ReplayWorkbench.workbench)
        #expect(fresh.lesson.number == 1)
        #expect(ReplayWorkbench.state(number: 7).lesson.id == "sparsity")
    }

    @Test("→ and n go forward, ← and p back; the ends say so instead of moving")
    func nextAndPrevious() {
        var s = ReplayWorkbench.state(number: 1)
        let effects = s.press(.right)
        #expect(s.lesson.number == 2)
        #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
        s.press(.character("n"))
        #expect(s.lesson.number == 3)
        s.press(.character("p"), .left)
        #expect(s.lesson.number == 1)
        s.press(.left)
        #expect(s.lesson.number == 1)
        #expect(s.status?.contains("first lesson") == true)
        #expect(s.progress.currentLesson == "network")
    }

    @Test("t opens the contents; typing 11 and Enter jumps to lesson 11; Esc closes")
    func contentsJump() {
        var s = ReplayWorkbench.state(number: 1)
        s.press(.character("t"))
        #expect(s.overlay == .contents(selected: 0, typed: ""))
        s.press(.character("1"), .character("1"), .enter)
        #expect(s.overlay == .none)
        #expect(s.lesson.number == 11)
        s.press(.character("t"), .down, .down, .escape)
        #expect(s.lesson.number == 11 && s.overlay == .none)
        s.press(.character("t"), .up, .enter)
        #expect(s.lesson.number == 10)
    }

    @Test("? opens help, any key closes it; q quits and saves")
    func helpAndQuit() {
        var s = ReplayWorkbench.state(number: 3)
        s.press(.character("?"))
        #expect(s.overlay == .help)
        s.press(.character("x"))
        #expect(s.overlay == .none)
        let effects = s.press(.character("q"))
        #expect(s.quitRequested)
        #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
    }

    @Test("Ctrl-C, SIGTERM and SIGHUP leave through the same path as q")
    func interrupts() {
        for why in [Interrupt.controlC, .terminate, .hangUp] {
            var s = ReplayWorkbench.state(number: 2)
            let effects = s.update(.interrupt(why), workbench: ReplayWorkbench.workbench)
            #expect(s.quitRequested)
            #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
        }
    }

    @Test("a number answer is checked against the live value; the panel then reveals it")
    func numberAnswer() {
        var s = ReplayWorkbench.state(number: 8)
        #expect(!s.revealed)
        let hidden = s.panel.view(workbench: ReplayWorkbench.workbench, revealed: s.revealed).plainText
        #expect(hidden.contains("??"))
        let dropped = s.live("dropped_count")!
        s.type(String(Int(dropped)))
        #expect(s.question.input == String(Int(dropped)))
        s.press(.enter)
        #expect(s.question.verdict == .correct)
        #expect(s.revealed)
        #expect(s.progress.answers["dropout"]?.correct == true)
        #expect(s.progress.lessonsDone.contains("dropout"))
        let shown = s.panel.view(workbench: ReplayWorkbench.workbench, revealed: s.revealed).plainText
        #expect(shown.contains("the mask drops \(Int(dropped)) of 128"))
    }

    @Test("a wrong answer names the live value; an unreadable one asks again")
    func wrongAndUnreadable() {
        var s = ReplayWorkbench.state(number: 8)
        s.press(.enter)
        #expect(s.question.hint?.contains("Type your answer") == true)
        s.type(".")  // typed, but not a number
        s.press(.enter)
        #expect(s.question.verdict == nil && s.question.input.isEmpty)
        #expect(s.question.hint != nil && s.question.hint?.contains("Type your answer") == false, "\(String(describing: s.question.hint))")
        #expect(s.progress.answers["dropout"] == nil)
        s.type("120")
        s.press(.enter)
        #expect(!s.progress.answers["dropout"]!.correct)
        if case .incorrect(let expected) = s.question.verdict {
            #expect(expected == String(Int(s.live("dropped_count")!)))
        } else {
            Issue.record("expected an incorrect verdict, got \(String(describing: s.question.verdict))")
        }
    }

    @Test("Esc skips the question: the result is shown and the lesson counts as done")
    func skip() {
        var s = ReplayWorkbench.state(number: 7)
        s.press(.escape)
        #expect(s.question.skipped && s.revealed)
        #expect(s.progress.lessonsDone.contains("sparsity"))
        #expect(s.progress.answers["sparsity"] == nil)
    }

    @Test("a choice question takes letters; keys the lesson binds stay with the panel")
    func choiceAnswer() {
        var s = ReplayWorkbench.state(number: 6)
        s.type("b")
        #expect(s.question.input == "b")
        s.press(.enter)
        #expect(s.question.verdict == .correct)
        // Lesson 8 binds `-` (rate down); a number answer could start with `-`, but the binding wins.
        var d = ReplayWorkbench.state(number: 8)
        let before = try! #require(d.panel as? DropoutPanel).rate
        d.type("-")
        #expect(d.question.input.isEmpty)
        #expect(try! #require(d.panel as? DropoutPanel).rate < before)
    }

    @Test("lesson 2: ] moves to the next image, s switches to the test set, v shows the numbers")
    func digitBrowser() {
        var s = ReplayWorkbench.state(number: 2)
        #expect(s.live("index") == 0)
        #expect(s.live("label") == 5)
        s.press(.character("]"))
        #expect(s.live("index") == 1)
        #expect(s.live("label") == 0)
        s.press(.character("["), .character("["))
        #expect(s.live("index") == 59_999)
        s.press(.character("s"))
        #expect(s.live("index") == 9_999)
        s.press(.character("]"))
        #expect(s.live("index") == 0 && s.live("label") == 7)
        s.press(.character("v"))
        let view = s.panel.view(workbench: ReplayWorkbench.workbench, revealed: true)
        #expect(view.blocks.contains { if case .pixels = $0.content { true } else { false } })
    }

    @Test("lesson 8: rate 0.5 in training drops about half the units and scales the kept ones by 2; inference is the ReLU output")
    func dropoutReplay() throws {
        var s = ReplayWorkbench.state(number: 8)
        s.press(.escape)
        s.press(.character("+"), .character("+"), .character("+"))
        let panel = try #require(s.panel as? DropoutPanel)
        #expect(panel.rate == 0.5)
        #expect(s.live("scale") == 2)
        var dropFractions: [Double] = []
        for _ in 0 ..< 20 {
            let t = (s.panel as! DropoutPanel).trace(ReplayWorkbench.workbench)
            dropFractions.append(Double(t.droppedCount) / 128)
            for (relu, (mask, out)) in zip(t.hiddenOutputs, zip(t.dropoutMask, t.dropoutOutputs)) {
                #expect(mask == 0 || mask == 2)
                #expect(out == relu * mask)
            }
            s.press(.character(" "))
        }
        let mean = dropFractions.reduce(0, +) / Double(dropFractions.count)
        #expect(abs(mean - 0.5) < 0.06, "mean dropped fraction \(mean)")
        s.press(.character("m"))
        let t = (s.panel as! DropoutPanel).trace(ReplayWorkbench.workbench)
        #expect(!t.training)
        #expect(t.dropoutOutputs == t.hiddenOutputs)
        #expect(s.live("dropped_count") == 0)
        #expect(s.live("scale") == 1)
    }

    @Test("the rate stays within 0.0 ... 0.9")
    func rateBounds() {
        var s = ReplayWorkbench.state(number: 8)
        for _ in 0 ..< 12 { s.press(.character("+")) }
        #expect((s.panel as! DropoutPanel).rate == 0.9)
        for _ in 0 ..< 12 { s.press(.character("-")) }
        #expect((s.panel as! DropoutPanel).rate == 0)
        #expect(s.live("dropped_count") == 0)
    }

    @Test("coming back to a lesson finds its panel as it was left")
    func panelsPersistAcrossNavigation() {
        var s = ReplayWorkbench.state(number: 2)
        s.press(.character("]"), .character("]"))
        s.press(.right, .left)
        #expect(s.live("index") == 2)
    }

    @Test("an unbound key says so on the status line instead of doing something surprising")
    func unknownKey() {
        var s = ReplayWorkbench.state(number: 3)
        s.press(.escape)
        s.press(.character("z"))
        #expect(s.status?.contains("'z' does nothing here") == true)
    }
}
