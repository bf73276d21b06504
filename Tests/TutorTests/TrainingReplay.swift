import NeuralNet
import Testing
@testable import Tutor

/// What the training replay tests add to `ReplayWorkbench`: a training request run to the end on the
/// test's own thread, and the requests and models among a key's effects.
extension TutorState {
    /// Runs a training request on this thread and feeds every report back; returns the reports.
    /// `stopAtOnce` asks the runner to stop before it starts, as `s` does: it stops after the first batch.
    @discardableResult
    mutating func train(_ request: TrainingRequest, workbench: Workbench, stopAtOnce: Bool = false) -> [TrainingUpdate] {
        let runner = TrainingRunner()
        if stopAtOnce { runner.stop() }
        runner.run(request, data: workbench.data)
        let updates = runner.poll()
        for update in updates { _ = receive(update, workbench: workbench) }
        return updates
    }
}

extension Array where Element == Effect {
    /// The training request among the effects, if one was asked for.
    var trainingRequest: TrainingRequest? {
        for case .startTraining(let request) in self { return request }
        return nil
    }

    var keptModel: Sequential? {
        for case .keepModel(let model) in self { return model }
        return nil
    }
}

/// At 80x24 the panel is 44 columns wide: titles and pre-formatted lines (never wrapped) must fit.
func expectFitsNarrowPanel(_ view: PanelView, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    func codeLines(_ blocks: [PanelBlock]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block.content {
            case .code(let text): return text.split(separator: "\n").map(String.init)
            case .row(let inner): return codeLines(inner)
            default: return []
            }
        }
    }
    #expect(view.title.count <= 44, "\(context): title \(view.title)", sourceLocation: sourceLocation)
    for line in codeLines(view.blocks) {
        #expect(line.count <= 44, "\(context): \(line)", sourceLocation: sourceLocation)
    }
}
