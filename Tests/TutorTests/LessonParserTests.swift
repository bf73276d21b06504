import Testing
@testable import Tutor

@Suite("Lesson files: parsing and file:line errors")
struct LessonParserTests {
    @Test("a valid lesson gives every part: number, id, panel, typed options, keys, Keras lines, body, Try this, answer")
    func validLesson() throws {
        let lesson = try LessonParser.parse(LessonFixtures.valid(), file: "/x/Lessons/08-dropout.md")
        #expect(lesson.number == 8)
        #expect(lesson.id == "dropout")
        #expect(lesson.title == "Dropout")
        #expect(lesson.panel.name == "dropout" && lesson.panel.type == DropoutPanel.self)
        #expect(lesson.options.number(.rate) == 0.2)
        #expect(lesson.options.word(.mode) == "training")
        #expect(lesson.options.digit == 0)  // the default
        #expect(lesson.options.explicit.count == 2)
        #expect(lesson.keys.first == KeyBinding(key: "+", action: "rate_up"))
        #expect(lesson.action(forKey: "space") == "new_mask")
        #expect(lesson.keys.first { $0.key == "space" }?.character == " ")
        #expect(lesson.kerasLines == ["tf.keras.layers.Dropout(0.2)"])
        #expect(lesson.body == "Some text.\n\n```python\ntf.keras.layers.Dropout(0.2)\n```\n\nMore text.")
        #expect(lesson.tryThis == ["Press `+` and `-` to change the rate, continued on a second line.", "Press `m`, `space`, `[` and `]`."])
        #expect(lesson.answer == .number(live: "dropped_count", tolerance: .absolute(10), close: nil))
        #expect(lesson.reason == "a random mask strays from its average")
        #expect(lesson.explain == nil)
        #expect(lesson.file == "/x/Lessons/08-dropout.md")
    }

    /// Replaces `old` in the valid lesson and returns the parse error.
    static func errorAfterReplacing(_ old: String, with new: String) -> LessonError? {
        let text = LessonFixtures.valid()
        precondition(text.contains(old), "fixture lacks \(old)")
        return LessonFixtures.error(text.replacingOccurrences(of: old, with: new))
    }

    @Test("unknown key: file:line names it and lists the known keys")
    func unknownKey() throws {
        let error = try #require(Self.errorAfterReplacing("title: Dropout", with: "titel: Dropout"))
        #expect(error.kind == .unknownKey)
        #expect(error.description == "08-dropout.md:3: unknown key 'titel' (known keys: id, title, panel, options, keys, question, answer, reason, explain, part)")
    }

    @Test("missing id, title or panel", arguments: ["id: dropout\n", "title: Dropout\n", "panel: dropout\n"])
    func missingRequiredKey(line: String) throws {
        let error = try #require(Self.errorAfterReplacing(line, with: ""))
        #expect(error.kind == .missingKey)
        let key = String(line.prefix { $0 != ":" })
        #expect(error.description.hasPrefix("08-dropout.md:1: the front matter has no '\(key):' line"))
    }

    @Test("unknown panel name lists the twelve panels")
    func unknownPanel() throws {
        let error = try #require(Self.errorAfterReplacing("panel: dropout", with: "panel: dropot"))
        #expect(error.kind == .unknownPanel)
        #expect(error.line == 4)
        #expect(error.message.hasPrefix("unknown panel 'dropot' (panels: network, digits, summary,"))
    }

    @Test("malformed options, an option the panel lacks, and a value out of range")
    func badOptions() throws {
        let malformed = try #require(Self.errorAfterReplacing("rate=0.2, mode=training", with: "rate 0.2, mode=training"))
        #expect(malformed.kind == .malformedOptions)
        #expect(malformed.description.hasPrefix("08-dropout.md:5: options are 'name=value' pairs"))
        let unknown = try #require(Self.errorAfterReplacing("rate=0.2, mode=training", with: "rate=0.2, neuron=3"))
        #expect(unknown.kind == .unknownOption)
        #expect(unknown.message.contains("panel 'dropout' has no option 'neuron'"))
        let range = try #require(Self.errorAfterReplacing("rate=0.2", with: "rate=1.5"))
        #expect(range.kind == .badOptionValue)
        #expect(range.message == "rate=1.5: must be from 0.0 to 0.9")
        let word = try #require(Self.errorAfterReplacing("mode=training", with: "mode=train"))
        #expect(word.message == "mode=train: must be one of training, inference")
        let twice = try #require(Self.errorAfterReplacing("mode=training", with: "mode=training, rate=0.3"))
        #expect(twice.kind == .malformedOptions)
    }

