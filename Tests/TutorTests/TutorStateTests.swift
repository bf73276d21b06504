import MNIST
import NeuralNet
import Testing
@testable import Tutor

/// One workbench (real data, pretrained model) and the real lessons, shared by the replay tests.
enum Shared {
    static let workbench: Workbench = try! Workbench.load()
    static let lessons: [Lesson] = try! LessonLibrary.load().lessons

    /// A tutor opened at lesson `number`, with no saved progress.
    static func state(at number: Int) -> TutorState {
        let id = lessons.first { $0.number == number }!.id
        return TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: id), workbench: workbench)
    }
}

extension TutorState {
    /// Sends keys as a person would type them; returns all effects.
    @discardableResult
    mutating func type(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0), workbench: Shared.workbench) }
    }

    @discardableResult
    mutating func type(text: String) -> [Effect] {
        text.flatMap { update(.key(.character($0)), workbench: Shared.workbench) }
    }

    func live(_ name: String) -> Double? { panel.liveValue(name, workbench: Shared.workbench) }
}

@Suite("Tutor navigation and questions (replayed events)")
struct TutorStateTests {
    @Test("starts at the first lesson without progress, and where the learner left off with it")
    func startsWhereLeftOff() {
        let fresh = TutorState(lessons: Shared.lessons, progress: LearnerProgress(), workbench: Shared.workbench)
        #expect(fresh.lesson.number == 1)
        #expect(Shared.state(at: 7).lesson.id == "sparsity")
    }

    @Test("→ and n go forward, ← and p back; the ends say so instead of moving")
    func nextAndPrevious() {
        var s = Shared.state(at: 1)
        let effects = s.type(.right)
        #expect(s.lesson.number == 2)
        #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
        s.type(.character("n"))
        #expect(s.lesson.number == 3)
        s.type(.character("p"), .left)
        #expect(s.lesson.number == 1)
        s.type(.left)
        #expect(s.lesson.number == 1)
        #expect(s.status?.contains("first lesson") == true)
        #expect(s.progress.currentLesson == "network")
    }

    @Test("t opens the contents; typing 11 and Enter jumps to lesson 11; Esc closes")
    func contentsJump() {
        var s = Shared.state(at: 1)
        s.type(.character("t"))
        #expect(s.overlay == .contents(selected: 0, typed: ""))
        s.type(.character("1"), .character("1"), .enter)
        #expect(s.overlay == .none)
        #expect(s.lesson.number == 11)
        s.type(.character("t"), .down, .down, .escape)
        #expect(s.lesson.number == 11 && s.overlay == .none)
        s.type(.character("t"), .up, .enter)
        #expect(s.lesson.number == 10)
    }

    @Test("? opens help, any key closes it; q quits and saves")
    func helpAndQuit() {
        var s = Shared.state(at: 3)
        s.type(.character("?"))
        #expect(s.overlay == .help)
        s.type(.character("x"))
        #expect(s.overlay == .none)
        let effects = s.type(.character("q"))
        #expect(s.quitRequested)
        #expect(effects.contains { if case .quit = $0 { true } else { false } })
        #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
    }

    @Test("Ctrl-C, SIGTERM and SIGHUP leave through the same path as q")
    func interrupts() {
        for why in [Interrupt.controlC, .terminate, .hangUp] {
            var s = Shared.state(at: 2)
            let effects = s.update(.interrupt(why), workbench: Shared.workbench)
            #expect(s.quitRequested)
            #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
        }
    }

    @Test("a number answer is checked against the live value; the panel then reveals it")
    func numberAnswer() {
        var s = Shared.state(at: 8)
        #expect(!s.revealed)
        let hidden = s.panel.view(workbench: Shared.workbench, revealed: s.revealed).plainText
        #expect(hidden.contains("??"))
        let dropped = s.live("dropped_count")!
        s.type(text: String(Int(dropped)))
        #expect(s.question.input == String(Int(dropped)))
        s.type(.enter)
        #expect(s.question.verdict == .correct)
        #expect(s.revealed)
        #expect(s.progress.answers["dropout"]?.correct == true)
        #expect(s.progress.lessonsDone.contains("dropout"))
        let shown = s.panel.view(workbench: Shared.workbench, revealed: s.revealed).plainText
        #expect(shown.contains("the mask drops \(Int(dropped)) of 128"))
    }

