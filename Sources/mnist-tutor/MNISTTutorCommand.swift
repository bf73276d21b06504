import ArgumentParser
import MNIST
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Folder with the four MNIST files (default: Assets/mnist; or set MNIST_TUTOR_DATA).")
    var data: String?
}

@main
struct MNISTTutorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mnist-tutor",
        abstract: "Learn what the Keras beginner MNIST model does, by running it in your terminal.",
        subcommands: [UIDemoCommand.self])

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Which digit of the test set to show.")
    var index: Int = 0

    mutating func run() throws {
        do {
            let start = monotonicSeconds()
            let directory = try DataLocation.resolve(option: global.data)
            let (xTest, yTest) = try MNISTDataset.loadTestSet(directory: directory)
            let elapsed = monotonicSeconds() - start
            guard index >= 0 && index < xTest.count else {
                throw ValidationError("--index must be between 0 and \(xTest.count - 1), got \(index).")
            }
            print("MNIST test set from \(directory): \(xTest.count) images of \(xTest.rows)x\(xTest.columns), loaded in \(Int(elapsed * 1000)) ms.")
            print("Test digit \(index), labelled \(yTest[index]):")
            print(asciiArt(xTest[index], columns: xTest.columns))
        } catch let error as IDXError {
            FileHandleStderr.write("mnist-tutor: \(error)\n")
            throw ExitCode(2)
        }
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
