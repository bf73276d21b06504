import Foundation
import Testing

/// `mnist-tutor lessons` and `mnist-tutor lesson N --plain`, run as a built binary with a fresh
/// progress folder (XDG_STATE_HOME) so the learner's own progress is neither read nor touched.
@Suite("Lessons from the command line, end to end")
struct LessonCommandTests {
    static func run(_ arguments: [String], progress: String? = nil) throws -> BinaryRunner.Output {
        let state = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        if let progress {
            try FileManager.default.createDirectory(atPath: state + "/mnist-tutor", withIntermediateDirectories: true)
            try progress.write(toFile: state + "/mnist-tutor/progress.json", atomically: true, encoding: .utf8)
        }
        return try BinaryRunner.run(arguments, environment: ["XDG_STATE_HOME": state])
    }

    @Test("lessons lists the 12 lessons in order with number, id, title and whether each is done")
    func listsLessons() throws {
        let progress = """
            {"format": "mnist-tutor progress", "version": 1, "currentLesson": "dropout",
             "lessonsDone": ["digits", "dropout"], "answers": {}, "model": {"kind": "pretrained"}}
            """
        let out = try Self.run(["lessons"], progress: progress)
        #expect(out.status == 0, "\(out.stderr)")
        // A header line, one line per lesson, a closing line with the count.
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix(" #  id") == true)
        let rows = Array(lines.dropFirst().dropLast())
        try #require(rows.count == 12, "\(out.stdout)")
        let ids = ["network", "digits", "summary", "flatten", "dense", "relu", "sparsity", "dropout", "logits", "training",
                   "draw", "overfitting"]
        for (i, row) in rows.enumerated() {
            let fields = row.split(separator: " ")
            #expect(fields.first == Substring(String(i + 1)) && fields.dropFirst().first == Substring(ids[i]), "\(row)")
            #expect(fields.last == (["digits", "dropout"].contains(ids[i]) ? "yes" : "no"), "\(row)")
        }
        #expect(out.stdout.contains("Dropout — switching units off on purpose"))
        #expect(out.stdout.contains("2 of 12 done"))
    }

    @Test("lesson 8 --plain prints the dropout lesson and its live counts, without escape codes")
    func plainDropoutLesson() throws {
        let out = try Self.run(["lesson", "8", "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasPrefix("Lesson 8 of 12: Dropout — switching units off on purpose"))
        #expect(text.contains("Keras code this lesson explains:\n    tf.keras.layers.Dropout(0.2)"))
        #expect(text.contains("Try this:\n- Press `+` and `-`"))
        #expect(text.contains("Question: In training mode with rate 0.2"))
        func value(_ name: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix("  \(name): ") }.flatMap { Double($0.split(separator: " ").last!) }
        }
        let dropped = try #require(value("dropped_count")), kept = try #require(value("kept_count"))
        #expect(dropped + kept == 128)
        #expect(dropped > 5 && dropped < 60, "about a fifth of 128, got \(dropped)")
        #expect(value("scale") == 1.25)
        #expect(text.contains("mask drops \(Int(dropped)) of 128"))
        // The digit is named, with its label.
        #expect(text.contains("x_test[0], label 7"))
    }

    @Test("a kept model that has gone missing: a note on stderr, and the lesson runs on the pretrained model")
    func missingOwnModel() throws {
        let progress = """
            {"format": "mnist-tutor progress", "version": 1, "lessonsDone": [], "answers": {},
             "model": {"kind": "own", "path": "/no/such/model.safetensors"}}
            """
        let out = try Self.run(["lesson", "8", "--plain"], progress: progress)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("/no/such/model.safetensors") && out.stderr.contains("pretrained"))
        #expect(out.stdout.contains("Live values:\n  dropped_count: "))
    }

    @Test("a lesson that does not exist is a one-line error")
    func missingLesson() throws {
        let out = try Self.run(["lesson", "13", "--plain"])
        #expect(out.status == 64)
        #expect(out.stderr.split(separator: "\n").count == 1 && out.stderr.contains("there is no lesson 13"))
    }

    @Test("lesson N without --plain, not on a terminal, prints the same plain text")
    func notATerminal() throws {
        let interactive = try Self.run(["lesson", "2"])
        let plain = try Self.run(["lesson", "2", "--plain"])
        #expect(interactive.status == 0 && plain.status == 0)
        #expect(interactive.stdout == plain.stdout && interactive.stdout.contains("Lesson 2 of 12"))
    }
}