    @Test("bad answer specs each say what the right form is", arguments: [
        ("number, live=dropped_count", "a number answer is 'number, live=NAME, tolerance=T'"),
        ("number, live=zero_units, tolerance=3", "panel 'dropout' has no live value 'zero_units'"),
        ("number, live=dropped_count, tolerance=-1", "tolerance '-1' must be a number of 0 or more"),
        ("number, live=dropped_count, tolerance=5, close=x", "close 'x' must be a number of 0 or more"),
        ("number, live=dropped_count, tolerance=5, close=3", "close=3 must be wider than tolerance=5"),
        ("number, live=dropped_count, tolerance=5, close=10%", "close=10% must be wider than tolerance=5"),
        ("number, live=dropped_count, tolerance=5, near=9", "a number answer is 'number, live=NAME, tolerance=T'"),
        ("choice, options=a|b, correct=c", "correct=c is not one of the options (a | b)"),
        ("choice, options=a, correct=a", "choice options must be 2 to 6 different"),
        ("choice, options=x|y, live=dropped_count", "a choice decided by a live value needs numeric options"),
        ("choice, options=up|down|same|other, sign=dropped_count", "a choice decided by a sign has 2 or 3 options"),
        ("choice, options=up|down, sign=zero_units", "panel 'dropout' has no live value 'zero_units'"),
        ("choice, options=up|down, sign=dropped_count, correct=up", "a choice answer is 'choice, options=A|B|C, correct=B'"),
        ("guess, live=dropped_count", "the answer kind must be 'number', 'choice' or 'pair'; found 'guess'"),
    ])
    func badAnswer(spec: String, message: String) throws {
        let error = try #require(Self.errorAfterReplacing("number, live=dropped_count, tolerance=10", with: spec))
        #expect(error.kind == .badAnswer)
        #expect(error.line == 8)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("a choice decided by a live value's sign: sign=NAME")
    func signChoice() throws {
        let text = LessonFixtures.valid().replacingOccurrences(of: "number, live=dropped_count, tolerance=10", with: "choice, options=more|fewer|none, sign=dropped_count")
        let lesson = try LessonParser.parse(text, file: "08-dropout.md")
        #expect(lesson.answer == .choice(options: ["more", "fewer", "none"], correct: .sign("dropped_count")))
        #expect(lesson.answer.liveValue == "dropped_count")
    }

    @Test("close and explain: a near-miss range wider than the tolerance, and a note shown with the verdict")
    func closeAndExplain() throws {
        let text = LessonFixtures.valid().replacingOccurrences(of: "tolerance=10\n", with: "tolerance=3%, close=20%\nexplain: {{kept_count}} kept\n")
        let lesson = try LessonParser.parse(text, file: "08-dropout.md")
        #expect(lesson.answer == .number(live: "dropped_count", tolerance: .relative(percent: 3), close: .relative(percent: 20)))
        #expect(lesson.explain == "{{kept_count}} kept")
        // An exact answer may have a close range of either kind.
        let exact = LessonFixtures.valid().replacingOccurrences(of: "tolerance=10", with: "tolerance=0, close=1%")
        #expect(try LessonParser.parse(exact, file: "08-dropout.md").answer
                == .number(live: "dropped_count", tolerance: .absolute(0), close: .relative(percent: 1)))
    }

    @Test("a number answer without a reason for its tolerance is an error naming the answer line")
    func reasonRequired() throws {
        let error = try #require(Self.errorAfterReplacing("reason: a random mask strays from its average\n", with: ""))
        #expect(error.kind == .missingKey && error.line == 8)
        #expect(error.message.hasPrefix("a number answer needs a 'reason:' line"))
    }

