import ArgumentParser
import CursesTerminal
import MNIST
import TerminalUI
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `mnist-tutor ui-demo`: every widget of the terminal toolkit on real MNIST digits.
struct UIDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-demo",
        abstract: "Show every terminal widget on real MNIST digits (a preview of the toolkit).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: .hidden)
    var failAfterFrames: Int?

    /// The error `--fail-after-frames` throws, so tests can check the terminal is restored and the error printed.
    struct RequestedFailure: Error, CustomStringConvertible {
        let frames: Int
        var description: String { "stopped on purpose after \(frames) frames (--fail-after-frames)" }
    }

    mutating func run() throws {
        let (images, labels) = try loadTestSet(global)
        let data = UIDemoData(images: images, labels: labels)
        guard Terminal.isInteractive else {
            printPlain(data)
            return
        }
        let options = Terminal.Options(noColor: global.noColor, asciiOnly: global.ascii)
        let failAfter = failAfterFrames
        let interrupt = try Terminal.run(options: options) { terminal -> Interrupt? in
            var screen = UIDemoScreen(data: data, size: terminal.size)
            var frames = 0
            while true {
                terminal.draw { buffer, context in screen.render(into: &buffer, context: context) }
                frames += 1
                if let failAfter, frames >= failAfter { throw RequestedFailure(frames: frames) }
                screen.update(terminal.nextEvent(timeout: 50), seconds: monotonicSeconds)
                if screen.quit.requested { return screen.quit.interrupt }
            }
        }
        if let interrupt { throw ExitCode(interrupt.exitStatus) }
    }

    /// Without a terminal: every page rendered as plain text, 100 columns wide.
    func printPlain(_ data: UIDemoData) {
        let context = RenderContext(colorMode: .none, glyphs: global.useASCII ? .ascii : .unicode)
        var screen = UIDemoScreen(data: data, size: Size(columns: 100, rows: 34))
        for _ in 0 ..< 10 { screen.tick(seconds: monotonicSeconds) }
        print("mnist-tutor ui-demo: not a terminal, so here is each page as plain text.\n")
        for page in UIDemoScreen.Page.allCases {
            screen.page = page
            var buffer = CellBuffer(size: screen.size)
            screen.render(into: &buffer, context: context)
            print(buffer.text)
            print(String(repeating: "=", count: 100))
        }
    }
}
