/// One cell of the confusion matrix as a list of examples: the digits of true class `label` that
/// the model predicted as `predicted` (its mistakes off the diagonal, its right answers on it).
extension Classification {
    /// How to order a cell's examples.
    public enum Order: String, CaseIterable, Sendable {
        /// The model's probability for its prediction, highest first (ties in index order): the
        /// mistakes it was surest of lead.
        case mostConfident
        /// The same, lowest first: the near misses lead.
        case leastConfident
        /// Their order in the set (`x_test[i]`).
        case index
    }

    /// The indices of the examples labelled `label` and predicted as `predicted`, in `order`.
    public func examples(label: Int, predicted: Int, order: Order = .mostConfident) -> [Int] {
        let indices = (0 ..< count).filter { labels[$0] == label && predictions[$0] == predicted }
        switch order {
        case .index: return indices
        case .mostConfident:
            return indices.sorted { confidence($0) != confidence($1) ? confidence($0) > confidence($1) : $0 < $1 }
        case .leastConfident:
            return indices.sorted { confidence($0) != confidence($1) ? confidence($0) < confidence($1) : $0 < $1 }
        }
    }

    /// The softmax probabilities of example `index`, one per class.
    public func probabilities(of index: Int) -> [Float] {
        Array(probabilities.scalars[index * classes ..< (index + 1) * classes])
    }
}
