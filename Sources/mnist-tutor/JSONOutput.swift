import Foundation

/// How the commands print `--json`: one `Encodable` value per line, through `JSONEncoder` with sorted keys,
/// Swift's property names in snake case (`testAccuracy` -> `"test_accuracy"`) and `/` left as is. A command
/// declares its own output type; nothing here needs to change for a new one.
enum JSONOutput {
    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // Only non-finite numbers fail to encode, and the output types wrap theirs in `Finite`.
            preconditionFailure("JSON output of \(T.self) failed: \(error)")
        }
    }

    /// Prints `value` as one line and flushes, so a reader sees each line as it comes.
    static func print<T: Encodable>(_ value: T) {
        Swift.print(line(value))
        fflush(nil)  // every output stream: stdout (naming it here is not concurrency-safe with Foundation imported)
    }
}

/// A number that is written as JSON `null` when it is not finite (a loss that diverged), since JSON has
/// no NaN or infinity.
@propertyWrapper
struct Finite<Value: BinaryFloatingPoint & Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value

    init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if wrappedValue.isFinite { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// An optional value that is written as JSON `null` when absent (synthesised `Encodable` would leave the
/// key out, and the outputs promise every key on every line).
@propertyWrapper
struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// A list of numbers, each written as JSON `null` when it is not finite.
@propertyWrapper
struct FiniteList<Value: BinaryFloatingPoint & Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: [Value]

    init(wrappedValue: [Value]) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for value in wrappedValue {
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        }
    }
}
