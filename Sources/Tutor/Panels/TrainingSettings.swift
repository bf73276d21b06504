/// The training lesson's settings list: what `compile` and `fit` are called with, one line each,
/// changed in steps a learner can reason about.
///
/// Steps: epochs by 1 (1–50); batch size through powers of two (1–4,096, Keras's default 32 among
/// them); dropout by 0.1 (0–0.9, kept in tenths so repeated steps stay exact); learning rate through
/// 1, 3, 10, 30... millionths up to 1 (0.001, Adam's default, among them); seed by 1; training
/// images through 1,000 ... 60,000 (fewer images train faster on a slow machine). A value the lesson
/// sets between two steps moves to the next step in the direction asked.
public struct TrainingSettings: Equatable, Sendable {
    public enum Setting: Int, CaseIterable, Sendable {
        case epochs, batchSize, dropout, learningRate, seed, trainSize

        public var name: String {
            switch self {
            case .epochs: "epochs"
            case .batchSize: "batch size"
            case .dropout: "dropout"
            case .learningRate: "learning rate"
            case .seed: "seed"
            case .trainSize: "training images"
            }
        }
    }

    public var epochs: Int
    public var batchSize: Int
    public var dropoutTenths: Int
    public var learningRate: Double
    public var seed: Int
    public var trainSize: Int

    public static let batchSteps = (0 ... 12).map { 1 << $0 }
    public static let learningRateSteps: [Double] = [1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1]
    public static let trainSizeSteps = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000]

    /// The lesson's `epochs`, `batch`, `dropout`, `lr` and `seed` options, all 60,000 training images.
    public init(options: LessonOptions) {
        epochs = options.integer(.epochs)
        batchSize = options.integer(.batch)
        dropoutTenths = Int((options.number(.dropout) * 10).rounded())
        learningRate = options.number(.lr)
        seed = options.seed
        trainSize = 60_000
    }

    public var dropout: Double { Double(dropoutTenths) / 10 }

    /// Moves `setting` one step up (`by: 1`) or down (`by: -1`), staying in range.
    public mutating func step(_ setting: Setting, by direction: Int) {
        switch setting {
        case .epochs: epochs = min(50, max(1, epochs + direction))
        case .batchSize: batchSize = Self.next(batchSize, in: Self.batchSteps, direction: direction)
        case .dropout: dropoutTenths = min(9, max(0, dropoutTenths + direction))
        case .learningRate: learningRate = Self.next(learningRate, in: Self.learningRateSteps, direction: direction)
        case .seed: seed = min(Int(UInt32.max), max(0, seed + direction))
        case .trainSize: trainSize = Self.next(trainSize, in: Self.trainSizeSteps, direction: direction)
        }
    }

    /// The nearest step strictly above (or below) `value`, or `value` itself at the end of the list.
    static func next<T: Comparable>(_ value: T, in steps: [T], direction: Int) -> T {
        if direction > 0 { return steps.first { $0 > value } ?? value }
        return steps.last { $0 < value } ?? value
    }

    /// The value of `setting` as the list shows it.
    public func text(_ setting: Setting) -> String {
        switch setting {
        case .epochs: "\(epochs)"
        case .batchSize: "\(batchSize)"
        case .dropout: "0.\(dropoutTenths)"
        case .learningRate: Self.formatRate(learningRate)
        case .seed: "\(seed)"
        case .trainSize: trainSize.formatted
        }
    }

    /// `0.001 -> "0.001"`, `3e-05 -> "0.00003"`: plain decimals, as a learner types them into Keras.
    static func formatRate(_ rate: Double) -> String {
        var digits = 0
        while digits < 9 && abs(rate * pow10(digits) - (rate * pow10(digits)).rounded()) > 1e-9 * pow10(digits) { digits += 1 }
        let scaled = Int((rate * pow10(digits)).rounded())
        guard digits > 0 else { return "\(scaled)" }
        let s = String(scaled)
        let padded = String(repeating: "0", count: max(0, digits + 1 - s.count)) + s
        return padded.dropLast(digits) + "." + padded.suffix(digits)
    }

    static func pow10(_ n: Int) -> Double { (0 ..< n).reduce(1.0) { r, _ in r * 10 } }

    /// The settings in a sentence, each value as the list shows it: "5 epochs, batch size 32, dropout 0.2,
    /// learning rate 0.001, seed 42, 60,000 training images".
    public var words: String {
        "\(text(.epochs)) epoch\(epochs == 1 ? "" : "s"), " + [Setting.batchSize, .dropout, .learningRate, .seed, .trainSize]
            .map { $0 == .trainSize ? "\(text($0)) \($0.name)" : "\($0.name) \(text($0))" }.joined(separator: ", ")
    }

    /// The run these settings describe, for the runner.
    public func run(label: String) -> TrainingRun {
        TrainingRun(label: label, epochs: epochs, batchSize: batchSize, dropout: Float(dropout),
                    learningRate: Float(learningRate), seed: UInt64(seed), trainSize: trainSize)
    }
}
