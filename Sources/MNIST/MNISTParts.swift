/// Which parts of MNIST something needs: the training set, the test set, both or neither.
public struct MNISTParts: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ part: MNISTDataset.Part) { self = part == .train ? .train : .test }

    public static let train = MNISTParts(rawValue: 1)
    public static let test = MNISTParts(rawValue: 2)
    public static let all: MNISTParts = [.train, .test]

    /// The parts, training set first.
    public var parts: [MNISTDataset.Part] { MNISTDataset.Part.allCases.filter { contains(MNISTParts($0)) } }
}
