import Dispatch
import NeuralNet
import Testing
@testable import Tutor

/// The question loop replayed from a learner's keystrokes: what an answer is judged against, how close
/// is close, predictions kept until their result exists, and the verdict line.
@Suite("Questions, replayed from the learner's keys")
struct QuestionReplayTests {
    let wb = ReplayWorkbench.workbench

    @Test("lesson 2: after ] the question is about x_train[1] and 166 (x_train[0]'s count) is no longer right")
    func answerFollowsTheDigitOnScreen() throws {
        var s = ReplayWorkbench.state(number: 2)
        #expect(s.questionText(workbench: wb).contains("x_train[0]"))
        s.press(.character("]"))
        #expect(s.questionText(workbench: wb) == "How many of the 784 pixels of x_train[1] hold some ink, that is, are not 0?")
        #expect(s.live("ink_pixels") == 176)
        s.type("166")
        s.press(.enter)
        #expect(s.question.verdict == .close(expected: "176"))
        #expect(s.question.liveValue == 176)
        #expect(s.progress.answers["digits"]?.correct == false)
        #expect(s.question.feedback?.hasPrefix("Close: 176, not 166 (right is within 3%). x_train[1] has 176 of its 784 pixels above 0") == true)
    }

    @Test("lesson 7: after ] 75 (x_test[0]'s zeros) is judged against x_test[1], which has 83")
    func sparsityFollowsTheDigit() throws {
        var s = ReplayWorkbench.state(number: 7)
        s.press(.character("]"))
        #expect(s.live("zero_units") == 83)
        #expect(s.questionText(workbench: wb).hasPrefix("For x_test[1] and the trained model"))
        s.type("75")
        s.press(.enter)
        #expect(s.question.verdict == .close(expected: "83"))
        #expect(s.question.feedback?.contains("x_test[1]: 83 of 128 at 0, 45 active") == true)
    }

    /// The mechanism, for every lesson at once: a number answer whose value depends on the digit names
    /// the digit in its question, and is judged against the digit on screen.
    @Test("every lesson with a digit cursor judges the digit on screen and names it in the question")
    func everyDigitLesson() throws {
        for lesson in ReplayWorkbench.lessons where lesson.key(for: "next_digit") != nil {
            guard case .number(let name, _, _) = lesson.answer else { continue }
            var s = ReplayWorkbench.state(at: lesson.id)
            let before = try #require(s.live(name))
            s.type(lesson.key(for: "next_digit")!)
            let after = try #require(s.live(name))
            if after != before {
                #expect(lesson.question.contains("{{digit}}"), "lesson \(lesson.number) asks about the digit but does not name it")
                #expect(s.questionText(workbench: wb).contains("[1]"), "lesson \(lesson.number): \(s.questionText(workbench: wb))")
            }
            s.type(AnswerSpec.format(after))
            s.press(.enter)
            #expect(s.question.verdict == .correct, "lesson \(lesson.number): \(String(describing: s.question.verdict))")
            #expect(s.question.liveValue == after)
        }
    }

    @Test("lesson 3: forgetting the biases (100,352) is close to the exact 100,480, and says why")
    func exactWithClose() {
        var s = ReplayWorkbench.state(number: 3)
        #expect(s.answerLine.text.hasPrefix("Your answer (an exact number; Enter checks"))
        s.type("100352")
        s.press(.enter)
        #expect(s.question.feedback == "Close: 100,480, not 100352 (only the exact value is right). 784 inputs × 128 units = 100,352 weights, plus one bias per unit: 100,480.")
    }

    @Test("after the verdict the question reads as it was answered, while the panel moves on")
    func answeredQuestionKeepsItsWords() throws {
        var s = ReplayWorkbench.state(number: 8)
        let dropped = try #require(s.live("dropped_count"))
        s.type(AnswerSpec.format(dropped))
        s.press(.enter)
        s.type("+++")
        #expect((s.panel as! DropoutPanel).rate == 0.5)
        #expect(s.questionText(workbench: wb).hasPrefix("With Dropout(0.2) in training mode"))
        #expect(s.question.feedback?.hasPrefix("Right: \(Int(dropped)).") == true)
    }

