@testable import NeuralNet
import Testing
@testable import Tutor

/// Lesson 10 replayed through `TutorState.update`, with a real (small) training run.
@Suite("Training panel, replayed")
struct TrainingPanelTests {
    /// Keys: `j`/`k` choose a setting, `+`/`-` change it, `g` trains, `y` keeps, `x` discards.
    /// The run is cut to 1 epoch on 2,000 images through the panel's own settings, to stay fast in debug.
    @Test("a short run reports the untrained loss, progress and curves, hides the test accuracy until answered, and y keeps the model")
    func shortRun() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "training")
        state.type("jjjjj-----kkkkk----")  // images 60,000 -> 2,000; epochs 5 -> 1
        let panel = try #require(state.panel as? TrainingPanel)
        #expect(panel.settings.trainSize == 2_000 && panel.settings.epochs == 1)
        #expect(panel.settings.batchSize == 32 && panel.settings.dropout == 0.2 && panel.settings.seed == 42)
        #expect(state.shown.contains("2,000 images in batches of 32 = 63 steps per epoch"))

        let effects = state.type("g")
        let request = try #require(effects.trainingRequest)
        #expect(request.id == state.trainingRequestID && state.trainingActive)
        #expect(request.runs.count == 1)
        let run = request.runs[0]
        #expect(run.epochs == 1 && run.trainSize == 2_000 && run.batchSize == 32 && run.seed == 42)
        #expect(abs(run.dropout - 0.2) < 1e-6 && abs(run.learningRate - 0.001) < 1e-9)
        #expect(state.type("+").isEmpty)
        #expect(state.shown.contains("fixed while training"))

        let updates = state.train(request, workbench: workbench)
        #expect(!state.trainingActive)
        let finished = try #require(state.panel as? TrainingPanel)
        #expect(finished.phase == .finished(stopped: false))

        // The untrained loss is near ln 10, and the live values come from the reports.
        let initial = try #require(state.panel.liveValue("initial_loss", workbench: workbench))
        #expect(abs(initial - 2.3026) < 0.2, "untrained loss \(initial)")
        var reportedTest: Evaluation?
        for case .runFinished(_, _, _, let test, _, _, _) in updates { reportedTest = test }
        let test = try #require(reportedTest)
        let accuracy = try #require(state.panel.liveValue("test_accuracy_percent", workbench: workbench))
        #expect(accuracy == Double(test.accuracy) * 100)
        #expect(accuracy > 75, "1 epoch on 2,000 images reached \(accuracy)%")
        let finalLoss = try #require(state.panel.liveValue("final_loss", workbench: workbench))
        #expect(finalLoss == Double(test.loss) && finalLoss < initial / 2)

        // What the panel shows: progress at 63/63, both curves, the epoch table, the accuracy hidden.
        let view = state.panel.view(workbench: workbench, revealed: state.revealed)
        let progress = try #require(view.blocks.lazy.compactMap { block -> ProgressModel? in
            if case .progress(let p) = block.content { return p } else { return nil }
        }.first)
        #expect(progress.completed == 63 && progress.total == 63 && progress.title == "Epoch 1/1")
        #expect(finished.curve.loss.count >= 1 && finished.curve.loss.count == finished.curve.accuracy.count)
        #expect(finished.curve.loss.allSatisfy { $0.isFinite && $0 > 0 })
        let percent = PanelNumber.fixed(accuracy, 2) + "%"
        let hidden = state.shown
        #expect(hidden.contains("Untrained test loss " + PanelNumber.fixed(initial, 4) + " (ln 10 = 2.3026)"))
        #expect(hidden.contains("Trained test loss " + PanelNumber.fixed(finalLoss, 4) + ", accuracy ?? (answer first)"))
        #expect(!hidden.contains(percent))
        #expect(hidden.contains("loss per epoch: "))

        expectFitsNarrowPanel(view, "training, finished")

        // Answering reveals it (the answer is checked against the run's own result).
        state.type(String(Int(accuracy.rounded())))
        _ = state.update(.key(.enter), workbench: workbench)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains(", accuracy " + percent))

        // y keeps the weights the run reached: the kept model scores what the report said.
        let kept = try #require(state.type("y").keptModel)
        #expect(try kept.evaluate(workbench.data.xTest, workbench.data.yTest) == test)
        #expect(state.shown.contains("Kept"))
        #expect(state.type("y").keptModel == nil)
        state.type("x")
        #expect(state.shown.contains("already kept"))
    }

    @Test("before any run y and s do nothing; a stopped run has no test accuracy to answer with; x drops the weights")
    func keepAndDiscardNeedAResult() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "training")
        #expect(state.type("y").isEmpty)
        #expect(state.shown.contains("Nothing to keep yet"))
        #expect(state.type("s").isEmpty)
        #expect(state.shown.contains("Nothing is training"))

        // A run stopped by `s` reports where it got to, but does not answer "with these settings".
        let request = try #require(state.type("g").trainingRequest)
        #expect(state.type("s").contains { if case .stopTraining = $0 { true } else { false } })
        let updates = state.train(request, workbench: workbench, stopAtOnce: true)
        #expect(updates.contains { if case .finished(_, stopped: true) = $0 { true } else { false } })
        let panel0 = try #require(state.panel as? TrainingPanel)
        #expect(panel0.phase == .finished(stopped: true) && panel0.epochResults.isEmpty)
        #expect(state.panel.liveValue("test_accuracy_percent", workbench: workbench) == nil)
        #expect(state.panel.liveValue("final_loss", workbench: workbench) != nil)
        #expect(state.shown.contains("Stopped after"))
        state.type("x")
        let panel = try #require(state.panel as? TrainingPanel)
        #expect(panel.outcome?.decision == .discarded && panel.outcome?.model == nil)
        #expect(state.type("y").keptModel == nil)
    }

    @Test("a job started in another lesson ends this panel's job: it shows stopped, not running forever")
    func supersededJob() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "training")
        let first = try #require(state.type("g").trainingRequest)
        let trainingLesson = state.index
        state.type("nn")
        #expect(state.lesson.id == "overfitting")
        let second = try #require(state.type("g").trainingRequest)
        #expect(second.id == first.id + 1 && state.trainingLessonIndex == state.index)
        let old = try #require(state.panels[trainingLesson] as? TrainingPanel)
        #expect(old.phase == .finished(stopped: true))
        // Its reports, should any still arrive, are ignored: the id is no longer wanted.
        #expect(state.receive(.failed(request: first.id, message: "late"), workbench: workbench).isEmpty)
        #expect((state.panels[trainingLesson] as? TrainingPanel)?.phase == .finished(stopped: true))
        #expect(state.trainingActive)
    }

    @Test("settings step through sensible values and stay in range")
    func settingsSteps() {
        var s = TrainingSettings(options: LessonOptions([.batch: .integer(100), .lr: .number(0.001)]))
        s.step(.batchSize, by: 1)
        #expect(s.batchSize == 128)
        s.step(.batchSize, by: -1); s.step(.batchSize, by: -1)
        #expect(s.batchSize == 32)
        s.step(.learningRate, by: 1)
        #expect(s.text(.learningRate) == "0.003")
        for _ in 0 ..< 20 { s.step(.learningRate, by: 1) }
        #expect(s.learningRate == 1 && s.text(.learningRate) == "1")
        for _ in 0 ..< 20 { s.step(.learningRate, by: -1) }
        #expect(s.text(.learningRate) == "0.000001")
        for _ in 0 ..< 12 { s.step(.dropout, by: 1) }
        #expect(s.text(.dropout) == "0.9")
        for _ in 0 ..< 60 { s.step(.epochs, by: 1) }
        #expect(s.epochs == 50)
        s.step(.seed, by: -1); s.step(.seed, by: -1)
        #expect(s.seed == 0)
        s.step(.trainSize, by: 1)
        #expect(s.trainSize == 60_000)
        #expect(s.run(label: "x").trainSize == 60_000)
    }

    @Test("the command line writes every setting so that it reads back as the very Float the tutor trains with")
    func commandLineRoundTrips() {
        var settings = TrainingSettings(options: LessonOptions())
        for _ in 0 ..< 13 {
            let run = settings.run(label: "x")
            let words = run.commandLine.split(separator: " ").map(String.init)
            func value(_ option: String) -> String? { words.firstIndex(of: option).map { words[$0 + 1] } }
            #expect(value("--learning-rate").flatMap(Float.init) == run.learningRate, "\(run.commandLine)")
            #expect(value("--dropout").flatMap(Float.init) == run.dropout)
            #expect(value("--epochs") == "\(run.epochs)" && value("--batch-size") == "\(run.batchSize)" && value("--seed") == "\(run.seed)")
            #expect(value("--limit") == (run.trainSize < 60_000 ? "\(run.trainSize)" : nil))
            settings.step(.learningRate, by: -1)
            settings.step(.dropout, by: 1)
            settings.step(.trainSize, by: -1)
        }
        #expect(TrainingRun.text(0) == "0" && TrainingRun.text(1e-6) == "1e-06" && TrainingRun.text(0.2) == "0.2")
    }

    @Test("curves hold the mean of the batches between two reports, recovered from running means")
    func batchCurve() {
        func log(_ epoch: Int, _ batch: Int, _ loss: Float, _ accuracy: Float) -> BatchLog {
            BatchLog(epoch: epoch, epochs: 2, batch: batch, batches: 10, loss: loss, accuracy: accuracy, seconds: 0)
        }
        var curve = BatchCurve()
        curve.add(log(1, 2, 2.0, 0.25))   // batches 1-2 averaged 2.0
        curve.add(log(1, 6, 1.5, 0.5))    // running mean 1.5 over 6: batches 3-6 averaged (9 - 4) / 4 = 1.25
        curve.add(log(1, 6, 1.5, 0.5))    // a repeat adds nothing
        curve.add(log(2, 5, 0.5, 0.9))    // a new epoch starts its own running mean
        #expect(curve.loss == [2.0, 1.25, 0.5])
        #expect(curve.accuracy == [0.25, 0.625, 0.8999999761581421])
    }
}
