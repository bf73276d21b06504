import CursesTerminal
import MNIST
import NeuralNet

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
