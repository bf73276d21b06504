import ArgumentParser
import CursesTerminal
import MNIST
import NeuralNet
import Tutor
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A failure of a command, already phrased for a person (what is wrong and how to fix it).
struct CommandError: Error, CustomStringConvertible {
    /// One problem a line: a single message is one line however many newlines it quotes.
    let lines: [String]
    let exitCode: Int32

    var message: String { lines.joined(separator: "\n") }

    init(_ message: String, exitCode: Int32 = 1) {
        self.lines = [message]
        self.exitCode = exitCode
    }

    /// Several problems at once (every broken lesson file), one line each when printed.
    init(lines: [String], exitCode: Int32 = 1) {
        self.lines = lines
        self.exitCode = exitCode
    }

    var description: String { message }

    /// The one-line text for the errors the program itself raises; nil for ArgumentParser's own.
    static func describe(_ error: Error) -> String? {
        switch error {
        case let e as CommandError: return e.message
        case let e as IDXError: return e.description
        case let e as SafetensorsError: return e.description
        case let e as TrainingError: return e.description
        case let e as ImageFileError: return e.description
        case let e as TerminalError: return e.description
        case let e as UIDemoCommand.RequestedFailure: return e.description
        default: return nil
        }
    }
}

/// `--weights FILE`, for the commands that run a trained model.
struct WeightsOption: ParsableArguments {
    @Option(name: .long, help: "Weights file (safetensors; default: the pretrained model in Assets/models).")
    var weights: String?

    /// The article's model with these weights, or the pretrained ones.
    func model() throws -> Sequential { try Pretrained.model(weights: weights) }
}

/// `--limit N` and `--threads T`, for the commands that train.
struct TrainingOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Train on the first N training images only (the figures then describe N images).") var limit: Int?
    @Option(parsing: .unconditional, help: "Threads for training (1 or 2; the weights are the same either way).") var threads = 1

    func validate() throws {
        if let limit { guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit).") } }
        guard threads == 1 || threads == 2 else { throw ValidationError("--threads must be 1 or 2, got \(threads).") }
    }

    /// The training images and labels to use: all of them, or the first `--limit`.
    func trainingSet(_ data: MNISTDataset) -> (x: ImageSet, y: [UInt8]) {
        let count = min(limit ?? data.xTrain.count, data.xTrain.count)
        return (data.xTrain.prefix(count), Array(data.yTrain.prefix(count)))
    }
}

/// Where the pretrained model lives: `Assets/models/mnist-mlp.safetensors` of the installation.
enum Pretrained {
    static func path() throws -> String {
        do {
            return try Workbench.defaultWeightsPath()
        } catch {
            throw CommandError("the tutor's Assets folder was not found, so there is no pretrained model; pass --weights FILE (e.g. from `mnist-tutor train --output FILE`).")
        }
    }

    /// The article's model with weights from `--weights`, or the pretrained ones.
    static func model(weights: String?) throws -> Sequential {
        let file = try weights ?? path()
        let result = Result { () throws(SafetensorsError) -> Sequential in try Sequential.load(from: file) }
        if case .failure(let error) = result, error.kind == .fileNotFound, weights == nil {
            throw CommandError("\(file): the pretrained model is missing; reinstall, or train one with `mnist-tutor train --output FILE` and pass --weights FILE.")
        }
        return try result.get()
    }

    /// `data` with the pretrained model as the panels' trained model.
    static func workbench(data: MNISTDataset) throws -> Workbench {
        Workbench(data: data, trained: try model(weights: nil), trainedName: "the pretrained model")
    }
}

/// JSON text for the few shapes the commands print (numbers, strings, arrays, null), keys in the given order.
enum JSON {
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func number(_ x: Float) -> String { x.isFinite ? "\(x)" : "null" }
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
    static func array(_ xs: [Float]) -> String { "[" + xs.map(number).joined(separator: ",") + "]" }

    static func string(_ s: String) -> String { Safetensors.jsonString(s) }
}

/// Loads MNIST from `--data` (or the default), turning the reader's errors into one clear line.
func loadDataset(_ global: GlobalOptions) throws -> MNISTDataset {
    try MNISTDataset.load(directory: DataLocation.resolve(option: global.data))
}

func loadTestSet(_ global: GlobalOptions) throws -> (ImageSet, [UInt8]) {
    try MNISTDataset.loadTestSet(directory: DataLocation.resolve(option: global.data))
}

/// Whether `path` can be written, checked before long work (see `AtomicFile.checkDestination`):
/// a usage error (64) naming what is wrong, so a bad `--output` fails in a second, not after training.
func checkWritable(_ path: String) throws {
    do {
        try AtomicFile.checkDestination(path)
    } catch {
        throw CommandError("--output \(path.isEmpty ? "''" : path): expected a file that can be written, found \(error.found). \(error.hint)", exitCode: 64)
    }
}
