import NeuralNet
import Testing
@testable import Tutor

/// Lesson 12 replayed through `TutorState.update`, with three real (small) training runs.
@Suite("Overfitting panel, replayed")
struct OverfittingPanelTests {
    @Test("three runs give the gap table and chart; the live values match the reports; answering reveals them")
    func threeRates() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "overfitting")
        state.type("--------")  // epochs 10 -> 2
        #expect(state.shown.contains("2 epochs each on 10,000 training images"))

        var request = try #require(state.type("g").trainingRequest)
        #expect(request.runs.map(\.dropout) == [0, 0.2, 0.5])
        #expect(request.runs.allSatisfy {
            $0.epochs == 2 && $0.trainSize == 10_000 && $0.batchSize == 32 && $0.seed == 42 && $0.measureTrainAccuracy
        })
        state.type("+")  // the epochs are fixed while training
        #expect(state.shown.contains("2 epochs each on 10,000 training images"))
        // Kept fast for a debug build: the first 1,000 of the lesson's 10,000 images.
        for i in request.runs.indices { request.runs[i].trainSize = 1_000 }
        #expect(state.panel.liveValue("smallest_gap_rate", workbench: workbench) == nil)

        let updates = state.train(request, workbench: workbench)
        // The gaps, computed here from the runner's own reports: last epoch's train minus test accuracy.
        var last: [Int: (train: Double, test: Double)] = [:]
        var epochsSeen = [0, 0, 0]
        for case .epoch(_, let run, _, let test, let train?) in updates {
            last[run] = (Double(train), Double(test.accuracy))
            epochsSeen[run] += 1
        }
        #expect(epochsSeen == [2, 2, 2])
        let gaps = (0 ..< 3).map { last[$0]!.train - last[$0]!.test }
        let rates = [0.0, 0.2, 0.5]
        let smallest = rates[gaps.firstIndex(of: gaps.min()!)!]
        #expect(state.panel.liveValue("smallest_gap_rate", workbench: workbench) == smallest)
        let largest = try #require(state.panel.liveValue("largest_gap_percent", workbench: workbench))
        #expect(abs(largest - gaps.max()! * 100) < 1e-9)

        // Before the answer: test accuracies only, training accuracies and gaps hidden.
        let hidden = state.shown
        #expect(hidden.contains("rate epochs   train    test   gap"))
        #expect(hidden.contains("??"))
        #expect(hidden.contains("Test accuracy (%) per epoch\n"))
        #expect(!hidden.contains("smallest"))

        // Answer with the right option's letter; the table and chart then show the gaps.
        let letter = String(AnswerSpec.letter(rates.firstIndex(of: smallest)!))
        state.type(letter)
        _ = state.update(.key(.enter), workbench: workbench)
        #expect(state.question.verdict == .correct)
        let shown = state.panel.view(workbench: workbench, revealed: state.revealed)
        let text = shown.plainText
        for (i, rate) in ["0", "0.2", "0.5"].enumerated() {
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(rate + " ") }, "a table row for dropout \(rate)")
            #expect(row.contains(OverfittingPanel.percent(last[i]!.train)) && row.contains(OverfittingPanel.percent(last[i]!.test)))
            #expect(row.contains(PanelNumber.fixed(gaps[i] * 100, 2)))
            #expect(row.hasSuffix("smallest") == (rates[i] == smallest))
        }
        expectFitsNarrowPanel(shown, "overfitting, revealed")
        expectFitsNarrowPanel(state.panel.view(workbench: workbench, revealed: false), "overfitting, hidden")
        let chart = try #require(shown.blocks.lazy.compactMap { block -> [SeriesModel]? in
            if case .chart(let series, _, _) = block.content { return series } else { return nil }
        }.first)
        #expect(chart.map(\.name) == ["dropout 0", "dropout 0.2", "dropout 0.5"] && chart.allSatisfy { $0.values.count == 2 && $0.xLabel == "epoch" })
        #expect(abs(chart[0].values[1] - gaps[0] * 100) < 1e-9)
        #expect(text.contains("Smallest gap: dropout \(OverfittingPanel.rateText(smallest))"))
    }

    @Test("a stopped job leaves the comparison open: no live values")
    func stoppedJob() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "overfitting")
        var request = try #require(state.type("g").trainingRequest)
        for i in request.runs.indices { request.runs[i].trainSize = 100 }
        state.train(request, workbench: workbench, stopAtOnce: true)
        let panel = try #require(state.panel as? OverfittingPanel)
        #expect(panel.phase == .finished(stopped: true))
        #expect(state.panel.liveValue("smallest_gap_rate", workbench: workbench) == nil)
        #expect(state.panel.liveValue("largest_gap_percent", workbench: workbench) == nil)
        #expect(state.shown.contains("Stopped early"))
        state.type("-")
        #expect((state.panel as? OverfittingPanel)?.epochs == 9)
    }
}
