import Foundation
import Testing

/// The "Going further" commands and options: other architectures through train/summary/evaluate, the
/// sweep, the confusion matrix and the mistakes — with --json, and one clear line for bad arguments.
@Suite(.serialized) struct ExperimentCommandTests {
    /// --json keeps every key and value it had before it went through Codable (plus the model's description).
    @Test func jsonOutputsKeepTheirKeysAndValues() throws {
        let evaluate = try #require(try BinaryRunner.run(["evaluate", "--json"]).jsonLines.first)
        #expect(Set(evaluate.keys) == ["accuracy", "loss", "count", "hidden", "activation", "parameters"])
        #expect(evaluate["accuracy"] as? Double == 0.9774 && evaluate["count"] as? Int == 10_000)
        #expect(abs((evaluate["loss"] as? Double ?? 0) - 0.0723) < 5e-5)
        #expect(evaluate["hidden"] as? [Int] == [128] && evaluate["activation"] as? String == "relu" && evaluate["parameters"] as? Int == 101_770)
        let predict = try BinaryRunner.run(["predict", "--index", "0", "--json"])
        #expect(predict.stdout.split(separator: "\n").count == 1)
        let object = try #require(predict.jsonLines.first)
        #expect(Set(object.keys) == ["logits", "probabilities", "prediction", "label"])
        #expect(object["prediction"] as? Int == 7 && object["label"] as? Int == 7)
        // Every line is one object with sorted keys, and an absent value is an explicit null.
        let train = try BinaryRunner.run(["train", "--limit", "500", "--epochs", "1", "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let lines = train.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"accuracy\":") && lines[0].contains(",\"epoch\":1,\"loss\":"))
        #expect(lines[1].contains("\"output\":null"))
        #expect(Set(train.jsonLines[1].keys) == ["test_accuracy", "test_loss", "seconds_per_epoch", "output", "hidden", "activation", "parameters"])
    }

