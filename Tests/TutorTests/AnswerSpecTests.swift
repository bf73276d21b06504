import Testing
@testable import Tutor

@Suite("Checking a learner's answer")
struct AnswerSpecTests {
    @Test("numbers: absolute and relative tolerance, readable formats, waiting for the live value")
    func numbers() {
        let spec = AnswerSpec.number(live: "zero_units", tolerance: .absolute(15), close: nil)
        #expect(spec.judge("70", live: 60) == .correct)
        #expect(spec.judge("76", live: 60) == .incorrect(expected: "60"))
        #expect(spec.judge(" 45 ", live: 60) == .correct)
        #expect(spec.judge("sixty", live: 60) == .unreadable("Type a number, such as 42 or 0.5."))
        #expect(spec.judge("60", live: nil) == .waiting)
        let relative = AnswerSpec.number(live: "test_accuracy_percent", tolerance: .relative(percent: 2), close: nil)
        #expect(relative.judge("97%", live: 98) == .correct)
        #expect(relative.judge("95", live: 98) == .incorrect(expected: "98"))
        let exact = AnswerSpec.number(live: "dense_params", tolerance: .absolute(0), close: nil)
        #expect(exact.judge("100,480", live: 100_480) == .correct)
        #expect(exact.judge("100481", live: 100_480) == .incorrect(expected: "100480"))
        #expect(AnswerSpec.number(live: "relu_output", tolerance: .absolute(0), close: nil).judge("\u{2212}5", live: -5) == .correct)
        #expect(exact.judge("1.0048e5", live: 100_480) == .correct)
    }

    @Test("the issue's cases: 150 for 166 ink pixels and 0.1 for a largest probability of 0.1937 are close, not right")
    func nearMisses() {
        let ink = AnswerSpec.number(live: "ink_pixels", tolerance: .relative(percent: 3), close: .relative(percent: 20))
        #expect(ink.judge("166", live: 166) == .correct)
        #expect(ink.judge("162", live: 166) == .correct)  // 2.4% off
        #expect(ink.judge("150", live: 166) == .close(expected: "166"))
        #expect(ink.judge("90", live: 166) == .incorrect(expected: "166"))
        let probability = AnswerSpec.number(live: "max_probability", tolerance: .absolute(0.03), close: .absolute(0.15))
        #expect(probability.judge("0.1", live: 0.1937) == .close(expected: "0.1937"))
        #expect(probability.judge("0.2", live: 0.1937) == .correct)
        #expect(probability.judge("0.5", live: 0.1937) == .incorrect(expected: "0.1937"))
        #expect(AnswerVerdict.close(expected: "1").isJudged && !AnswerVerdict.waiting.isJudged)
    }

    @Test("tolerances in words, and which is wider")
    func toleranceWords() {
        #expect(AnswerSpec.Tolerance.relative(percent: 3).words == "within 3%")
        #expect(AnswerSpec.Tolerance.absolute(0.03).words == "within 0.03")
        #expect(AnswerSpec.Tolerance.absolute(0).words == "exactly")
        #expect(AnswerSpec.Tolerance.absolute(12).isWider(than: .absolute(5)))
        #expect(!AnswerSpec.Tolerance.absolute(5).isWider(than: .absolute(5)))
        #expect(AnswerSpec.Tolerance.relative(percent: 1).isWider(than: .absolute(0)))
        #expect(!AnswerSpec.Tolerance.relative(percent: 10).isWider(than: .absolute(5)))
    }

    @Test("choices: by letter, by number or by text; fixed or decided by a live value")
    func choices() {
        let fixed = AnswerSpec.choice(options: ["-0.0001", "0", "it depends"], correct: .option(1))
        #expect(fixed.judge("b", live: nil) == .correct)
        #expect(fixed.judge("B", live: nil) == .correct)
        #expect(fixed.judge("0", live: nil) == .correct)
        #expect(fixed.judge("2", live: nil) == .correct)
        #expect(fixed.judge("a", live: nil) == .incorrect(expected: "b) 0"))
        #expect(fixed.judge("z", live: nil) == .unreadable("Type one of the letters a, b, c."))
        let live = AnswerSpec.choice(options: ["0", "0.2", "0.5"], correct: .live("smallest_gap_rate"))
        #expect(live.judge("c", live: nil) == .waiting)
        #expect(live.judge("c", live: 0.5) == .correct)
        #expect(live.judge("0.2", live: 0.5) == .incorrect(expected: "c) 0.5"))
        #expect(live.liveValue == "smallest_gap_rate")
        #expect(fixed.liveValue == nil)
    }

    @Test("a choice decided by a sign: above 0 the first option, below the second, at 0 the third; + - 0 typed work too")
    func signs() {
        let spec = AnswerSpec.choice(options: ["up", "down", "stays the same"], correct: .sign("gradient"))
        #expect(spec.liveValue == "gradient")
        #expect(spec.judge("a", live: nil) == .waiting)
        #expect(spec.judge("a", live: 3e-4) == .correct)
        #expect(spec.judge("up", live: 3e-4) == .correct)
        #expect(spec.judge("+", live: 3e-4) == .correct)
        #expect(spec.judge("-", live: 3e-4) == .incorrect(expected: "a) up"))
        #expect(spec.judge("\u{2212}", live: -1e-9) == .correct)
        #expect(spec.judge("b", live: -2) == .correct)
        #expect(spec.judge("0", live: 0) == .correct)
        #expect(spec.judge("c", live: 0) == .correct)
        #expect(spec.judge("a", live: 0) == .incorrect(expected: "c) stays the same"))
        #expect(spec.judge("?", live: 1) == .unreadable("Type one of the letters a, b, c."))
        // Two options: a value of exactly 0 makes neither right, and the verdict says so.
        let two = AnswerSpec.choice(options: ["up", "down"], correct: .sign("gradient"))
        #expect(two.judge("a", live: 0) == .incorrect(expected: "none of these: the value is exactly 0"))
        #expect(two.judge("0", live: 0) == .unreadable("Type one of the letters a, b."))
        // Outside a sign choice, + and - are not answers.
        let fixed = AnswerSpec.choice(options: ["up", "down"], correct: .option(0))
        #expect(fixed.judge("+", live: nil) == .unreadable("Type one of the letters a, b."))
    }
}
