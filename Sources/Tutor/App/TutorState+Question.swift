/// The lesson's question: typing, judging against what the panel shows, predictions kept until their
/// result exists, and the texts (question, lesson, verdict) with the panel's live values filled in.
///
/// An answer is always judged against the panel as it is when the value exists: the digit, model and
/// settings on screen, which the question names through its placeholders (`{{digit}}`,
/// `{{settings}}`). Where the value needs a run or a drawing first (lessons 10, 11, 12), the answer is
/// kept as a prediction together with the question as it read then, and judged when the value appears
/// for that same question (after a training run, at once; after a drawing, when the learner presses
/// Enter to say it is done).
extension TutorState {
    // MARK: Texts with live values

    /// `{{name}}` of lesson `i` as its panel writes it; the value the question asks about reads `??` until answered.
    func placeholderValue(_ name: String, lesson i: Int, workbench: Workbench) -> String {
        let asked = lessons[i].answer.liveValue
        let hidden = !isRevealed(i) && asked.map { $0 == name || lessons[i].panel.givesAway($0).contains(name) } == true
        if hidden { return Placeholder.hidden }
        if let panel = panels[i], !workbench.isLoaded(panel.dataNeeded) { return Placeholder.loading }
        return panels[i]?.liveText(name, workbench: workbench) ?? Placeholder.notYet
    }

    /// `text` (from lesson `i`) with its placeholders filled from that lesson's panel.
    public func filled(_ text: String, lesson i: Int? = nil, workbench: Workbench) -> String {
        let i = i ?? index
        return Placeholder.fill(text) { placeholderValue($0, lesson: i, workbench: workbench) }
    }

    /// The question as the learner reads it now: about what the panel shows, or, once answered or while
    /// a prediction waits, exactly as it read when they answered.
    public func questionText(lesson i: Int? = nil, workbench: Workbench) -> String {
        let i = i ?? index
        if let asked = questions[i]?.asked { return asked }
        if let prediction = questions[i]?.prediction, questions[i]?.isClosed != true { return prediction.question }
        return filled(lessons[i].question, lesson: i, workbench: workbench)
    }

