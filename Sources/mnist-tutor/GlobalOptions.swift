import ArgumentParser
import CursesTerminal
import MNIST
import NeuralNet
import TerminalUI
@preconcurrency import Glibc

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Folder with the four MNIST files (default: Assets/mnist; or set MNIST_TUTOR_DATA).")
    var data: String?

    @Option(name: .long, help: "Folder with the lesson files (default: Lessons/ of the installation; or set MNIST_TUTOR_LESSONS).")
    var lessons: String?

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "ASCII characters only (also when the locale is not UTF-8).")
    var ascii = false

    /// Colours in printed output: only on a terminal, without --no-color and without NO_COLOR.
    var useColor: Bool {
        isatty(STDOUT_FILENO) == 1
            && ColorMode.detect(colors: 256, environment: ProcessEnvironment.current(), noColorFlag: noColor) != .none
    }

    /// ASCII when asked for, or when the locale the environment names is not a UTF-8 one.
    var useASCII: Bool {
        if ascii { return true }
        let locale = LocalePolicy.requestedLocale(environment: ProcessEnvironment.current())?.lowercased() ?? ""
        return !locale.contains("utf-8") && !locale.contains("utf8")
    }
}

