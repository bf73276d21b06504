import NeuralNet
import Testing
@testable import Tutor

/// Lesson 13's measurements: the finite difference against the engine's back-propagated gradient, the
/// effect of h, zero gradients where a weight cannot matter, and the two optimizer steps.
@Suite("Lesson 13: a gradient, one weight at a time")
struct GradientPanelTests {
    let wb = ReplayWorkbench.workbench

    func batch(_ n: Int = 32) -> (Tensor, [Int]) {
        let x = Tensor(shape: [n, 784], scalars: wb.images(train: true).floats(indices: 0 ..< n))
        return (x, wb.labels(train: true).prefix(n).map(Int.init))
    }

    @Test("the double-precision slope agrees with the back-propagated gradient to 4+ digits, hidden and output weights, both models")
    func slopeMatchesGradient() throws {
        let (x, labels) = batch()
        let weights: [WeightChoice] = [WeightChoice(.hidden(row: 14, column: 14, unit: 0)), WeightChoice(.hidden(row: 10, column: 16, unit: 77)),
                                       WeightChoice(.output(unit: 3, digit: 5)), WeightChoice(.output(unit: 100, digit: 0))]
        var nonzero = 0
        for trained in [true, false] {
            let model = wb.model(trained: trained)
            for weight in weights {
                let p = try GradientProbe(model: model, x: x, labels: labels, weight: weight, h: 1e-3)
                if p.gradient != 0 { nonzero += 1 }
                #expect(p.agreeingDigits >= 4, "\(trained) \(weight): slope \(p.slope), gradient \(p.gradient)")
                #expect(abs(p.slope - Double(p.gradient)) <= 1e-4 * abs(Double(p.gradient)) + 1e-9)
                // The loss the engine differentiated is the loss the double forward pass computes.
                #expect(abs(Double(p.engineLoss) - p.loss) <= 1e-5 * p.loss)
                // A step against the slope lowers the loss by about slope x step (to first order).
                #expect((p.lossMinus - p.loss) * Double(p.gradient) < 0 || p.gradient == 0)
            }
        }
        #expect(nonzero >= 6, "most of these weights matter on this batch")
    }

    @Test("float32 finite differences fall apart at a tiny h; double precision does not")
    func precisionAtSmallH() throws {
        let (x, labels) = batch()
        let weight = WeightChoice(.hidden(row: 14, column: 14, unit: 0))
        let model = wb.model(trained: false)
        let tiny = try GradientProbe(model: model, x: x, labels: labels, weight: weight, h: 1e-7)
        #expect(GradientProbe.agreeingDigits(tiny.slope, Double(tiny.gradient)) >= 3)
        #expect(GradientProbe.agreeingDigits(tiny.floatSlope, Double(tiny.gradient)) <= 2,
                "float32 slope \(tiny.floatSlope) vs gradient \(tiny.gradient)")
        let fair = try GradientProbe(model: model, x: x, labels: labels, weight: weight, h: 1e-2)
        let g = Double(fair.gradient)
        #expect(abs(fair.floatSlope - g) < abs(tiny.floatSlope - g), "float32: h = 0.01 is closer than h = 1e-7")
    }

    @Test("a blank pixel's weight has a gradient of exactly 0, and so has its slope")
    func blankPixel() throws {
        let (x, labels) = batch()
        let p = try GradientProbe(model: wb.trained, x: x, labels: labels, weight: WeightChoice(.hidden(row: 0, column: 0, unit: 5)), h: 1e-3)
        #expect(p.gradient == 0 && p.slope == 0 && p.agreeingDigits == 9)
    }

    @Test("one step: SGD moves the weight by -0.01 g; Adam's first step by about -0.001 sign(g); both lower the untrained loss")
    func steps() throws {
        let (x, labels) = batch()
        let p = try GradientProbe(model: wb.model(trained: false), x: x, labels: labels,
                                  weight: WeightChoice(.output(unit: 3, digit: 5)), h: 1e-3)
        #expect(abs(p.sgd.weightChange + 0.01 * p.gradient) <= 1e-6)
        #expect(abs(abs(p.adam.weightChange) - 0.001) <= 1e-4 && (p.adam.weightChange < 0) == (p.gradient > 0))
        #expect(Double(p.sgd.lossAfter) < p.loss && Double(p.adam.lossAfter) < p.loss)
    }

    @Test("agreeing digits: 1.23456 and 1.23467 share 4; equal numbers share all")
    func digits() {
        #expect(GradientProbe.agreeingDigits(1.23456, 1.23467) == 4)
        #expect(GradientProbe.agreeingDigits(-2e-5, -2e-5) == 9)
        #expect(GradientProbe.agreeingDigits(1, -1) == 0)
    }

    @Test("replay: keys move the weight, the question is about the weight on screen, the reveal shows both slopes")
    func replay() throws {
        var s = ReplayWorkbench.state(at: "gradient")
        #expect(s.questionText(workbench: wb) == "If dense/kernel[406, 0] grows a little, will the loss on x_train[:32] go up or down?")
        #expect(s.shown.contains("?? (answer first)") && !s.shown.contains("backprop gradient"))
        s.type("lj]")
        #expect(s.questionText(workbench: wb).hasPrefix("If dense/kernel[435, 1] grows"))
        let gradient = try #require(s.live("gradient"))
        let right = gradient > 0 ? "a" : gradient < 0 ? "b" : "c"
        s.type(right)
        s.press(.enter)
        #expect(s.question.verdict == .correct)
        #expect(s.question.feedback?.hasPrefix("Right: \(right)) ") == true, "\(s.question.feedback ?? "")")
        #expect(s.shown.contains("backprop gradient      " + GradientPanel.scientific(gradient)))
        #expect(s.shown.contains("one step on all 101,770 parameters"))
        // o: the output layer; h and l then pick the digit.
        s.type("ol")
        #expect(s.panel.liveText("weight", workbench: wb) == "dense_1/kernel[1, 1]")
        // > and < change h, within 1e-7 ... 0.1.
        s.type(">>>>>>>")
        #expect(s.panel.liveText("h", workbench: wb) == "0.1")
        s.type("<<<<<<<<<<")
        #expect(s.panel.liveText("h", workbench: wb) == "1e-07")
    }

    @Test("a sign answer also reads + and -: the wrong sign is judged wrong with the right option named")
    func signTyped() throws {
        var s = ReplayWorkbench.state(at: "gradient")
        let gradient = try #require(s.live("gradient"))
        #expect(gradient != 0)
        s.type(gradient > 0 ? "-" : "+")
        s.press(.enter)
        #expect(s.question.verdict == .incorrect(expected: gradient > 0 ? "a) up" : "b) down"))
    }

    @Test("Tab then arrows move the pixel (the panel's own cursor), never the lesson")
    func arrowsMoveThePixel() throws {
        var s = ReplayWorkbench.state(at: "gradient")
        s.press(.tab, .right, .right, .down)
        #expect(s.lesson.id == "gradient")
        let panel = try #require(s.panel as? GradientPanel)
        #expect(panel.row == 15 && panel.col == 16)
        #expect(s.panelArrowHints.isEmpty, "the panel moves its own cursor with all four arrows")
    }
}
