/// Runs to do one after the other, under one id (so late reports of a cancelled request are ignored).
public struct TrainingRequest: Equatable, Sendable {
    public var id: Int
    public var runs: [TrainingRun]
    public init(id: Int, runs: [TrainingRun]) {
        self.id = id
        self.runs = runs
    }
}