    @Test("lesson 2: 150 for 166 is close, not right, and the verdict shows the exact count; 164 is right")
    func closeIsNotRight() {
        var s = ReplayWorkbench.state(number: 2)
        s.type("150")
        s.press(.enter)
        #expect(s.question.verdict == .close(expected: "166"))
        #expect(s.answerLine == AnswerLine(text: "Close: 166, not 150 (right is within 3%). x_train[0] has 166 of its 784 pixels above 0: most of the square is background.", tone: .close))
        var right = ReplayWorkbench.state(number: 2)
        right.type("164")
        right.press(.enter)
        #expect(right.question.verdict == .correct)
        #expect(right.question.feedback?.hasPrefix("Right: 166 (you said 164).") == true)
    }

    @Test("lesson 9: 0.1 for a largest probability of 0.194 is close, and the verdict teaches why")
    func nearUniformIsHalfRight() throws {
        var s = ReplayWorkbench.state(number: 9)
        let largest = try #require(s.live("max_probability"))
        #expect(abs(largest - 0.1937) < 0.0005)
        s.type("0.1")
        s.press(.enter)
        guard case .close = s.question.verdict else { Issue.record("expected close, got \(String(describing: s.question.verdict))"); return }
        #expect(s.question.feedback == "Close: 0.194, not 0.1 (right is within 0.03). The ten run from 0.043 to 0.194: roughly a tenth each, not flat.")
        #expect(s.answerLine.tone == .close)
    }

    @Test("every number question states its tolerance in the prompt, and a reason in the lesson file")
    func tolerancesAreStated() {
        for lesson in ReplayWorkbench.lessons {
            guard case .number(_, let tolerance, _) = lesson.answer else { continue }
            #expect(lesson.reason?.isEmpty == false, "lesson \(lesson.number)")
            let s = ReplayWorkbench.state(at: lesson.id)
            let stated = tolerance.isExact ? "an exact number" : "right \(tolerance.words)"
            #expect(s.answerLine.text.contains(stated), "lesson \(lesson.number): \(s.answerLine.text)")
        }
    }

    @Test("lesson 10: a prediction typed before the run is kept, and judged when the run with those settings ends")
    func predictThenTrain() throws {
        var s = ReplayWorkbench.state(at: "training")
        s.type("jjjjj------kkkkk----")  // images 60,000 -> 1,000; epochs 5 -> 1, so the run is quick in a debug build
        let asked = s.questionText(workbench: wb)
        #expect(asked == "With 1 epoch, batch size 32, dropout 0.2, learning rate 0.001, seed 42, 1,000 training images: what test accuracy will training reach, in percent?")
        s.type("85")
        s.press(.enter)
        #expect(s.question.verdict == nil && s.question.prediction?.response == "85" && !s.revealed)
        #expect(s.answerLine.text == "Your prediction: 85. Press g to train: your prediction is checked when the run ends.")
        #expect(!s.answerLine.text.contains("does not exist yet"))
        let request = try #require(s.type("g").trainingRequest)
        s.train(request, workbench: wb)
        let accuracy = try #require(s.live("test_accuracy_percent"))
        // Judged by the run's end, without another key.
        let verdict = try #require(s.question.verdict)
        #expect(verdict == ReplayWorkbench.lessons[s.index].answer.judge("85", live: accuracy))
        #expect(s.revealed && s.question.prediction == nil && s.progress.answers["training"]?.response == "85")
        let shown = PanelNumber.fixed(accuracy, 2) + "%"
        #expect(s.question.feedback?.contains(shown) == true, "\(s.question.feedback ?? "")")
    }

    @Test("lesson 10: a prediction for other settings is not judged by this run; it waits for its own")
    func predictionKeepsItsSettings() throws {
        var s = ReplayWorkbench.state(at: "training")
        s.type("jjjjj------kkkkk----")
        s.type("90")
        s.press(.enter)
        s.type("+")  // epochs 1 -> 2 after predicting
        #expect(s.question.prediction?.question.contains("1 epoch,") == true)
        #expect(s.questionText(workbench: wb).contains("1 epoch,"), "while waiting, the question reads as it was answered")
        s.type("-")  // back to 1 epoch, then 2 again: train with other settings
        s.type("+")
        let request = try #require(s.type("g").trainingRequest)
        #expect(request.runs[0].epochs == 2)
        s.train(request, workbench: wb)
        #expect(s.question.verdict == nil && s.question.prediction != nil && !s.revealed)
        #expect(s.live("test_accuracy_percent") != nil)
        #expect(s.question.hint?.contains("answers another question") == true)
    }

