import Foundation
import Testing
import Tutor

/// `mnist-tutor lessons` and `mnist-tutor lesson N --plain`, run as a built binary with a fresh
/// progress folder (XDG_STATE_HOME) so the learner's own progress is neither read nor touched.
@Suite("Lessons from the command line, end to end")
struct LessonCommandTests {
    /// The course the binary shows (the installation's lessons): numbers and counts come from it.
    static let course = try! AddedLesson.shipped()

    /// The number of the shipped lesson `id` ("8" for dropout), as `lesson N` takes it.
    static func number(_ id: String) throws -> String {
        String(try #require(course.lesson(id: id), "no lesson '\(id)' in \(course.directory)").number)
    }

    static func run(_ arguments: [String], progress: String? = nil, environment: [String: String] = [:]) throws -> BinaryRunner.Output {
        let state = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        if let progress {
            try FileManager.default.createDirectory(atPath: state + "/mnist-tutor", withIntermediateDirectories: true)
            try progress.write(toFile: state + "/mnist-tutor/progress.json", atomically: true, encoding: .utf8)
        }
        return try BinaryRunner.run(arguments, environment: environment.merging(["XDG_STATE_HOME": state]) { $1 })
    }

    @Test("lessons lists every lesson in order with number, id, title and whether each is done")
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
        let lessons = Self.course.lessons
        // Each named part's heading ("The article's model:") comes before its lessons.
        if let part = lessons.first?.part { #expect(lines.dropFirst().first == Substring(part + ":")) }
        let rows = Array(lines.dropFirst().dropLast()).filter { !$0.hasSuffix(":") }
        try #require(rows.count == lessons.count, "\(out.stdout)")
        for (lesson, row) in zip(lessons, rows) {
            let fields = row.split(separator: " ")
            #expect(fields.first == Substring(String(lesson.number)) && fields.dropFirst().first == Substring(lesson.id), "\(row)")
            #expect(row.contains(lesson.title), "\(row)")
            #expect(fields.last == (["digits", "dropout"].contains(lesson.id) ? "yes" : "no"), "\(row)")
        }
        #expect(out.stdout.contains("Dropout — switching units off on purpose"))
        #expect(out.stdout.contains("2 of \(lessons.count) done"))
    }

    @Test("lesson N --plain prints the dropout lesson and its live counts, without escape codes")
    func plainDropoutLesson() throws {
        let n = try Self.number("dropout")
        let out = try Self.run(["lesson", n, "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasPrefix("Lesson \(n) of \(Self.course.lessons.count): Dropout — switching units off on purpose"))
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
        let out = try Self.run(["lesson", try Self.number("digits"), "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        func position(_ s: String) throws -> String.Index { try #require(text.range(of: s), "no '\(s)'").lowerBound }
        let question = try position("Question: How many of the 784 pixels of x_train[0] hold some ink, that is, are not 0?")
        let how = try position("Answer with a number; within 3% counts as right, within 20% as close.")
        let body = try position("A model can only be as good as its examples")
        let heading = try position("== The answers: the live panel and its values, computed now (answer the question first) ==")
        let answer = try position("  ink_pixels: 166   <- the answer to the question")
        let why = try position("Why that tolerance: the numbers view lets you count the ink exactly")
        #expect(question < how && how < body && body < heading && heading < answer && heading < why)
        // The count appears nowhere before the heading.
        #expect(!text[..<heading].contains("166"))
        #expect(text[heading...].contains("Explanation: x_train[0] has 166 of its 784 pixels above 0"))
        // Lessons whose answer needs a run say so instead of printing a number.
        let training = try Self.run(["lesson", try Self.number("training"), "--plain"])
        #expect(training.stdout.contains("Question: With 5 epochs, batch size 32, dropout 0.2, learning rate 0.001, seed 42, 60,000 training images: what test accuracy"))
        #expect(training.stdout.contains("  test_accuracy_percent: none yet"))
        #expect(training.stdout.contains("The same run from the shell: `mnist-tutor train --epochs 5 --batch-size 32 --dropout 0.2 --learning-rate 0.001 --seed 42`"))
        #expect(!training.stdout.contains("Explanation:"))
    }

    @Test("the dense lesson --plain describes the weight picture as weights, and its products so that the arithmetic reads right")
    func plainDenseLesson() throws {
        let text = try Self.run(["lesson", try Self.number("dense"), "--plain"]).stdout
        #expect(text.contains("28x28 picture, neuron 0's weights; shades 0 = weight -0.54, 128 = weight 0, 255 = weight +0.54:"))
        #expect(!text.contains("weights of 0, 783 pixels above 0"))
        #expect(text.contains("largest |x·w| (row,col) x × w = x·w"))
        #expect(text.contains("(8,8) 254/255 × -0.5375 = -0.5354"))
        #expect(!text.contains("1.00×"))
    }

    @Test("lesson N --plain (gradient): the question about one weight, its choices, and the slope beside the gradient after the heading")
    func plainGradientLesson() throws {
        let out = try Self.run(["lesson", try Self.number("gradient"), "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Question: If dense/kernel[406, 0] grows a little, will the loss on x_train[:32] go up or down?"))
        #expect(text.contains("Choices: a) up, b) down, c) stays the same"))
        #expect(text.contains("tape.gradient(loss, model.trainable_variables)"))
        let heading = try #require(text.range(of: "== The answers")).lowerBound
        #expect(!text[..<heading].contains("backprop gradient"))
        let after = text[heading...]
        #expect(after.contains("slope (L+ - L-)/2h") && after.contains("backprop gradient"))
        #expect(after.contains("one step on all 101,770 parameters"))
        // The two slopes, as printed, share their leading digits.
        func number(after label: String) -> Double? {
            after.split(separator: "\n").first { $0.hasPrefix(label) }.flatMap { Double($0.dropFirst(label.count).trimmingCharacters(in: .whitespaces)) }
        }
        let slope = try #require(number(after: "slope (L+ - L-)/2h"))
        let gradient = try #require(number(after: "backprop gradient"))
        #expect(abs(slope - gradient) <= 1e-3 * abs(gradient), "\(slope) vs \(gradient)")
    }

    @Test("lesson N --plain (neurons): the choices, then the unit's weights as numbers and the digits that excite it")
    func plainNeuronsLesson() throws {
        let out = try Self.run(["lesson", try Self.number("neurons"), "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(text.contains("Choices: a) yes: each shows one digit, b) a few do; the rest are noise, c) no: strokes and blobs but no clear digit"))
        let heading = try #require(text.range(of: "== The answers")).lowerBound
        let after = text[heading...]
        #expect(after.contains("28x28 picture, unit 0's 784 weights; shades 0 = weight -"))
        #expect(after.contains("top 4: ") && after.contains("Top w·x + b: x_test["))
        #expect(after.contains("units correlate 0.5 or more with a digit's average picture"))
    }

    @Test("lesson N --plain (activation): the question and tolerance, no hint at the value before the heading; after it the gradients per layer and the shell command")
    func plainActivationLesson() throws {
        let out = try Self.run(["lesson", try Self.number("activation"), "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Question: Without ReLU (activation=None, so a linear hidden layer), what test accuracy will the model reach after 5 epochs, in percent?"))
        let heading = try #require(text.range(of: "== The answers")).lowerBound
        let before = text[..<heading], after = text[heading...]
        #expect(before.contains("Answer with a number; within 1 counts as right, within 3 as close."))
        // The reason names where such models stop: after the heading only.
        #expect(!before.contains("Why that tolerance") && after.contains("Why that tolerance: a model without an activation"))
        // The vanishing gradient, measured now: sigmoid's first layer gets the smallest mean gradient, and the
        // ratio the text quotes is the live value.
        #expect(after.contains("sigmoid: layer 1 (pixels) … out:") && after.contains("relu: layer 1 (pixels) … out:"))
        let ratio = try #require(after.split(separator: "\n").first { $0.hasPrefix("  first_layer_gradient_ratio: ") })
        let value = try #require(Double(ratio.dropFirst("  first_layer_gradient_ratio: ".count).replacingOccurrences(of: ",", with: "")))
        #expect(value > 10, "sigmoid's first layer should get a far smaller gradient than relu's: \(ratio)")
        #expect(after.contains("Layer 1 gets a gradient \(ratio.dropFirst("  first_layer_gradient_ratio: ".count))x smaller with sigmoid than with relu"))
        // The accuracies come from the runs in the tutor; the command that makes them is printed.
        #expect(after.contains("  linear_test_accuracy_percent: none yet"))
        #expect(after.contains("`mnist-tutor sweep --widths 128 --activations linear,relu,sigmoid,tanh --epochs 5 --dropout 0.2 --seed 0`"))
    }

    @Test("lesson N --plain (width): each width's parameter count, as the architecture gives it, and the shell command")
    func plainWidthLesson() throws {
        let out = try Self.run(["lesson", try Self.number("width"), "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        let heading = try #require(text.range(of: "== The answers")).lowerBound
        let after = text[heading...]
        #expect(!text[..<heading].contains("Why that tolerance"))
        // 784·w + w weights and biases in, 10·w + 10 out.
        for width in [16, 32, 64, 128, 256, 512] {
            let params = (784 * width + width + 10 * width + 10).formatted
            #expect(after.split(separator: "\n").contains { $0.split(separator: " ").map(String.init) == ["\(width)", params, "–", "–", "–", "–"] },
                    "no row for \(width) units with \(params) parameters")
        }
        #expect(after.contains("  widest_parameters: 407,050"))
        #expect(after.contains("  gain_over_128_points: none yet"))
        #expect(after.contains("`mnist-tutor sweep --widths 16,32,64,128,256,512 --activations relu --epochs 5 --dropout 0.2 --seed 0`"))
    }

    @Test("lesson N --plain (mistakes): the pair question, and after the heading the counts and the most confused pair of the pretrained model")
    func plainMistakesLesson() throws {
        let out = try Self.run(["lesson", try Self.number("mistakes"), "--plain"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout
        #expect(text.contains("Answer with two digits, the row (the true digit) first"))
        let heading = try #require(text.range(of: "== The answers")).lowerBound
        let before = text[..<heading], after = text[heading...]
        #expect(!before.contains("3 taken for 5") && !before.contains("11 times"), "the answer shows before the heading")
        // The pretrained model's figures (lesson 10 quotes the same 97.74%).
        #expect(after.contains("  correct_count: 9,774") && after.contains("  mistake_count: 226"))
        #expect(after.contains("  confusion: 3 taken for 5, 11 times   <- the answer to the question"))
        #expect(after.contains("Explanation: Most often 3 taken for 5, 11 of its 226 mistakes."))
    }

    @Test("a kept model that has gone missing: a note on stderr, and the lesson runs on the pretrained model")
    func missingOwnModel() throws {
        let progress = """
            {"format": "mnist-tutor progress", "version": 1, "lessonsDone": [], "answers": {},
             "model": {"kind": "own", "path": "/no/such/model.safetensors"}}
            """
        let out = try Self.run(["lesson", try Self.number("dropout"), "--plain"], progress: progress)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("/no/such/model.safetensors") && out.stderr.contains("pretrained"))
        #expect(out.stdout.contains("Live values:\n  dropped_count: "))
    }

    @Test("a lesson that does not exist is a one-line error")
    func missingLesson() throws {
        let beyond = (Self.course.lessons.map(\.number).max() ?? 0) + 1
        let out = try Self.run(["lesson", String(beyond), "--plain"])
        #expect(out.status == 64)
        #expect(out.stderr.split(separator: "\n").count == 1 && out.stderr.contains("there is no lesson \(beyond)"))
    }

    @Test("lesson N without --plain, not on a terminal, prints the same plain text")
    func notATerminal() throws {
        let n = try Self.number("digits")
        let interactive = try Self.run(["lesson", n])
        let plain = try Self.run(["lesson", n, "--plain"])
        #expect(interactive.status == 0 && plain.status == 0)
        #expect(interactive.stdout == plain.stdout && interactive.stdout.contains("Lesson \(n) of \(Self.course.lessons.count)"))
    }

    @Test("a lesson file added to a copy of the folder: listed by lessons, printed by lesson N --plain (--lessons or $MNIST_TUTOR_LESSONS)")
    func addedLesson() throws {
        let added = try AddedLesson()
        defer { added.remove() }
        let count = added.library.lessons.count
        let listed = try Self.run(["lessons"], environment: [LessonLibrary.environmentVariable: added.directory])
        #expect(listed.status == 0, "\(listed.stderr)")
        let row = listed.stdout.split(separator: "\n").first { $0.hasPrefix("\(added.lesson.number)  \(added.lesson.id) ") }
        #expect(row?.contains(added.lesson.title) == true, "\(listed.stdout)")
        #expect(listed.stdout.contains("0 of \(count) done"))
        let plain = try Self.run(["lesson", String(added.lesson.number), "--plain", "--lessons", added.directory])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.hasPrefix("Lesson \(added.lesson.number) of \(count): \(added.lesson.title)"), "\(plain.stdout)")
        #expect(plain.stdout.contains("Question: How many of the 784 pixels of x_test[3] are not 0?"))
        #expect(plain.stdout.contains("  ink_pixels: ") && plain.stdout.contains("<- the answer to the question"))
    }

    @Test("a lessons folder that is missing, a file or empty: one line naming it, what named it and the fix")
    func badLessonsFolder() throws {
        let fixtures = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: fixtures) }
        let file = fixtures + "/notes.txt"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        for (arguments, environment, message) in [
            (["--lessons", fixtures + "/nope"], [:], "\(fixtures)/nope: no such folder (named by --lessons); name a folder of lesson files"),
            ([], [LessonLibrary.environmentVariable: file], "\(file): is a file, not the lessons folder (named by $MNIST_TUTOR_LESSONS)"),
            (["--lessons", fixtures], [:], "\(fixtures): holds no lesson files (NN-id.md) (named by --lessons)"),
        ] {
            let out = try Self.run(["lessons"] + arguments, environment: environment)
            #expect(out.status == 1)
            #expect(out.stderr.split(separator: "\n").count == 1 && out.stderr.hasPrefix("mnist-tutor: " + message), "\(out.stderr)")
        }
    }
}
