import ArgumentParser
import MNIST
import NeuralNet
import TerminalUI

/// `mnist-tutor bench`: how fast the engine trains and traces on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the tutor's start (first frame, plain lesson), one epoch of the article's training, a single-image trace and a tutor frame; report test accuracy.",
        discussion: """
            Meaningful with the release build (`make build`). `make bench` also runs the NumPy and Keras references. \
            The start-up times launch this binary once per lesson and measurement (about 30 s in all): the first \
            frame under a 120x40 pseudo-terminal with the decompressed cache and without it, and `lesson N --plain`.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Epochs to time (the fastest is reported).") var epochs = 1
    @OptionGroup var training: TrainingOptions
    @Option(help: "Launches per lesson for the start-up times (the best counts; 0 skips them).") var launches = 5
    @Flag(help: "Print one JSON object.") var json = false

    /// `--json`: the timings and the accuracy reached. The start-up times are the slowest lesson's best launch
    /// (null when a launch failed, or with `--launches 0`): `first_frame_ms` with the decompressed cache, the
    /// `no_cache` ones inflating the gzipped files (first frame of any kind, and complete), `plain_lesson_ms`
    /// over the lessons without whole-set statistics.
    struct Output: Encodable {
        @Finite var secondsPerEpoch: Double
        @Finite var imagesPerSecond: Double
        @Finite var traceMicroseconds: Double
        @Finite var frameRenderMs: Double
        @Finite var firstFrameMs: Double
        @Finite var firstFrameNoCacheMs: Double
        @Finite var firstDrawNoCacheMs: Double
        @Finite var plainLessonMs: Double
        @Finite var testAccuracy: Float
        var epochs: Int
        var trainingImages: Int
        var threads: Int
        var trainingKernels: String
    }

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
        guard launches >= 0 else { throw ValidationError("--launches must be 0 or more, got \(launches).") }
    }

    func run() throws {
        // Loading through the cache first also makes sure it is there (warm) for the start-up launches.
        let data = try loadDataset(global)
        let startup = launches == 0 ? StartupTiming.Report()
            : StartupTiming.measure(lessons: try LessonPrinter.library(global).lessons,
                                    arguments: (global.data.map { ["--data", $0] } ?? []) + (global.lessons.map { ["--lessons", $0] } ?? []),
                                    launches: launches)
        let (x, y) = training.trainingSet(data)
        let count = x.count
        let result = try EngineBenchmark(epochs: epochs, threads: training.threads).run(
            x: x, y: y.map(Int.init), testX: data.xTest, testY: data.yTest.map(Int.init),
            traceImage: data.xTest.image(0))
        let frame = try FrameTiming.dropoutLesson(data: data, lessons: try LessonPrinter.library(global).lessons)
        if json {
            JSONOutput.print(Output(secondsPerEpoch: result.secondsPerEpoch, imagesPerSecond: result.imagesPerSecond.rounded(),
                                    traceMicroseconds: result.traceMicroseconds, frameRenderMs: frame.median,
                                    firstFrameMs: startup.firstFrame?.ms ?? .nan, firstFrameNoCacheMs: startup.coldComplete?.ms ?? .nan,
                                    firstDrawNoCacheMs: startup.coldFirstDraw?.ms ?? .nan, plainLessonMs: startup.plainLesson?.ms ?? .nan,
                                    testAccuracy: result.testAccuracy, epochs: epochs, trainingImages: count,
                                    threads: training.threads, trainingKernels: KernelChoice.name))
        } else {
            print(String(format: "seconds per epoch:  %.3f s (%d images, batch 32, dropout 0.2, Adam; %d thread%@, %@ kernels)",
                         result.secondsPerEpoch, count, training.threads, training.threads == 1 ? "" : "s", KernelChoice.name))
            print(String(format: "images per second:  %.0f", result.imagesPerSecond))
            print(String(format: "single-image trace: %.1f µs", result.traceMicroseconds))
            print(String(format: "tutor frame:        %.2f ms median, %.2f ms best (keystroke + 120x40 screen + diff)", frame.median, frame.best))
            print(String(format: "test accuracy:      %.4f after %d epoch%@", result.testAccuracy, epochs, epochs == 1 ? "" : "s"))
            if launches > 0 { print(Self.describe(startup)) }
        }
    }

    /// The start-up section of the text report: the worst lesson of each measurement, then every lesson.
    static func describe(_ r: StartupTiming.Report) -> String {
        func ms(_ v: Double?) -> String { v.map { String(format: "%.0f", $0) } ?? "n/a" }
        func worst(_ w: (lesson: Int, ms: Double)?) -> String { w.map { String(format: "%5.1f ms (lesson %d)", $0.ms, $0.lesson) } ?? "n/a (a launch failed)" }
        var lines = ["start-up, from launch (best of several launches per lesson; 120x40 pseudo-terminal):"]
        lines.append("  first complete frame, with the cache:  \(worst(r.firstFrame))   target <= 100 ms")
        lines.append("      lesson: " + r.warm.map { "\($0.lesson.number):\(ms($0.frames?.complete))" }.joined(separator: " "))
        lines.append("  without the cache (gzip inflated):     first frame \(worst(r.coldFirstDraw)), complete \(worst(r.coldComplete))")
        lines.append("      lesson: " + r.cold.map { "\($0.lesson.number):\(ms($0.frames?.first))/\(ms($0.frames?.complete))" }.joined(separator: " "))
        lines.append("  lesson N --plain, with the cache:      \(worst(r.plainLesson))   target <= 60 ms (lessons without whole-set statistics)")
        lines.append("      lesson: " + r.plain.map { "\($0.lesson.number)\(StartupTiming.Report.wholeSet($0.lesson) ? "*" : ""):\(ms($0.ms))" }.joined(separator: " ")
                     + "   (* statistics over a whole set)")
        return lines.joined(separator: "\n")
    }
}
