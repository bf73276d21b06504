import NeuralNet
import Testing
@testable import Tutor

/// Lesson 14 replayed through `TutorState.update`, with real (small) runs side by side.
@Suite("Activation panel, replayed")
struct ActivationPanelTests {
    static var workbench: Workbench { ReplayWorkbench.workbench }
    /// One epoch on 200 images, linear against relu: seconds in a debug build.
    static let quick: [LessonOption: LessonOptionValue] = [.epochs: .integer(1), .trainSize: .integer(200), .activations: .words(["linear", "relu"])]

    @Test("a prediction typed first is judged when both runs end; the table, curves and verdict show the linear model's accuracy")
    func predictThenTrain() throws {
        var state = ExperimentLessons.state("activation", Self.quick)
        #expect(state.questionText(workbench: Self.workbench)
                == "Without ReLU (activation=None, so a linear hidden layer), what test accuracy will the model reach after 1 epoch, in percent?")
        #expect(state.shown.contains("Press g to train the 2 models side by side."))
        state.type("92")
        state.press(.enter)
        #expect(state.question.prediction?.response == "92" && state.question.verdict == nil && !state.revealed)
        #expect(state.answerLine.text.contains("Press g to train the 2 models: your prediction is checked when all have finished."))

        let request = try #require(state.type("g").trainingRequest)
        #expect(request.runs.map(\.activation) == [.linear, .relu] && request.parallel == ParallelRuns.coreCount)
        #expect(request.runs.allSatisfy {
            $0.hidden == [128] && $0.epochs == 1 && $0.trainSize == 200 && $0.batchSize == 32 && $0.seed == 0 && $0.dropout == 0.2
        })
        state.type("+")  // the epochs are fixed while training
        #expect(state.shown.contains("fixed while training"))
        let updates = state.train(request, workbench: Self.workbench)
        let runs = ExperimentLessons.finishedRuns(updates)
        try #require(runs.count == 2)

        // The live value is the linear run's own test evaluation, and the prediction was judged by it.
        let linear = try #require(state.live("linear_test_accuracy_percent"))
        #expect(linear == Double(runs[0]!.test.accuracy) * 100)
        #expect(state.live("best_test_accuracy_percent") == Double(max(runs[0]!.test.accuracy, runs[1]!.test.accuracy)) * 100)
        let verdict = try #require(state.question.verdict)
        #expect(verdict == state.lesson.answer.judge("92", live: linear))
        #expect(state.revealed && state.question.feedback?.contains("The linear model reached \(PanelNumber.fixed(linear, 2))%") == true)

        // The table: one row per activation with its test loss and accuracy; both curves start at epoch 0.
        let text = state.shown
        for (i, name) in ["linear", "relu"].enumerated() {
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(name + " ") }, "a row for \(name):\n\(text)")
            #expect(row.contains("1/1") && row.contains(PanelNumber.percent(Double(runs[i]!.test.accuracy), 2)), "\(row)")
            #expect(row.contains(PanelNumber.fixed(Double(runs[i]!.test.loss), 4)), "\(row)")
        }
        #expect(text.contains("Without an activation: \(PanelNumber.fixed(linear, 2))%"))
        let view = state.panel.view(workbench: Self.workbench, revealed: true)
        let charts = view.charts
        #expect(charts.map(\.title) == ["Test loss per epoch", "Test accuracy (%) per epoch"])
        for chart in charts {
            #expect(chart.series.map(\.name) == ["linear", "relu"])
            #expect(chart.series.allSatisfy { $0.values.count == 2 && $0.positions == [0, 1] })
        }
        // Epoch 0 is the untrained model (loss near ln 10); epoch 1 is the run's last test evaluation.
        #expect(abs(charts[0].series[0].values[0] - 2.3026) < 0.3)
        #expect(charts[1].series[1].values[1] == Double(runs[1]!.test.accuracy) * 100)
        expectFitsNarrowPanel(view, "activation, revealed")
        expectFitsNarrowPanel(state.panel.view(workbench: Self.workbench, revealed: false), "activation, hidden")
    }

    @Test("before the answer, the linear model's accuracy is hidden in the table and the accuracy chart")
    func hiddenUntilAnswered() throws {
        var state = ExperimentLessons.state("activation", Self.quick.merging([.trainSize: .integer(100)]) { $1 })
        let request = try #require(state.type("g").trainingRequest)
        let runs = ExperimentLessons.finishedRuns(state.train(request, workbench: Self.workbench))
        let linear = try #require(state.live("linear_test_accuracy_percent"))
        #expect(!state.revealed)
        let text = state.shown
        #expect(!text.contains(PanelNumber.fixed(linear, 2) + "%"), "\(text)")
        #expect(text.contains("??") && text.contains("stays hidden until you answer"))
        #expect(text.contains(PanelNumber.percent(Double(runs[1]!.test.accuracy), 2)), "relu's accuracy is not the question's")
        let accuracy = try #require(state.panel.view(workbench: Self.workbench, revealed: false).charts.last)
        #expect(accuracy.series.map(\.name) == ["relu"])

        // Esc skips: everything shows.
        state.press(.escape)
        #expect(state.revealed && state.shown.contains(PanelNumber.fixed(linear, 2) + "%"))
    }

    @Test("the deeper stack's gradients: per layer from the engine's backward pass, sigmoid's first layers far smaller than relu's")
    func vanishingGradients() throws {
        var state = ReplayWorkbench.state(at: "activation")
        let panel = try #require(state.panel as? ActivationPanel)
        #expect(panel.deepLayers == 5 && panel.deepUnits == 64)
        let bars = state.panel.view(workbench: Self.workbench, revealed: false).barCharts
        try #require(bars.count == 2)
        #expect(bars.map { $0.title ?? "" }.allSatisfy { $0.hasSuffix("layer 1 (pixels) … out") })
        #expect(bars.allSatisfy { $0.labels == ["1", "2", "3", "4", "5", "out"] })

        // The bars are mean |dLoss/dw| of each kernel, computed here from Sequential.gradients directly.
        let data = Self.workbench.data
        let n = ActivationPanel.gradientDigits
        for (chart, activation) in zip(bars, ActivationPanel.deepActivations) {
            let model = Architecture(hidden: Array(repeating: 64, count: 5), activation: activation, dropoutRate: 0.2).model(seed: 0)
            let x = Tensor(shape: [n, 28, 28], scalars: data.xTrain.floats(indices: 0 ..< n))
            let g = try model.gradients(x, data.yTrain.prefix(n).map(Int.init))
            let kernels = g.parameters.filter { $0.name.hasSuffix("/kernel") }
            #expect(kernels.map(\.name) == ["dense", "dense_1", "dense_2", "dense_3", "dense_4", "dense_5"].map { $0 + "/kernel" })
            for (value, kernel) in zip(chart.values, kernels) {
                let mean = kernel.tensor.scalars.reduce(0.0) { $0 + Double(abs($1)) } / Double(kernel.tensor.scalars.count)
                #expect(abs(Double(value) - mean) <= 1e-6 * mean, "\(activation) \(kernel.name)")
            }
        }
        // The vanishing gradient: with sigmoid, the first layer's gradient is orders of magnitude below the
        // output layer's; with relu it is not; and sigmoid's first layer gets far less than relu's.
        let sigmoid = bars[0].values.map(Double.init), relu = bars[1].values.map(Double.init)
        #expect(sigmoid[0] * 1000 < sigmoid[5], "sigmoid \(sigmoid)")
        #expect(zip(sigmoid, sigmoid.dropFirst()).allSatisfy { $0 < $1 }, "sigmoid's gradient shrinks layer by layer: \(sigmoid)")
        #expect(relu[0] * 10 > relu[5], "relu \(relu)")
        let ratio = try #require(state.live("first_layer_gradient_ratio"))
        #expect(abs(ratio - relu[0] / sigmoid[0]) <= 1e-3 * ratio && ratio > 20)
        #expect(state.shown.contains("Layer 1 gets a gradient \(PanelNumber.fixed(ratio, 0))x smaller with sigmoid than with relu."))
        #expect(state.shown.contains("From the output layer back to layer 1 it shrinks \(Int((sigmoid[5] / sigmoid[0]).rounded()).formatted)x with sigmoid"))

        // v brings the gradients to the top, as essential blocks; v again puts the curves first.
        state.type("v")
        let view = state.panel.view(workbench: Self.workbench, revealed: false)
        #expect(view.title == "Vanishing gradients: 5x64")
        #expect(view.leaves.filter { if case .bars = $0.content { true } else { false } }.allSatisfy { $0.importance == .essential })
        state.type("v")
        #expect(state.panel.view(workbench: Self.workbench, revealed: false).title == "Activations: none, relu, sigmoid, tanh")
    }

    @Test("the panel's command is the sweep of the same runs; keys do nothing harmful before a run")
    func commandAndKeys() throws {
        var state = ReplayWorkbench.state(at: "activation")
        #expect(state.panel.liveText("command", workbench: Self.workbench)
                == "mnist-tutor sweep --widths 128 --activations linear,relu,sigmoid,tanh --epochs 5 --dropout 0.2 --seed 0")
        #expect(state.type("s").isEmpty && state.shown.contains("Nothing is training"))
        state.type("-")
        #expect(state.questionText(workbench: Self.workbench).contains("after 4 epochs,"))
        #expect(state.panel.liveText("command", workbench: Self.workbench)?.contains("--epochs 4") == true)
        #expect(state.live("linear_test_accuracy_percent") == nil)
    }
}
