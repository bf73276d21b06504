import Foundation
import ArgumentParser
import NeuralNet

/// `--hidden 64` or `--hidden 64,64,64` and `--activation relu|sigmoid|tanh|linear`: the hidden layers of
/// the model to build (train, summary) or that a weights file must hold (evaluate, predict, …). Absent,
/// they mean the article's: one hidden layer of 128 ReLU units.
struct ArchitectureOptions: ParsableArguments {
    /// The most hidden layers and the widest layer the command line accepts (the experiments need 1 to 6).
    static let maximumLayers = 6
    static let maximumWidth = 4096

    @Option(help: ArgumentHelp("Hidden layer widths, one (64) or several separated by commas (64,64,64); default 128.",
                               valueName: "widths"))
    var hidden: String?

    @Option(help: ArgumentHelp("The hidden layers' activation: relu (default), sigmoid, tanh or linear (none).",
                               valueName: "name"))
    var activation: String?

    func validate() throws {
        if let hidden { _ = try Self.widths(hidden, option: "--hidden") }
        if let activation { _ = try Self.activation(activation, option: "--activation") }
    }

    /// `--hidden` as widths (nil when not given).
    var hiddenWidths: [Int]? { hidden.flatMap { try? Self.widths($0, option: "--hidden") } }
    /// `--activation` (nil when not given).
    var hiddenActivation: Activation? { activation.flatMap { try? Self.activation($0, option: "--activation") } }

    /// The architecture to build: these options over the article's, with `dropoutRate`.
    func architecture(dropoutRate: Float = 0.2) -> Architecture {
        Architecture(hidden: hiddenWidths ?? [128], activation: hiddenActivation ?? .relu, dropoutRate: dropoutRate)
    }

    /// Checks a loaded model against the options given: each must describe it (a weights file decides the
    /// architecture; the options only confirm it, or pick the activation of a file that does not record it).
    func check(_ model: Sequential, source: String) throws {
        let hiddenLayers = model.denseLayers.dropLast().map(\.layer)
        let described = Architecture(model)?.description ?? model.layerNames.joined(separator: ", ")
        if let widths = hiddenWidths, widths != hiddenLayers.map(\.units) {
            throw CommandError("--hidden \(hidden!) does not match \(source) (\(described)); leave --hidden out, or pass --weights with a model trained with --hidden \(hidden!).", exitCode: 64)
        }
        if let wanted = hiddenActivation, hiddenLayers.contains(where: { $0.activation != wanted }) {
            throw CommandError("--activation \(activation!) does not match \(source) (\(described)), which records its own; leave --activation out.", exitCode: 64)
        }
    }

    /// `"64,64,64"` as widths, or a one-line error naming `option` and what it accepts.
    static func widths(_ text: String, option: String, maximumCount: Int = maximumLayers) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let widths = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard widths.count == parts.count, (1 ... maximumCount).contains(widths.count),
              widths.allSatisfy({ (1 ... maximumWidth).contains($0) }) else {
            throw ValidationError("\(option) takes 1 to \(maximumCount) widths from 1 to \(maximumWidth) separated by commas, e.g. \(option) 64 or \(option) 64,64,64; got \"\(text)\".")
        }
        return widths
    }

    /// An activation by Keras's name, or a one-line error listing them.
    static func activation(_ text: String, option: String) throws -> Activation {
        guard let activation = Activation(kerasName: text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("\(option) must be one of \(Activation.kerasNames.joined(separator: ", ")) (or none, the same as linear); got \"\(text)\".")
        }
        return activation
    }
}
