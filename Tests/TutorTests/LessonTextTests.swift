import Testing
@testable import Tutor

/// The lesson text against the panels: every live value the text embeds is the panel's own, written
/// the same way, and the words that have one meaning in the course keep it.
@Suite("Lesson text and panels agree")
struct LessonTextTests {
    let wb = ReplayWorkbench.workbench

    /// The panel's plain text in its starting state and after each of its keys, pressed once and
    /// (for views that cycle) up to three times: every state a placeholder may be shown in.
    func reachableTexts(_ lesson: Lesson) -> String {
        var texts: [String] = []
        let start = lesson.panel.make(lesson, workbench: wb)
        wb.settle()  // what panels compute in the background (lesson 16's classification), done
        texts.append(start.view(workbench: wb, revealed: true).plainText)
        for binding in lesson.keys where !["start", "keep", "discard", "enter_number", "clear"].contains(binding.action) {
            var panel = start
            for _ in 0 ..< 3 {
                _ = panel.perform(actionNamed: binding.action, workbench: wb)
                texts.append(panel.view(workbench: wb, revealed: true).plainText)
            }
        }
        return texts.joined(separator: "\n")
    }

    @Test("every {{placeholder}} in every lesson is filled with the panel's value, written as the panel writes it")
    func placeholdersEqualThePanel() throws {
        var checked = 0
        for (i, lesson) in ReplayWorkbench.lessons.enumerated() {
            var s = ReplayWorkbench.state(at: lesson.id)
            wb.settle()
            s.press(.escape)  // answered (skipped): every value may show
            let texts = [lesson.body, lesson.question, lesson.explain ?? ""] + lesson.tryThis
            let shown = reachableTexts(lesson)
            for text in texts {
                for use in Placeholder.names(in: text) {
                    let value = s.placeholderValue(use.name, lesson: i, workbench: wb)
                    let panelText = s.panel.liveText(use.name, workbench: wb)
                    if panelText == nil {
                        // Only results of a run or a drawing may be missing before one, and they say so.
                        #expect(lesson.panel.producedLater.contains(use.name), "lesson \(lesson.number): {{\(use.name)}}")
                        #expect(value == Placeholder.notYet)
                        continue
                    }
                    #expect(value == panelText, "lesson \(lesson.number): {{\(use.name)}}")
                    // The question names the panel's state; everything else is a value the panel shows.
                    if text != lesson.question {
                        #expect(shown.contains(value), "lesson \(lesson.number): {{\(use.name)}} = \(value) is not on the panel")
                    }
                    checked += 1
                }
            }
            // The filled text has no placeholder left.
            #expect(!s.lessonMarkdown(workbench: wb).contains("{{"), "lesson \(lesson.number)")
        }
        #expect(checked > 25, "\(checked) placeholders checked")
    }

    @Test("the value a question asks for reads ?? in the lesson text until the question is answered")
    func askedValueIsHidden() throws {
        var s = ReplayWorkbench.state(number: 9)
        let largest = try #require(s.panel.liveText("max_probability", workbench: wb))
        let smallest = try #require(s.panel.liveText("min_probability", workbench: wb))
        #expect(smallest == "0.043" && largest == "0.194")
        var text = s.lessonMarkdown(workbench: wb)
        #expect(text.contains("they run from \(smallest) to ??"))
        #expect(!text.contains(largest))
        s.press(.escape)
        text = s.lessonMarkdown(workbench: wb)
        #expect(text.contains("they run from \(smallest) to \(largest)"))
        #expect(!text.contains("all close to 0.1"))
        // Lesson 7: a count that gives the asked one away (active = 128 - zeros) stays hidden too.
        let sparsity = ReplayWorkbench.state(number: 7)
        #expect(sparsity.lessonMarkdown(workbench: wb).contains("For x_test[0], ??"))
    }