    @Test("placeholders must be live values or texts of the panel, wherever they are written", arguments: [
        ("More text.", "More text with {{zero_units}}.", 17),
        ("How many units are dropped?", "How many units are dropped for {{digits}}?", 7),
        ("reason: a random mask", "explain: {{kept}}\nreason: a random mask", 9),
    ])
    func unknownPlaceholder(old: String, new: String, line: Int) throws {
        let error = try #require(Self.errorAfterReplacing(old, with: new))
        #expect(error.kind == .unknownPlaceholder)
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains("is not a live value of panel 'dropout' (it has: dropped_count, kept_count, scale,"))
    }

    @Test("front matter that is never closed points at its opening line")
    func unterminatedFrontMatter() throws {
        let text = "---\nid: dropout\ntitle: Dropout\n\nSome text without the closing line.\n"
        let error = try #require(LessonFixtures.error(text))
        #expect(error.kind == .unterminatedFrontMatter)
        #expect(error.line == 1)
        let onlyKeys = try #require(LessonFixtures.error("---\nid: dropout\ntitle: Dropout\n"))
        #expect(onlyKeys.kind == .unterminatedFrontMatter)
        #expect(onlyKeys.description.hasPrefix("08-dropout.md:1: the front matter opened here is never closed"))
    }

    @Test("no front matter at all, a line without a colon, a key given twice, an empty value")
    func frontMatterShape() throws {
        #expect(LessonFixtures.error("# Dropout\n")?.kind == .missingFrontMatter)
        let noColon = try #require(Self.errorAfterReplacing("title: Dropout", with: "title Dropout"))
        #expect(noColon.kind == .malformedLine && noColon.line == 3)
        let twice = try #require(Self.errorAfterReplacing("title: Dropout", with: "title: Dropout\ntitle: Again"))
        #expect(twice.kind == .duplicateKey)
        #expect(twice.description == "08-dropout.md:4: 'title' is given twice (first on line 3)")
        let empty = try #require(Self.errorAfterReplacing("title: Dropout", with: "title:"))
        #expect(empty.kind == .emptyValue && empty.line == 3)
    }

    @Test("an empty body points at the line after the front matter")
    func emptyBody() throws {
        let error = try #require(LessonFixtures.error(LessonFixtures.valid(body: "\n  \n")))
        #expect(error.kind == .emptyBody)
        #expect(error.line == 11)
        #expect(error.description.hasPrefix("08-dropout.md:11: the lesson has no text after its front matter"))
    }

    @Test("a body without Keras code, with an unclosed code block, or without Try this")
    func bodyParts() throws {
        let noPython = LessonFixtures.valid(body: "Text.\n\n## Try this\n- `+` `-` `m` `space` `[` `]`\n")
        #expect(LessonFixtures.error(noPython)?.kind == .missingKeras)
        let unclosed = LessonFixtures.valid(body: "Text.\n```python\nmodel.fit()\n")
        let error = try #require(LessonFixtures.error(unclosed))
        #expect(error.kind == .missingKeras && error.line == 12)
        let noTry = LessonFixtures.valid(body: "Text.\n```python\nmodel.fit()\n```\n")
        #expect(LessonFixtures.error(noTry)?.kind == .missingTryThis)
    }

    @Test("keys: reserved, unknown action, unbound action, bound twice, not explained in Try this")
    func badKeys() throws {
        let keysLine = "keys: + rate_up, - rate_down, m toggle_mode, space new_mask, [ previous_digit, ] next_digit"
        func error(_ keys: String) throws -> LessonError {
            try #require(Self.errorAfterReplacing(keysLine, with: "keys: " + keys))
        }
        let reserved = try error("+ rate_up, - rate_down, n toggle_mode, space new_mask, [ previous_digit, ] next_digit")
        #expect(reserved.kind == .badKeys && reserved.line == 6)
        #expect(reserved.message.hasPrefix("key 'n' is reserved for the tutor"))
        let action = try error("+ rate_up, - rate_down, m toggle, space new_mask, [ previous_digit, ] next_digit")
        #expect(action.message.hasPrefix("panel 'dropout' has no action 'toggle'"))
        let unbound = try error("+ rate_up, - rate_down, m toggle_mode, space new_mask, [ previous_digit")
        #expect(unbound.message == "panel 'dropout' action 'next_digit' has no key; bind one so the learner can use it")
        let twice = try error("+ rate_up, + rate_down, m toggle_mode, space new_mask, [ previous_digit, ] next_digit")
        #expect(twice.message == "key '+' is bound twice")
        let shape = try error("+rate_up")
        #expect(shape.message.hasPrefix("keys are 'key action' pairs"))
        let unexplained = try #require(LessonFixtures.error(LessonFixtures.valid().replacingOccurrences(of: "`m`, ", with: "")))
        #expect(unexplained.kind == .keyNotExplained && unexplained.line == 6)
        #expect(unexplained.message.hasPrefix("key `m` (toggle_mode) is not mentioned in '## Try this'"))
    }

    @Test("the id must be well formed and match the file name")
    func idChecks() throws {
        let mismatch = try #require(LessonFixtures.error(LessonFixtures.valid(id: "drop")))
        #expect(mismatch.kind == .idMismatch)
        #expect(mismatch.description == "08-dropout.md:2: id 'drop' does not match the file name's 'dropout'; rename the file or change the id")
        let bad = try #require(LessonFixtures.error(LessonFixtures.valid(id: "Drop_out"), file: "08-Drop_out.md"))
        #expect(bad.kind == .badId)
        let name = try #require(LessonFixtures.error(LessonFixtures.valid(), file: "dropout.md"))
        #expect(name.kind == .badFileName)
        #expect(LessonFixtures.error(LessonFixtures.valid(), file: "+8-dropout.md")?.kind == .badFileName)
        #expect(LessonFixtures.error(LessonFixtures.valid(), file: "0-dropout.md")?.kind == .badFileName)
        #expect(name.description.hasPrefix("dropout.md: a lesson file is named NN-id.md"))
    }
}