    @Test("a wrong answer names the live value; an unreadable one asks again")
    func wrongAndUnreadable() {
        var s = Shared.state(at: 8)
        s.type(.enter)
        #expect(s.question.hint?.contains("Type your answer") == true)
        s.type(text: "120")
        s.type(.enter)
        #expect(!s.progress.answers["dropout"]!.correct)
        if case .incorrect(let expected) = s.question.verdict {
            #expect(expected == String(Int(s.live("dropped_count")!)))
        } else {
            Issue.record("expected an incorrect verdict, got \(String(describing: s.question.verdict))")
        }
    }

    @Test("Esc skips the question: the result is shown and the lesson counts as done")
    func skip() {
        var s = Shared.state(at: 7)
        s.type(.escape)
        #expect(s.question.skipped && s.revealed)
        #expect(s.progress.lessonsDone.contains("sparsity"))
        #expect(s.progress.answers["sparsity"] == nil)
    }

    @Test("a choice question takes letters; keys the lesson binds stay with the panel")
    func choiceAnswer() {
        var s = Shared.state(at: 6)
        s.type(text: "b")
        #expect(s.question.input == "b")
        s.type(.enter)
        #expect(s.question.verdict == .correct)
    }

    @Test("lesson 2: ] moves to the next image, s switches to the test set, v shows the numbers")
    func digitBrowser() {
        var s = Shared.state(at: 2)
        #expect(s.live("index") == 0)
        #expect(s.live("label") == 5)
        s.type(.character("]"))
        #expect(s.live("index") == 1)
        #expect(s.live("label") == 0)
        s.type(.character("["), .character("["))
        #expect(s.live("index") == 59_999)
        s.type(.character("s"))
        #expect(s.live("index") == 9_999)
        s.type(.character("]"))
        #expect(s.live("index") == 0 && s.live("label") == 7)
        s.type(.character("v"))
        let view = s.panel.view(workbench: Shared.workbench, revealed: true)
        #expect(view.blocks.contains { if case .pixels = $0 { true } else { false } })
    }

    @Test("lesson 8: rate 0.5 in training drops about half the units and scales the kept ones by 2; inference is the ReLU output")
    func dropoutReplay() throws {
        var s = Shared.state(at: 8)
        s.type(.escape)
        s.type(.character("+"), .character("+"), .character("+"))
        let panel = try #require(s.panel as? DropoutPanel)
        #expect(panel.rate == 0.5)
        #expect(s.live("scale") == 2)
        var dropFractions: [Double] = []
        for _ in 0 ..< 20 {
            let t = (s.panel as! DropoutPanel).trace(Shared.workbench)
            dropFractions.append(Double(t.droppedCount) / 128)
            for (relu, (mask, out)) in zip(t.reluOutputs, zip(t.dropoutMask, t.dropoutOutputs)) {
                #expect(mask == 0 || mask == 2)
                #expect(out == relu * mask)
            }
            s.type(.character(" "))
        }
        let mean = dropFractions.reduce(0, +) / Double(dropFractions.count)
        #expect(abs(mean - 0.5) < 0.06, "mean dropped fraction \(mean)")
        s.type(.character("m"))
        let t = (s.panel as! DropoutPanel).trace(Shared.workbench)
        #expect(!t.training)
        #expect(t.dropoutOutputs == t.reluOutputs)
        #expect(s.live("dropped_count") == 0)
        #expect(s.live("scale") == 1)
    }

    @Test("the rate stays within 0.0 ... 0.9")
    func rateBounds() {
        var s = Shared.state(at: 8)
        for _ in 0 ..< 12 { s.type(.character("+")) }
        #expect((s.panel as! DropoutPanel).rate == 0.9)
        for _ in 0 ..< 12 { s.type(.character("-")) }
        #expect((s.panel as! DropoutPanel).rate == 0)
        #expect(s.live("dropped_count") == 0)
    }

    @Test("coming back to a lesson finds its panel as it was left")
    func panelsPersistAcrossNavigation() {
        var s = Shared.state(at: 2)
        s.type(.character("]"), .character("]"))
        s.type(.right, .left)
        #expect(s.live("index") == 2)
    }

    @Test("an unbound key says so on the status line instead of doing something surprising")
    func unknownKey() {
        var s = Shared.state(at: 3)
        s.type(.escape)
        s.type(.character("z"))
        #expect(s.status?.contains("'z' does nothing here") == true)
    }
}
