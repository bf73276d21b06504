import CursesTerminal
import MNIST
import NeuralNet

/// A failure of a command, already phrased for a person (what is wrong and how to fix it).
struct CommandError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
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