    @Test("lesson 7 sets the article's 10 in 100 beside the measured 53 of 128, mean 43.8 and sparsest 24")
    func sparsityAgainstTheArticle() throws {
        var s = ReplayWorkbench.state(number: 7)
        s.press(.escape)
        let text = s.lessonMarkdown(workbench: wb).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("out of 100 neurons, only 10 respond to a given input"))
        #expect(text.contains("For x_test[0], 53 of the 128 units respond"))
        #expect(text.contains("43.8 are active on average, about 34%, and even the sparsest digit keeps 24"))
        #expect(!text.contains("multiplies by every zero;"), "the engine skips zeros when it trains")
        // The same figures on the panel's histogram view.
        s.type("v")
        #expect(s.shown.contains("43.8 of 128 units active on average (34%); fewest 24"))
    }

    @Test("lesson 1 qualifies 'the largest output sits at the label': 97.74% of test digits, with the panel's number")
    func labelClaimIsQualified() {
        let s = ReplayWorkbench.state(number: 1)
        let text = s.lessonMarkdown(workbench: wb).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("sits at the digit's label for 97.74% of the 10,000 test digits: most of them, not all"))
        var trained = s
        trained.press(.escape)
        trained.type("u")
        #expect(trained.shown.contains("the largest output sits at the label for 97.74% of the 10,000 test digits"))
    }

    @Test("the course stands alone: no lesson refers to a 'last time' the tutor never showed")
    func noLastTime() {
        for lesson in ReplayWorkbench.lessons {
            let text = (lesson.title + " " + lesson.body + " " + lesson.question).lowercased()
            #expect(!text.contains("last time") && !text.contains("in the series") && !text.contains("last lesson"),
                    "lesson \(lesson.number)")
        }
        #expect(ReplayWorkbench.lessons[0].body.hasPrefix("This course takes one small neural network apart"))
    }

    @Test("terms are explained where a learner first meets them")
    func termsExplained() throws {
        let lessons = ReplayWorkbench.lessons
        func body(_ n: Int) -> String { lessons.first { $0.number == n }!.body.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        // The engine: explained in lesson 1, before any panel names it.
        #expect(body(1).contains("this tutor's own engine, Swift code that does the same arithmetic as Keras"))
        // Glorot uniform: not on lesson 1's panel; explained in lesson 5 with the live limit.
        var network = ReplayWorkbench.state(number: 1)
        network.press(.escape)
        #expect(!network.shown.contains("Glorot"))
        let dense = ReplayWorkbench.state(number: 5).lessonMarkdown(workbench: wb).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(dense.contains("Glorot uniform, after Xavier Glorot"))
        #expect(dense.contains("the range is -0.081 to +0.081, the square root of 6 / (784 + 128)"))
        #expect(body(8).contains("(that is regularisation: anything that keeps a model from fitting its training data too closely)"))
        #expect(body(10).contains("How big those nudges are is set by the learning rate"))
        // The summary's size: in the lesson and on the panel, once answered.
        var summary = ReplayWorkbench.state(number: 3)
        summary.press(.escape)
        #expect(summary.lessonMarkdown(workbench: wb).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                .contains("For this model that comes to 397.54 KB."))
        #expect(summary.shown.contains("397.54 KB: 101,770 numbers × 4 bytes each (float32), counted in KB of 1,024 bytes."))
    }

    @Test("lesson 8: one vocabulary (active/zero after ReLU, dropped/kept by the mask) in the text, the panel, plain mode and the live values")
    func dropoutVocabulary() throws {
        var s = ReplayWorkbench.state(number: 8)
        s.press(.escape)
        let t = (s.panel as! DropoutPanel).trace(wb)
        let dropped = t.droppedCount, kept = 128 - dropped
        let activeBefore = t.hiddenOutputs.filter { $0 > 0 }.count
        let activeAfter = t.dropoutOutputs.filter { $0 > 0 }.count
        #expect(s.live("dropped_count") == Double(dropped) && s.live("kept_count") == Double(kept))
        #expect(s.live("active_before") == Double(activeBefore) && s.live("active_after") == Double(activeAfter))
        #expect(activeAfter < activeBefore && activeAfter < kept)
        let panel = s.shown
        #expect(panel.contains("\(activeBefore) active, \(t.zeroCount) zero"))
        #expect(panel.contains("the mask drops \(dropped) of 128, keeps \(kept)"))
        #expect(panel.contains("still active: \(activeAfter), each × 1/(1-0.2) = 1.25"))
        #expect(panel.contains("\(activeAfter) active (scaled), \(kept - activeAfter) zero, \(dropped) dropped (of 128)"))
        #expect(!panel.contains("active 0") && !panel.contains("kept and scaled") && !panel.contains("stay active"))
        let text = s.lessonMarkdown(workbench: wb).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("for x_test[0], \(activeBefore) before, \(activeAfter) after this mask"))
        #expect(!text.contains("switched off"))
        #expect(s.question.feedback == nil)
        var answered = ReplayWorkbench.state(number: 8)
        answered.type(String(dropped))
        answered.press(.enter)
        #expect(answered.question.feedback == "Right: \(dropped). This mask drops \(dropped) and keeps \(kept); of the \(activeBefore) active units, \(activeAfter) stay active, each × 1.25.")
    }
}

@Suite("Live texts")
struct LiveTextTests {
    let wb = ReplayWorkbench.workbench

    @Test("every panel writes every live text, and every live value that exists, for each lesson")
    func everyNameHasText() {
        for lesson in ReplayWorkbench.lessons {
            let panel = lesson.panel.make(lesson, workbench: wb)
            wb.settle()  // what the panel started in the background (lesson 16's classification), done
            for name in lesson.panel.liveTexts {
                #expect(panel.liveText(name, workbench: wb)?.isEmpty == false, "lesson \(lesson.number): \(name)")
            }
            for name in lesson.panel.liveValues {
                let value = panel.liveValue(name, workbench: wb)
                let text = panel.liveText(name, workbench: wb)
                #expect((value == nil) == (text == nil), "lesson \(lesson.number): \(name)")
                // The text is the value, rounded to the digits it shows.
                if let value, let text, let read = AnswerSpec.parseNumber(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
                    let decimals = text.split(separator: ".").dropFirst().first.map { $0.prefix { $0.isNumber }.count } ?? 0
                    let halfUnit = 0.5 * (0 ..< decimals).reduce(1.0) { r, _ in r / 10 }
                    #expect(abs(read - value) <= halfUnit * 1.0001 + 1e-9, "lesson \(lesson.number): \(name) \(value) as \(text)")
                }
            }
        }
    }
}
