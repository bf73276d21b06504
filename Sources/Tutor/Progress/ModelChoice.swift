/// Which weights the lessons' panels run on.
public enum ModelChoice: Codable, Equatable, Sendable {
    /// The trained model shipped in `Assets` (the default: lessons show a model that works).
    case pretrained
    /// Fresh random weights (Glorot uniform), as right after `Sequential([...])`.
    case untrained
    /// Weights the learner trained and kept, saved as safetensors at this path.
    case own(path: String)

    enum CodingKeys: String, CodingKey { case kind, path }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "pretrained": self = .pretrained
        case "untrained": self = .untrained
        case "own": self = .own(path: try c.decode(String.self, forKey: .path))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                                                   debugDescription: "unknown model kind '\(other)' (expected pretrained, untrained or own)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .pretrained: try c.encode("pretrained", forKey: .kind)
        case .untrained: try c.encode("untrained", forKey: .kind)
        case .own(let path):
            try c.encode("own", forKey: .kind)
            try c.encode(path, forKey: .path)
        }
    }
}
