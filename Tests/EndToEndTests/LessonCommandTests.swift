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
        // Each named part's heading ("The article's model:") comes before its lessons.
        #expect(lines.dropFirst().first == "The article's model:")
        let rows = Array(lines.dropFirst().dropLast()).filter { !$0.hasSuffix(":") }
        try #require(rows.count >= 12, "\(out.stdout)")
        let ids = ["network", "digits", "summary", "flatten", "dense", "relu", "sparsity", "dropout", "logits", "training",
                   "draw", "overfitting"]
        for (i, row) in rows.prefix(12).enumerated() {
            let fields = row.split(separator: " ")
            #expect(fields.first == Substring(String(i + 1)) && fields.dropFirst().first == Substring(ids[i]), "\(row)")
            #expect(fields.last == (["digits", "dropout"].contains(ids[i]) ? "yes" : "no"), "\(row)")
        }
        #expect(out.stdout.contains("Dropout — switching units off on purpose"))
        #expect(out.stdout.contains("2 of \(rows.count) done"))
        // Lesson 16 is in the second part, under its heading.
        let further = try #require(lines.firstIndex(of: "Going further:"))
        #expect(lines[(further + 1)...].contains { $0.hasPrefix("16  mistakes") })
    }

    @Test("lesson 8 --plain prints the dropout lesson and its live counts, without escape codes")
    func plainDropoutLesson() throws {
        let out = try Self.run(["lesson", "8", "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasPrefix("Lesson 8 of ") && text.contains(": Dropout — switching units off on purpose\n"))
        #expect(text.contains("Keras code this lesson explains:\n    tf.keras.layers.Dropout(0.2)"))
        #expect(text.contains("Try this:\n- Press `+` and `-`"))
        #expect(text.contains("Question: With Dropout(0.2) in training mode, about how many of the 128 units will this mask drop?"))
        func value(_ name: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix("  \(name): ") }.flatMap { Double($0.split(separator: " ")[1]) }
        }
        let dropped = try #require(value("dropped_count")), kept = try #require(value("kept_count"))
        #expect(dropped + kept == 128)
        #expect(dropped > 5 && dropped < 60, "about a fifth of 128, got \(dropped)")
        #expect(value("scale") == 1.25)
        #expect(text.contains("mask drops \(Int(dropped)) of 128, keeps \(Int(kept))"))
        #expect(text.contains("  dropped_count: \(Int(dropped))   <- the answer to the question"))
        // The digit is named, with its label.
        #expect(text.contains("x_test[0], label 7"))
    }

    @Test("plain mode puts the question first and the computed answers last, under a heading that says so")
    func plainOrder() throws {
        let out = try Self.run(["lesson", "2", "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        func position(_ s: String) throws -> String.Index { try #require(text.range(of: s), "no '\(s)'").lowerBound }
        let question = try position("Question: How many of the 784 pixels of x_train[0] hold some ink, that is, are not 0?")
        let how = try position("Answer with a number; within 3% counts as right, within 20% as close (the numbers view lets you count")
        let body = try position("A model can only be as good as its examples")
        let heading = try position("== The answers: the live panel and its values, computed now (answer the question first) ==")
        let answer = try position("  ink_pixels: 166   <- the answer to the question")
        #expect(question < how && how < body && body < heading && heading < answer)
        // The count appears nowhere before the heading.
        #expect(!text[..<heading].contains("166"))
        #expect(text[heading...].contains("Explanation: x_train[0] has 166 of its 784 pixels above 0"))
        // Lessons whose answer needs a run say so instead of printing a number.
        let training = try Self.run(["lesson", "10", "--plain"])
        #expect(training.stdout.contains("Question: With 5 epochs, batch size 32, dropout 0.2, learning rate 0.001, seed 42, 60,000 training images: what test accuracy"))
        #expect(training.stdout.contains("  test_accuracy_percent: none yet"))
        #expect(training.stdout.contains("The same run from the shell: `mnist-tutor train --epochs 5 --batch-size 32 --dropout 0.2 --learning-rate 0.001 --seed 42`"))
        #expect(!training.stdout.contains("Explanation:"))
    }

    @Test("lesson 5 --plain describes the weight picture as weights, and its products so that the arithmetic reads right")
    func plainDenseLesson() throws {
        let text = try Self.run(["lesson", "5", "--plain"]).stdout
        #expect(text.contains("28x28 picture, neuron 0's weights; shades 0 = weight -0.54, 128 = weight 0, 255 = weight +0.54:"))
        #expect(!text.contains("weights of 0, 783 pixels above 0"))
        #expect(text.contains("largest |x·w| (row,col) x × w = x·w"))
        #expect(text.contains("(8,8) 254/255 × -0.5375 = -0.5354"))
        #expect(!text.contains("1.00×"))
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
        #expect(interactive.stdout == plain.stdout && interactive.stdout.contains("Lesson 2 of "))
    }
}
