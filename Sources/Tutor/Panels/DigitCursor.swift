import MNIST
import NeuralNet

/// Which real MNIST digit a panel shows: the set (training or test) and the index in it.
/// The shared `previous_digit` / `next_digit` / `random_digit` / `switch_set` moves live here (`Move`).
public struct DigitCursor: Equatable, Sendable {
    public var train: Bool
    public var index: Int
    /// Draws for `random_digit`, seeded so a replay shows the same digits.
    var generator: SeededGenerator

    public init(lesson: Lesson) {
        train = lesson.options.usesTrainingSet
        index = lesson.options.digit
        generator = SeededGenerator(seed: UInt64(lesson.number))
    }

    public var setName: String { train ? "training set" : "test set" }
    /// The part of MNIST the cursor shows a digit of.
    public var dataNeeded: MNISTParts { train ? .train : .test }
    /// Keras's name for the array: `x_train` or `x_test`.
    public var arrayName: String { train ? "x_train" : "x_test" }

    /// The digit moves a panel's actions map to (`previous_digit`, `next_digit`, `random_digit`, `switch_set`).
    public enum Move: Sendable {
        case previous, next, random, switchSet
    }

    /// Moves to another digit.
    public mutating func perform(_ move: Move, workbench: Workbench) {
        let count = workbench.count(train: train)
        switch move {
        case .previous: index = Workbench.wrap(index - 1, count: count)
        case .next: index = Workbench.wrap(index + 1, count: count)
        case .random: index = generator.nextInt(below: count)
        case .switchSet:
            train.toggle()
            index = min(index, workbench.count(train: train) - 1)
        }
    }

    public func digit(_ workbench: Workbench) -> (pixels: [UInt8], label: Int) {
        workbench.digit(train: train, index: index)
    }

    /// `x_test[42]`, label 7 — as a caption.
    public func caption(_ workbench: Workbench) -> String {
        "\(arrayName)[\(index)], label \(digit(workbench).label)"
    }
}