    /// The lesson as Markdown for the text pane: title, body (with its Keras code) and "Try this",
    /// live values filled in.
    public func lessonMarkdown(workbench: Workbench) -> String {
        var parts = ["# \(lesson.title)", filled(lesson.body, workbench: workbench)]
        if !lesson.tryThis.isEmpty {
            parts.append("## Try this\n" + lesson.tryThis.map { "- " + filled($0, workbench: workbench) }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    func isRevealed(_ i: Int) -> Bool {
        questions[i]?.isClosed == true || progress.answers[lessons[i].id] != nil
    }

    /// The line under the question.
    public var answerLine: AnswerLine {
        let q = question
        if let feedback = q.feedback, let verdict = q.verdict {
            switch verdict {
            case .correct: return AnswerLine(text: feedback, tone: .right)
            case .close: return AnswerLine(text: feedback, tone: .close)
            default: return AnswerLine(text: feedback, tone: .wrong)
            }
        }
        if let given = progress.answers[lesson.id] {
            return AnswerLine(text: "You answered \(given.response) earlier (\(given.correct ? "right" : "not quite")). Explore the panel.", tone: .plain)
        }
        if q.skipped { return AnswerLine(text: "Skipped. The panel shows the result now.", tone: .plain) }
        if let prediction = q.prediction {
            var text = "Your prediction: \(prediction.response). " + (panel.predictionHint ?? "It is checked when the result exists.")
            if let hint = q.hint { text += " " + hint }
            return AnswerLine(text: text, tone: .waiting)
        }
        var text = Self.answerPrompt(lesson)
        if let hint = q.hint { text = hint + " " + text }
        return AnswerLine(text: text, tone: .prompt)
    }

    /// "Your answer (a number; right within 3%; Enter checks, Esc skips): ".
    public static func answerPrompt(_ lesson: Lesson) -> String {
        switch lesson.answer {
        case .number(_, let tolerance, _):
            let what = tolerance.isExact ? "an exact number" : "a number, right \(tolerance.words)"
            return "Your answer (\(what); Enter checks, Esc skips): "
        case .choice(let options, let correct):
            let letters = options.indices.map { String(AnswerSpec.letter($0)) }.joined(separator: "/")
            let signs = correct.isSign ? " or " + ["+", "-", "0"].prefix(options.count).joined(separator: "/") : ""
            return "Your choice (\(letters)\(signs); Enter checks, Esc skips): "
        case .pair:
            return "Your answer (two digits, true first; Enter checks, Esc skips): "
        }
    }

    // MARK: Keys

    /// Typing, Enter and Esc while the lesson's question is open; nil when the key is not for it.
    mutating func handleQuestionKey(_ key: Key, workbench: Workbench) -> [Effect]? {
        guard !question.isClosed, progress.answers[lesson.id] == nil else { return nil }
        switch key {
        case .enter:
            return submitAnswer(workbench: workbench)
        case .escape:
            modifyQuestion {
                $0.skipped = true
                $0.prediction = nil
            }
            progress.lessonsDone.insert(lesson.id)
            modifyPanel { $0.questionClosed(workbench: workbench) }
            return [.saveProgress]
        case .backspace where !question.input.isEmpty:
            modifyQuestion { $0.input.removeLast() }
            return []
        case .character(let c) where acceptsAnswerCharacter(c):
            modifyQuestion {
                $0.input.append(c)
                $0.hint = nil
            }
            return []
        default:
            return nil
        }
    }

    /// Digits, the decimal point and a leading minus for number answers; option letters and numbers
    /// for choices. A key the lesson binds to its panel stays with the panel.
    func acceptsAnswerCharacter(_ c: Character) -> Bool {
        if lesson.action(forKey: c == " " ? "space" : String(c)) != nil { return false }
        switch lesson.answer {
        case .number:
            return c.isASCII && (c.isNumber || c == "." || (c == "-" && question.input.isEmpty))
        case .choice(let options, let correct):
            let letters = options.indices.map { AnswerSpec.letter($0) }
            let numbers = options.indices.map { Character(String($0 + 1)) }
            let signs: [Character] = correct.isSign ? ["+", "-", "0"].prefix(options.count).map { $0 } : []
            return question.input.isEmpty && (letters.contains(Character(c.lowercased())) || numbers.contains(c) || signs.contains(c))
        case .pair:
            let digits = question.input.filter(\.isNumber).count
            return c.isASCII && ((c.isNumber && digits < 2) || (c == " " && digits == 1))
        }
    }

    /// Enter: judge what was typed against the panel now, keep it as a prediction when its value does
    /// not exist yet, or (with nothing typed and a prediction kept) check the prediction now.
    mutating func submitAnswer(workbench: Workbench) -> [Effect] {
        let input = question.input
        guard !input.isEmpty else {
            if question.prediction != nil { return checkPrediction(lesson: index, workbench: workbench, asked: true) }
            modifyQuestion { $0.hint = "Type your answer first, then press Enter (Esc skips the question)." }
            return []
        }
        let (verdict, live) = judgeNow(input, lesson: index, panel: panel, workbench: workbench)
        switch verdict {
        case .unreadable(let hint):
            modifyQuestion {
                $0.hint = hint
                $0.input = ""
            }
            return []
        case .waiting:
            let asked = questionText(workbench: workbench)
            modifyQuestion {
                $0.prediction = .init(response: input, question: asked)
                $0.input = ""
                $0.hint = nil
            }
            return []
        case .correct, .close, .incorrect:
            return judge(lesson: index, response: input, verdict: verdict, live: live, workbench: workbench)
        }
    }

    /// Checks lesson `i`'s kept prediction if its value exists now for the question as it was asked.
    /// `asked`: the learner pressed Enter for it (a drawing is done), so say why when it cannot be checked.
    mutating func checkPrediction(lesson i: Int, workbench: Workbench, asked: Bool = false) -> [Effect] {
        guard let q = questions[i], let prediction = q.prediction, !q.isClosed, let panel = panels[i] else { return [] }
        let (verdict, live) = judgeNow(prediction.response, lesson: i, panel: panel, workbench: workbench)
        guard verdict != .waiting else {
            if asked { modifyQuestion(lesson: i) { $0.hint = "Not yet: " + (panel.predictionHint ?? "the result does not exist yet.") } }
            return []
        }
        let now = Placeholder.fill(lessons[i].question) { placeholderValue($0, lesson: i, workbench: workbench) }
        guard now == prediction.question else {
            modifyQuestion(lesson: i) {
                $0.hint = "This result answers another question (\(now)); yours stays open until the settings match again."
            }
            return []
        }
        guard verdict.isJudged else { return [] }
        return judge(lesson: i, response: prediction.response, verdict: verdict, live: live, workbench: workbench)
    }

    /// `response` judged against lesson `i`'s panel as it is now: its live value, or for a pair its live
    /// table (then `live` is the largest count off the diagonal, the number the verdict is about).
    func judgeNow(_ response: String, lesson i: Int, panel: any LessonPanel, workbench: Workbench) -> (AnswerVerdict, Double?) {
        let spec = lessons[i].answer
        if let name = spec.liveTable {
            let table = panel.liveTable(name, workbench: workbench)
            return (spec.judge(response, live: nil, table: table), table.flatMap { PairAnswer(table: $0).top?.count })
        }
        let live = spec.liveValue.flatMap { panel.liveValue($0, workbench: workbench) }
        return (spec.judge(response, live: live), live)
    }

    /// Records a verdict for lesson `i`: the feedback line with the exact value, the saved answer.
    mutating func judge(lesson i: Int, response: String, verdict: AnswerVerdict, live: Double?, workbench: Workbench) -> [Effect] {
        let lesson = lessons[i]
        let asked = questionText(lesson: i, workbench: workbench)
        modifyQuestion(lesson: i) {
            $0.asked = asked
            $0.verdict = verdict
            $0.liveValue = live
            $0.prediction = nil
            $0.hint = nil
        }
        // Filled after the verdict, so the placeholders now show the value the question asked about.
        let text = feedback(lesson: i, response: response, verdict: verdict, workbench: workbench)
        modifyQuestion(lesson: i) { $0.feedback = text }
        progress.answers[lesson.id] = .init(response: response, correct: verdict == .correct)
        progress.lessonsDone.insert(lesson.id)
        // The panel goes where the number the question asked about shows.
        if var p = panels[i] {
            p.questionClosed(workbench: workbench)
            panels[i] = p
        }
        return [.saveProgress]
    }

    /// "Right: 176 (you said 175).", "Close: 0.194, not 0.1 (right is within 0.03).", "Not quite: …",
    /// then the lesson's `explain:` line.
    func feedback(lesson i: Int, response: String, verdict: AnswerVerdict, workbench: Workbench) -> String {
        let lesson = lessons[i]
        let given = response.trimmingSpaces
        var head: String
        switch lesson.answer {
        case .number(let name, let tolerance, _):
            let value = panels[i]?.liveText(name, workbench: workbench) ?? ""
            switch verdict {
            case .correct: head = "Right: \(value)" + (AnswerSpec.parseNumber(given) == questions[i]?.liveValue ? "." : " (you said \(given)).")
            case .close: head = "Close: \(value), not \(given) (" + (tolerance.isExact ? "only the exact value is right" : "right is \(tolerance.words)") + ")."
            default: head = "Not quite: \(value), not \(given)."
            }
        case .choice(let options, let correct):
            switch verdict {
            case .correct:
                let chosen = AnswerSpec.choiceIndex(given, options: options, signs: correct.isSign).map { "\(AnswerSpec.letter($0))) \(options[$0])" } ?? given
                head = "Right: \(chosen)."
            case .incorrect(let expected): head = "Not quite: the answer is \(expected)."
            default: head = ""
            }
        case .pair(let name, _):
            head = pairFeedback(response: given, verdict: verdict, table: panels[i]?.liveTable(name, workbench: workbench))
        }
        if let explain = lesson.explain {
            // A value a panel computes in the background (lesson 17's pass over the test digits, tens of
            // milliseconds) may not be in yet when a fast learner answers: wait for it rather than explain with ??.
            // Only for those: a value that needs a run or a drawing first has nothing to wait for.
            let background = lesson.panel.backgroundValues
            if let panel = panels[i], Placeholder.names(in: explain).contains(where: {
                background.contains($0.name) && panel.liveText($0.name, workbench: workbench) == nil
            }) {
                workbench.settle()
            }
            head += " " + filled(explain, lesson: i, workbench: workbench)
        }
        return head
    }

    /// "Right: 3 → 5, 11 times.", "Close: 4 → 9, 10 times; 3 → 5 is more often, 11 times.",
    /// "Not quite: 1 → 7, 2 times; 3 → 5 is most often, 11 times." (row → column, as typed).
    func pairFeedback(response: String, verdict: AnswerVerdict, table: [[Double]]?) -> String {
        guard let table, let (row, column) = PairAnswer.parse(response), table.indices.contains(row), table.indices.contains(column),
              let top = PairAnswer(table: table).top else { return "" }
        func times(_ n: Double) -> String { "\(Int(n).formatted) time\(n == 1 ? "" : "s")" }
        let given = "\(row) → \(column), \(times(table[row][column]))"
        let best = "\(top.row) → \(top.column)"
        switch verdict {
        case .correct: return "Right: \(given)."
        case .close: return "Close: \(given); \(best) is more often, \(times(top.count))."
        default: return "Not quite: \(given); \(best) is most often, \(times(top.count))."
        }
    }

    mutating func modifyQuestion(lesson i: Int, _ body: (inout QuestionState) -> Void) {
        var q = questions[i] ?? QuestionState()
        body(&q)
        questions[i] = q
    }
}