    /// Another architecture, trained, saved with its metadata, then evaluated and summarised from the file alone.
    @Test func deepTanhModelRoundTrips() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = dir + "/deep.safetensors"
        let train = try BinaryRunner.run(["train", "--limit", "2000", "--epochs", "1", "--hidden", "48,24", "--activation", "tanh",
                                          "--output", file, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let final = try #require(train.jsonLines.last)
        #expect(final["hidden"] as? [Int] == [48, 24] && final["activation"] as? String == "tanh")
        #expect(final["parameters"] as? Int == 784 * 48 + 48 + 48 * 24 + 24 + 24 * 10 + 10)
        let evaluate = try #require(try BinaryRunner.run(["evaluate", "--weights", file, "--json"]).jsonLines.first)
        #expect(evaluate["accuracy"] as? Double == final["test_accuracy"] as? Double)
        #expect(evaluate["hidden"] as? [Int] == [48, 24] && evaluate["activation"] as? String == "tanh")
        let summary = try BinaryRunner.run(["summary", "--weights", file])
        #expect(summary.status == 0 && summary.stdout.contains("dense_2 (Dense)") && summary.stdout.contains("dropout_1 (Dropout)"))
        #expect(summary.stdout.contains("Total params: 39,106"))  // 784·48 + 48 + 48·24 + 24 + 24·10 + 10
        // The file says tanh: another --activation or --hidden contradicts it.
        for arguments in [["--activation", "relu"], ["--hidden", "48"]] {
            let run = try BinaryRunner.run(["evaluate", "--weights", file] + arguments)
            #expect(run.status == 64 && run.stdout.isEmpty && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(run.stderr.contains(arguments[0]) && run.stderr.contains("784 → 48 tanh → 24 tanh → 10"))
        }
        #expect(try BinaryRunner.run(["evaluate", "--weights", file, "--activation", "tanh", "--hidden", "48,24"]).status == 0)
    }

    @Test func summaryDescribesAnyStackWithoutWeights() throws {
        let run = try BinaryRunner.run(["summary", "--hidden", "64,64,64", "--activation", "sigmoid", "--ascii"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("dense_3 (Dense)") && run.stdout.contains("59,210"))
        #expect(try BinaryRunner.run(["summary"]).stdout.contains("101,770"))
        let json = try #require(try BinaryRunner.run(["summary", "--hidden", "64,32", "--activation", "tanh", "--json"]).jsonLines.first)
        let layers = try #require(json["layers"] as? [[String: Any]])
        #expect(layers.map { $0["name"] as? String ?? "" } == ["flatten", "dense", "dropout", "dense_1", "dropout_1", "dense_2"])
        #expect(layers.map { $0["output_shape"] as? [Int] ?? [] } == [[784], [64], [64], [32], [32], [10]])
        #expect(layers.map { $0["parameters"] as? Int ?? -1 } == [0, 50_240, 0, 2_080, 0, 330])
        #expect(json["parameters"] as? Int == 52_650 && json["name"] as? String == "sequential" && json["weights"] is NSNull)
    }

    /// A Keras export has no metadata: its shapes give the widths and --activation the activation.
    @Test func kerasFileTakesTheActivationFromTheCommandLine() throws {
        let file = BinaryRunner.temporaryDirectory() + "/keras.safetensors"
        try kerasStyleFile().write(to: URL(fileURLWithPath: file))
        let relu = try #require(try BinaryRunner.run(["evaluate", "--weights", file, "--json"]).jsonLines.first)
        let tanh = try #require(try BinaryRunner.run(["evaluate", "--weights", file, "--activation", "tanh", "--json"]).jsonLines.first)
        #expect(relu["activation"] as? String == "relu" && tanh["activation"] as? String == "tanh")
        #expect(relu["loss"] as? Double != tanh["loss"] as? Double)
    }

    /// The pretrained model's matrix: 10,000 digits, 9,774 on the diagonal, per-digit accuracy from its rows.
    @Test func confusionOfThePretrainedModel() throws {
        let run = try BinaryRunner.run(["confusion", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(run.jsonLines.first)
        let matrix = try #require(object["matrix"] as? [[Int]])
        #expect(matrix.count == 10 && matrix.allSatisfy { $0.count == 10 })
        #expect(matrix.flatMap { $0 }.reduce(0, +) == 10_000)
        let diagonal: Int = (0 ..< 10).reduce(0) { $0 + matrix[$1][$1] }
        #expect(diagonal == 9_774)
        #expect(object["correct"] as? Int == 9_774)
        #expect(object["count"] as? Int == 10_000)
        #expect(object["accuracy"] as? Double == 0.9774)
        let perClass = try #require(object["per_class_accuracy"] as? [Double])
        for d in 0 ..< 10 { #expect(abs(perClass[d] - Double(matrix[d][d]) / Double(matrix[d].reduce(0, +))) < 1e-12) }
        let text = try BinaryRunner.run(["confusion"])
        #expect(text.status == 0 && text.stdout.contains("9,774 of 10,000 right (97.74%)") && text.stdout.contains("Most confused:"))
    }

    @Test func mistakesListTheMatrixCells() throws {
        let confusion = try #require(try BinaryRunner.run(["confusion", "--json"]).jsonLines.first?["matrix"] as? [[Int]])
        let all = try #require(try BinaryRunner.run(["mistakes", "--json", "--limit", "1000"]).jsonLines.first)
        #expect(all["count"] as? Int == 226)
        let mistakes = try #require(all["mistakes"] as? [[String: Any]])
        #expect(mistakes.count == 226)
        #expect(Set(mistakes[0].keys) == ["index", "label", "prediction", "confidence"])
        let confidences = mistakes.compactMap { $0["confidence"] as? Double }
        #expect(confidences == confidences.sorted(by: >))
        let cell = try #require(try BinaryRunner.run(["mistakes", "--true", "4", "--predicted", "9", "--limit", "3", "--json"]).jsonLines.first)
        #expect(cell["count"] as? Int == confusion[4][9])
        let listed = try #require(cell["mistakes"] as? [[String: Any]])
        #expect(listed.count == min(3, confusion[4][9]))
        #expect(listed.allSatisfy { $0["label"] as? Int == 4 && $0["prediction"] as? Int == 9 })
        // The first one, shown by predict, is the same digit and prediction.
        let index = try #require(listed.first?["index"] as? Int)
        let predict = try #require(try BinaryRunner.run(["predict", "--index", "\(index)", "--json"]).jsonLines.first)
        #expect(predict["label"] as? Int == 4 && predict["prediction"] as? Int == 9)
        let text = try BinaryRunner.run(["mistakes", "--predicted", "7", "--limit", "2"])
        #expect(text.status == 0 && text.stdout.contains("most confident first") && text.stdout.contains("more (--limit N"))
    }

    /// Each run of a sweep is what `train` gives for it alone: the same test accuracy and loss.
    @Test func sweepRunsEqualTrainingOneByOne() throws {
        let sweep = try BinaryRunner.run(["sweep", "--widths", "16,40", "--activations", "relu,tanh", "--limit", "1500",
                                          "--epochs", "1", "--seed", "3", "--json"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let object = try #require(sweep.jsonLines.first)
        #expect(object["epochs"] as? Int == 1 && object["training_images"] as? Int == 1500 && object["seconds"] is Double)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["hidden"] as? [Int] ?? [] } == [[16], [40], [16], [40]])
        #expect(runs.map { $0["activation"] as? String ?? "" } == ["relu", "relu", "tanh", "tanh"])
        for run in runs {
            let keys: Set<String> = ["hidden", "activation", "parameters", "test_accuracy", "test_loss", "train_accuracy", "gap",
                                     "seconds", "seconds_per_epoch"]
            #expect(Set(run.keys) == keys)
            let gap = (run["train_accuracy"] as? Double ?? 0) - (run["test_accuracy"] as? Double ?? 0)
            #expect(abs((run["gap"] as? Double ?? 9) - gap) < 1e-6)
        }
        for run in [runs[1], runs[2]] {
            let width = (run["hidden"] as? [Int])![0], activation = run["activation"] as! String
            let alone = try BinaryRunner.run(["train", "--hidden", "\(width)", "--activation", activation, "--limit", "1500",
                                              "--epochs", "1", "--seed", "3", "--json"])
            let final = try #require(alone.jsonLines.last)
            #expect(final["test_accuracy"] as? Double == run["test_accuracy"] as? Double, "\(width) \(activation)")
            #expect(final["test_loss"] as? Double == run["test_loss"] as? Double, "\(width) \(activation)")
            #expect(final["parameters"] as? Int == run["parameters"] as? Int)
        }
        let text = try BinaryRunner.run(["sweep", "--widths", "8", "--limit", "300", "--epochs", "1"])
        #expect(text.status == 0 && text.stdout.contains("gap (points)") && text.stdout.contains("1 run of 1 epoch on 300 images, 1 at a time"))
    }

    @Test func badArgumentsGetOneLine() throws {
        let cases: [([String], String)] = [
            (["train", "--hidden", "64,0"], "--hidden"), (["train", "--hidden", "1,2,3,4,5,6,7"], "1 to 6"),
            (["train", "--activation", "swish"], "relu, sigmoid, tanh, linear"), (["summary", "--hidden", "abc"], "--hidden"),
            (["evaluate", "--hidden", "64"], "pretrained model"), (["sweep", "--widths", ""], "--widths"),
            (["sweep", "--activations", "relu,"], "--activations"), (["sweep", "--layers", "0"], "--layers"),
            (["sweep", "--parallel", "0"], "--parallel"), (["mistakes", "--true", "10"], "--true"),
            (["mistakes", "--predicted", "-1"], "--predicted"), (["mistakes", "--limit", "0"], "--limit"),
            (["mistakes", "--true", "3", "--predicted", "3"], "not a mistake"), (["confusion", "--activation", "x"], "--activation"),
        ]
        for (arguments, words) in cases {
            let run = try BinaryRunner.run(arguments)
            #expect(run.status == 64 && run.stdout.isEmpty, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.hasPrefix("mnist-tutor: "), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(words), "\(arguments): \(run.stderr)")
        }
    }

}
