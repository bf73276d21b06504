import NeuralNet
import Testing
@testable import Tutor

@Suite struct DensePanelTests {
    let wb = ReplayWorkbench.workbench

    @Test func theWorkedSumIsTheEnginesPreActivation() throws {
        var state = ReplayWorkbench.state(at: "dense")
        state.press(.escape)
        for neuron in 0 ..< 4 {
            let panel = try #require(state.panel as? DensePanel)
            #expect(panel.neuron == neuron)
            let t = wb.trace(trained: true, train: false, index: 0)
            let sum = panel.workedSum(wb)
            #expect(sum.z == t.preActivations[neuron])
            #expect(state.live("pre_activation") == Double(t.preActivations[neuron]))
            #expect(state.live("bias") == Double(wb.trained.denseLayers[0].layer.bias(ofUnit: neuron)))
            // The shown sum and the engine's value, side by side.
            let text = state.shown
            let z = PanelNumber.signed(t.preActivations[neuron], 3)
            #expect(text.contains("z = \(z); the engine gets \(z) (same)"))
            // The largest products really are the largest.
            let x = wb.input(train: false, index: 0)
            let w = wb.trained.denseLayers[0].layer.weights(ofUnit: neuron)
            let biggest = x.indices.map { abs(x[$0] * w[$0]) }.max()!
            #expect(abs(sum.largest[0].product) == biggest)
            state.type("+")
        }
        state.type("-")
        #expect(try #require(state.panel as? DensePanel).neuron == 3)
        state.type("----")
        #expect(try #require(state.panel as? DensePanel).neuron == 127)
    }

    @Test func digitAndModelKeysChangeTheSum() throws {
        var state = ReplayWorkbench.state(at: "dense")
        let first = try #require(state.live("pre_activation"))
        state.type("]")
        #expect(state.live("pre_activation") == Double(wb.trace(trained: true, train: false, index: 1).preActivations[0]))
        #expect(state.live("pre_activation") != first)
        state.type("u")
        let panel = try #require(state.panel as? DensePanel)
        #expect(!panel.trainedModel)
        #expect(state.live("pre_activation") == Double(wb.trace(trained: false, train: false, index: 1).preActivations[0]))
        // Keras's starting bias is 0.
        #expect(state.live("bias") == 0)
    }

    @Test func countsPerNeuronAndTheHiddenAnswer() {
        var state = ReplayWorkbench.state(at: "dense")
        #expect(state.live("weights_per_neuron") == 784)
        #expect(state.live("parameters_per_neuron") == 785)
        #expect(state.shown.contains("= ?? to learn"))
        #expect(!state.shown.contains("785"))
        state.type("785")
        state.press(.enter)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains("= 785 to learn"))
    }

    @Test func weightPictureIsSymmetricAroundZero() {
        let (pixels, largest) = DensePanel.weightImage([-0.5, 0, 0.25, 0.5])
        #expect(largest == 0.5)
        #expect(pixels == [0, 128, 191, 255])
    }
}
