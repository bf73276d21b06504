import Testing
@testable import Tutor

@Suite("Checking a learner's answer")
struct AnswerSpecTests {
    @Test("numbers: absolute and relative tolerance, readable formats, waiting for the live value")
    func numbers() {
        let spec = AnswerSpec.number(live: "zero_units", tolerance: .absolute(15))
        #expect(spec.judge("70", live: 60) == .correct)
        #expect(spec.judge("76", live: 60) == .incorrect(expected: "60"))
        #expect(spec.judge(" 45 ", live: 60) == .correct)
        #expect(spec.judge("sixty", live: 60) == .unreadable("Type a number, such as 42 or 0.5."))
        #expect(spec.judge("60", live: nil) == .waiting)
        let relative = AnswerSpec.number(live: "test_accuracy_percent", tolerance: .relative(percent: 2))
        #expect(relative.judge("97%", live: 98) == .correct)
        #expect(relative.judge("95", live: 98) == .incorrect(expected: "98"))
        let exact = AnswerSpec.number(live: "dense_params", tolerance: .absolute(0))
        #expect(exact.judge("100,480", live: 100_480) == .correct)
        #expect(exact.judge("100481", live: 100_480) == .incorrect(expected: "100480"))
        let small = AnswerSpec.number(live: "max_probability", tolerance: .absolute(0.08))
        #expect(small.judge("0.1", live: 0.1634) == .correct)
        #expect(small.judge("0.5", live: 0.16341) == .incorrect(expected: "0.1634"))
        #expect(AnswerSpec.number(live: "relu_output", tolerance: .absolute(0)).judge("\u{2212}5", live: -5) == .correct)
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
}
