import ArgumentParser
import CursesTerminal
import MNIST
import NeuralNet
import TerminalUI
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

@main
struct MNISTTutorCommand: ParsableCommand {
    /// The subcommands, in the order `--help` lists them. Add new ones here.
    static let subcommandList: [ParsableCommand.Type] = [
        LessonsCommand.self, LessonCommand.self,
        SummaryCommand.self, TrainCommand.self, EvaluateCommand.self, PredictCommand.self, BenchCommand.self,
        SweepCommand.self, ConfusionCommand.self, MistakesCommand.self,
        DataCommand.self, UIDemoCommand.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "mnist-tutor",
        abstract: "Learn what the Keras beginner MNIST model does, by running it in your terminal.",
        discussion: """
            Without a subcommand, mnist-tutor starts the interactive tutor at the lesson you were on \
            (as plain text unless stdin and stdout are a terminal). Keys are shown at the bottom; ? lists them all.
            """,
        subcommands: subcommandList)

    @OptionGroup var global: GlobalOptions

    /// Without a subcommand: the interactive tutor, at the lesson the learner was on (see `TutorApp.swift`).
    ///
    /// The root has no options of its own besides `GlobalOptions`: ArgumentParser lets a parent's
    /// options appear after a subcommand and hands them to the parent first, so a root `--index`
    /// (the earlier placeholder) swallowed `predict --index N`.
    mutating func run() throws {
        try TutorApp.run(startLesson: nil, global: global)
    }

    /// Parses and runs the command; every failure becomes one line on stderr and a non-zero exit
    /// (usage errors 64, anything else 1), never a stack trace.
    static func main() {
        let arguments = joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            checkOutputWritten()
            exit(withFailure: error, arguments: arguments)
        }
        checkOutputWritten()
    }

    /// `--epochs -1` as `--epochs=-1`: ArgumentParser reads a value that starts with `-` as an option, so
    /// every command said "Missing value for '--epochs'" instead of checking the number. A negative number
    /// after a long option is always that option's value (no flag takes a number after it).
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word.hasPrefix("--"), word.count > 2, !word.contains("="), i + 1 < arguments.count,
               arguments[i + 1].count > 1, arguments[i + 1].hasPrefix("-"), Double(arguments[i + 1]) != nil {
                result.append("\(word)=\(arguments[i + 1])")
                i += 2
            } else {
                result.append(word)
                i += 1
            }
        }
        return result
    }

    /// Everything printed must have reached standard output: `evaluate > /dev/full` fails (exit 1,
    /// with the reason on stderr) instead of exiting 0 having printed nothing.
    static func checkOutputWritten() {
        let flushed = fflush(stdout) == 0
        // A failure at an earlier flush (JSON lines flush as they go) leaves only the error flag, not errno.
        let reason = flushed ? "an earlier write failed" : String(cString: strerror(errno))
        guard !flushed || ferror(stdout) != 0 else { return }
        FileHandleStderr.write("mnist-tutor: could not write to standard output (\(reason)); the output is incomplete.\n")
        Glibc.exit(1)
    }

    static func exit(withFailure error: Error, arguments: [String]) -> Never {
        if let message = CommandError.describe(error) {
            // One line per problem, whatever it quotes (a file name, bytes from a damaged file): only
            // `CommandError(lines:)` has several.
            let lines = (error as? CommandError)?.lines ?? [message]
            for line in lines { FileHandleStderr.write("mnist-tutor: \(OneLine.escape(line))\n") }
            Glibc.exit(error is CommandError ? (error as! CommandError).exitCode : 1)
        }
        let code = exitCode(for: error)
        if code == .success {
            let text = fullMessage(for: error)
            if !text.isEmpty { print(text) }
            Glibc.exit(0)
        }
        if let exit = error as? ExitCode { Glibc.exit(exit.rawValue) }
        // An ArgumentParser usage error: its first line, and where to read more.
        let first = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        let message = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
        // Point to the subcommand's help only when the word really is a subcommand (`mnist-tutor foo`
        // must not suggest `mnist-tutor foo --help`, which fails the same way).
        let names = subcommandList.map { $0._commandName }
        if let word = arguments.first, !word.hasPrefix("-"), !names.contains(word), word != "help" {
            FileHandleStderr.write("mnist-tutor: unknown subcommand '\(OneLine.escape(word))'; the subcommands are \(names.joined(separator: ", ")) (see `mnist-tutor --help`)\n")
            Glibc.exit(code.rawValue)
        }
        let subcommand = arguments.first { names.contains($0) }
        let helpPath = (["mnist-tutor"] + (subcommand.map { [$0] } ?? [])).joined(separator: " ")
        FileHandleStderr.write("mnist-tutor: \(OneLine.escape(message)) (see `\(helpPath) --help`)\n")
        Glibc.exit(code.rawValue)
    }
}

/// A digit as text, darker characters for more ink.
func asciiArt(_ pixels: ArraySlice<UInt8>, columns: Int) -> String {
    let ramp = Array(" .:-=+*#%@")
    var lines: [String] = []
    var line = ""
    for (i, p) in pixels.enumerated() {
        line.append(ramp[Int(p) * (ramp.count - 1) / 255])
        line.append(ramp[Int(p) * (ramp.count - 1) / 255])
        if (i + 1) % columns == 0 { lines.append(line); line = "" }
    }
    return lines.joined(separator: "\n")
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

enum FileHandleStderr {
    static func write(_ s: String) { fputs(s, stderr) }
}