    @Test("lesson 12: a choice made before the three runs is judged when they have all finished")
    func predictThenCompare() throws {
        var s = ReplayWorkbench.state(at: "overfitting")
        s.type("---------")  // 10 epochs -> 1
        s.type("c")
        s.press(.enter)
        #expect(s.question.prediction?.response == "c" && s.question.verdict == nil)
        var request = try #require(s.type("g").trainingRequest)
        for i in request.runs.indices { request.runs[i].trainSize = 300 }  // quick in a debug build
        s.train(request, workbench: wb)
        let rate = try #require(s.live("smallest_gap_rate"))
        #expect(s.question.verdict == (rate == 0.5 ? .correct : ReplayWorkbench.lessons[s.index].answer.judge("c", live: rate)))
        #expect(s.question.feedback?.contains("Smallest gap: dropout \(OverfittingPanel.rateText(rate))") == true)
    }

    @Test("lesson 11: a digit predicted before drawing is kept while drawing, and Enter checks it against the drawing")
    func predictThenDraw() throws {
        var s = ReplayWorkbench.state(at: "draw")
        s.type("1")
        s.press(.enter)
        #expect(s.question.prediction?.response == "1" && !s.revealed)
        s.press(.enter)  // nothing drawn yet
        #expect(s.question.verdict == nil && s.question.hint?.hasPrefix("Not yet: Draw your digit") == true)
        // A vertical stroke, from the keyboard: pen down, then down the canvas.
        s.type("kkkkkkkk ")
        s.type("jjjjjjjjjjjjjjjj ")
        let predicted = try #require(s.live("predicted_digit"))
        #expect(s.question.verdict == nil, "drawing alone does not judge: the learner says when the drawing is done")
        s.press(.enter)
        #expect(s.question.verdict == (predicted == 1 ? .correct : .incorrect(expected: AnswerSpec.format(predicted))))
        #expect(s.question.feedback?.contains("Its probability for that digit:") == true)
    }

    @Test("an explanation naming a value that needs a training run does not wait for the background jobs: only values computed in the background do")
    func explainWaitsOnlyForBackgroundValues() throws {
        // Lesson 10's panel with a choice question judged at once, explained with a value that exists only after a run.
        let training = try #require(ReplayWorkbench.lessons.first { $0.id == "training" })
        let relu = try #require(ReplayWorkbench.lessons.first { $0.id == "relu" })
        #expect(training.panel.producedLater.contains("initial_loss") && !training.panel.backgroundValues.contains("initial_loss"))
        let lesson = Lesson(number: training.number, id: training.id, title: training.title, panel: training.panel,
                            options: training.options, keys: training.keys, kerasLines: training.kerasLines, body: training.body,
                            tryThis: training.tryThis, question: relu.question, answer: relu.answer, reason: relu.reason,
                            explain: "The test loss fell from {{initial_loss}}.", file: training.file)
        // A pass over the test set (another lesson's) held at the gate while the learner answers.
        let (fresh, release, _) = try ReplayWorkbench.gated(lesson: "sparsity")
        #expect(fresh.readySparsity(trained: false, seed: 7) == nil)
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { release.signal() }  // so a wait cannot hang the run
        var s = TutorState(lessons: [lesson], progress: LearnerProgress(currentLesson: lesson.id), workbench: fresh)
        _ = s.update(.key(.character("b")), workbench: fresh)
        let clock = ContinuousClock()
        let took = clock.measure { _ = s.update(.key(.enter), workbench: fresh) }
        #expect(s.question.verdict == .correct)
        #expect(s.question.feedback == "Right: b) 0. The test loss fell from \(Placeholder.notYet).")
        #expect(took < .seconds(10), "the answer waited \(took) for a background job its explanation does not use")
        release.signal()
        fresh.settle()
    }
}
