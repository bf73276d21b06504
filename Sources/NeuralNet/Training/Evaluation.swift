/// `evaluate`'s result: mean loss and accuracy over `count` examples, dropout off.
public struct Evaluation: Sendable, Equatable {
    public var loss: Float
    public var accuracy: Float
    public var count: Int
}
