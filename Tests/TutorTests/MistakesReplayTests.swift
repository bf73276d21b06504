import Dispatch
import Testing
@testable import Tutor

/// Lesson 16 replayed from the learner's keys: the question judged against the live confusion
/// matrix, the cursor moved by the lesson's keys and by the arrows after Tab, and an answer given
/// before the classification is done kept and judged when it arrives.
@Suite("Lesson 16 (mistakes), replayed")
struct MistakesReplayTests {
    let wb = ReplayWorkbench.workbench

    func state() -> TutorState {
        let id = ReplayWorkbench.lessons.first { $0.panel.name == "mistakes" }!.id
        let s = ReplayWorkbench.state(at: id)
        wb.settle()
        return s
    }

    @Test("3 5 is right for the pretrained model: the verdict, the explanation, and the cursor on that cell")
    func rightAnswer() {
        var s = state()
        #expect(s.questionText(workbench: wb).hasPrefix("Which digit does the pretrained model most often take for another"))
        #expect(s.lessonMarkdown(workbench: wb).contains("226"))
        s.type("3 5")
        s.press(.enter)
        #expect(s.question.verdict == .correct)
        #expect(s.question.liveValue == 11)
        #expect(s.question.feedback == "Right: 3 → 5, 11 times. Most often 3 taken for 5, 11 of its 226 mistakes.")
        #expect(s.progress.answers["mistakes"]?.correct == true)
        let panel = s.panel as! MistakesPanel
        #expect((panel.row, panel.column) == (3, 5))
        #expect(s.shown.contains("Most confused: 3 taken for 5, 11 times"))
    }

    @Test("4 9, the classic confusion, is close (10 times); 1 7 is not; 4 4 and 7 are unreadable and the question stays open")
    func closeAndWrong() {
        var s = state()
        s.type("44")
        s.press(.enter)
        #expect(s.question.verdict == nil)
        #expect(s.question.hint == "Type two different digits, the true one first, such as 4 9.")
        s.type("4 9")
        s.press(.enter)
        #expect(s.question.verdict == .close(expected: "3 5"))
        #expect(s.question.feedback?.hasPrefix("Close: 4 → 9, 10 times; 3 → 5 is more often, 11 times.") == true)
        var t = state()
        t.type("17")
        t.press(.enter)
        #expect(t.question.verdict == .incorrect(expected: "3 5"))
        #expect(t.question.feedback?.hasPrefix("Not quite: 1 → 7, 1 time; 3 → 5 is most often, 11 times.") == true)
    }

    @Test("only two digits and one space go into the answer; the lesson's keys still move the cursor while it is open")
    func typingAndKeys() {
        var s = state()
        s.type("4 9 1")
        #expect(s.question.input == "4 9")
        s.press(.backspace, .backspace, .backspace)
        s.type("jjl")  // the lesson's keys: down, down, right
        let panel = s.panel as! MistakesPanel
        #expect((panel.row, panel.column) == (2, 1))
        s.type("]")
        #expect((s.panel as! MistakesPanel).position == 1)
        s.type("s")
        #expect((s.panel as! MistakesPanel).order == .leastConfident)
        #expect(s.index == ReplayWorkbench.lessons.firstIndex { $0.panel.name == "mistakes" })
    }

    @Test("Tab, then the arrows move the cursor and never change the lesson; Esc skips and reveals")
    func focusedArrows() {
        var s = state()
        let lesson = s.index
        s.press(.escape)
        #expect(s.revealed)
        #expect((s.panel as! MistakesPanel).row == 3, "skipping also puts the cursor on the answer")
        s.press(.tab, .left, .left, .down, .right)
        #expect(s.index == lesson)
        let panel = s.panel as! MistakesPanel
        #expect((panel.row, panel.column) == (4, 4))
        #expect(s.shown.contains("4 read as 4: 959 right answers"))
    }

    @Test("an answer given before the classification is done is kept, then judged on the tick that brings it")
    func predictionJudgedWhenReady() throws {
        let (fresh, release, lesson) = try ReplayWorkbench.gated(lesson: "mistakes")
        var s = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(currentLesson: lesson.id), workbench: fresh)
        for c in "3 5" { _ = s.update(.key(.character(c)), workbench: fresh) }
        _ = s.update(.key(.enter), workbench: fresh)
        #expect(s.question.verdict == nil)
        #expect(s.question.prediction?.response == "3 5")
        #expect(s.answerLine.text.contains("It is checked as soon as the 10,000 test digits are classified."))
        _ = s.update(.key(.character("l")), workbench: fresh)  // keys work meanwhile
        #expect((s.panel as! MistakesPanel).column == 1)
        _ = s.update(.tick, workbench: fresh)
        #expect(s.question.verdict == nil)
        release.signal()
        fresh.settle()
        let effects = s.update(.tick, workbench: fresh)
        #expect(s.question.verdict == .correct)
        #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
    }
}
