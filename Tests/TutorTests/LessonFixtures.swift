import Foundation
@testable import Tutor

/// Lesson files written to a temporary folder, for the parser's and library's error tests.
struct LessonFixtures {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "lesson-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes `text` as `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// A small valid lesson for the `dropout` panel; tests change one thing in it at a time.
    static func valid(id: String = "dropout", frontMatter: String? = nil, body: String? = nil) -> String {
        let front = frontMatter ?? """
            id: \(id)
            title: Dropout
            panel: dropout
            options: rate=0.2, mode=training
            keys: + rate_up, - rate_down, m toggle_mode, space new_mask, [ previous_digit, ] next_digit
            question: How many units are dropped?
            answer: number, live=dropped_count, tolerance=10
            reason: a random mask strays from its average
            """
        let text = body ?? """
            Some text.

            ```python
            tf.keras.layers.Dropout(0.2)
            ```

            More text.

            ## Try this
            - Press `+` and `-` to change the rate,
              continued on a second line.
            - Press `m`, `space`, `[` and `]`.
            """
        return "---\n\(front)\n---\n\(text)\n"
    }

    /// Parses `text` as `NN-id.md` and returns the error it gives.
    static func error(_ text: String, file: String = "08-dropout.md") -> LessonError? {
        do {
            _ = try LessonParser.parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }
}
