import Foundation
import MNIST
import NeuralNet
import Tutor

/// What each fuzz target does with one input, shared by the libFuzzer binaries (`Fuzz/Entry.swift`,
/// built by `Fuzz/run.sh`) and by `make test`, which replays every file of `Fuzz/corpus` and
/// `Fuzz/crashers` through the same functions (`Tests/FuzzCorpusTests`, where this file is linked).
///
/// Each function feeds the bytes to the real reader, exactly as the program does, and returns what
/// went wrong beyond an orderly refusal: a crash, a hang or a memory blow-up is caught by libFuzzer
/// itself; these checks add the promises a crash cannot show — an error message is one line with no
/// control characters, and what a reader accepts is consistent (sizes match, a round trip gives the
/// same values, accepted weights compute finite logits).
public enum FuzzTargets {
    /// The targets by name: the folder names under `Fuzz/corpus` and `Fuzz/crashers`.
    public static let all: [String: @Sendable ([UInt8]) -> [String]] = [
        "idx": idx, "gzip": gzip, "safetensors": safetensors, "pgm": picture, "png": picture,
        "progress": progress, "lesson": lesson,
    ]

    /// An error's text must be one line a terminal prints as it is.
    static func checkMessage(_ text: String, _ what: String) -> [String] {
        OneLine.isSafe(text) ? [] : ["\(what): unsafe or multi-line message: \(OneLine.escape(text))"]
    }

    /// The IDX reader on the bytes as a file's contents (raw or gzipped), as images (3-D) and as labels (1-D).
    @Sendable public static func idx(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        for rank in [3, 1] {
            for name in ["t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"] {
                do {
                    let file = try IDXFile(bytes: bytes, file: name, expectedDimensions: rank)
                    let count = file.dimensions.reduce(1, *)
                    if file.dimensions.count != rank || file.data.count != count || count > IDXFile.maximumDataSize {
                        problems.append("idx: accepted dimensions \(file.dimensions) with \(file.data.count) bytes")
                    }
                } catch {
                    problems += checkMessage(error.description, "idx")
                }
            }
        }
        return problems
    }

    /// The gzip layer alone, with a 256 KiB limit on what it may produce (a bomb reaches it at once).
    @Sendable public static func gzip(_ bytes: [UInt8]) -> [String] {
        let limit = 1 << 18
        do {
            let out = try GzipStream.decompress(bytes, file: "data.gz", limit: limit)
            return out.count <= limit ? [] : ["gzip: produced \(out.count) bytes past the limit"]
        } catch {
            return checkMessage(error.description, "gzip")
        }
    }

    /// The safetensors reader, then `Sequential.loaded` as `--weights` uses it (the architecture from the
    /// metadata or the tensors, checked before it is built), for a model on 2x2 inputs with 2 classes like
    /// the seeds'. What is read must encode and decode to the same values, and a model that loads must
    /// give finite logits for inputs in 0...1 (the overflow check's promise).
    @Sendable public static func safetensors(_ bytes: [UInt8]) -> [String] {
        let entries: [Safetensors.Entry], metadata: [String: String]
        do {
            (entries, metadata) = try Safetensors.decodeFile(bytes, file: "weights.safetensors")
        } catch {
            return checkMessage(error.description, "safetensors")
        }
        var problems: [String] = []
        for (name, tensor) in entries where tensor.count != tensor.shape.reduce(1, *) {
            problems.append("safetensors: \(name) has \(tensor.count) values for shape \(tensor.shape)")
        }
        let again = try? Safetensors.decode(Safetensors.encode(entries), file: "again.safetensors")
        let same = again.map { again in
            again.count == entries.count && zip(again.sorted { $0.name < $1.name }, entries.sorted { $0.name < $1.name }).allSatisfy {
                $0.name == $1.name && $0.tensor.shape == $1.tensor.shape
                    && $0.tensor.scalars.map(\.bitPattern) == $1.tensor.scalars.map(\.bitPattern)
            }
        } ?? false
        if !same { problems.append("safetensors: re-encoding what was read does not read back the same") }
        // A model on 2x2 inputs like the seeds' (the article's model needs 400 KB of weights, more than an input holds).
        let model: Sequential
        do {
            model = try Sequential.loaded(entries: entries, metadata: metadata, file: "weights.safetensors",
                                          inputShape: [2, 2], classes: 2)
        } catch {
            return problems + checkMessage(error.description, "safetensors model")
        }
        for value: Float in [1, 0.5] {
            let logits = model(Tensor(shape: [1, 4], scalars: [Float](repeating: value, count: 4)))
            if logits.count != 2 || !logits.isFinite {
                problems.append("safetensors: an accepted model gives logits \(logits.scalars) for inputs \(value)")
            }
        }
        return problems
    }

    /// A picture file as `predict --image` reads it (PGM or PNG, told apart by content), then prepared
    /// for the model.
    @Sendable public static func picture(_ bytes: [UInt8]) -> [String] {
        let image: GrayImage
        do {
            image = try GrayImage(fileBytes: bytes, file: "digit.png")
        } catch {
            return checkMessage(error.description, "picture")
        }
        var problems: [String] = []
        if image.pixels.count != image.width * image.height || image.pixels.count > GrayImage.maximumPixels {
            problems.append("picture: accepted \(image.width)x\(image.height) with \(image.pixels.count) pixels")
        }
        if let digit = DigitPreprocessor.preprocess(image), digit.count != 784 {
            problems.append("picture: preprocessing gave \(digit.count) pixels, not 784")
        }
        return problems
    }

    /// progress.json's contents; what is accepted must save and load back the same.
    @Sendable public static func progress(_ bytes: [UInt8]) -> [String] {
        switch ProgressStore.parse(Data(bytes)) {
        case .failure:
            return []  // set aside with a reason: an orderly refusal
        case .success(let progress):
            let encoder = JSONEncoder()
            guard let data = try? encoder.encode(progress), case .success(let again) = ProgressStore.parse(data), again == progress else {
                return ["progress: accepted progress does not save and load back the same"]
            }
            return []
        }
    }

    /// A lesson file (front matter, then Markdown), as the lesson library reads it: UTF-8 first. The
    /// file is named after the text's own `id:` line, so every seed lesson can parse all the way through.
    @Sendable public static func lesson(_ bytes: [UInt8]) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else { return [] }
        let idLine = text.split(separator: "\n").first { $0.hasPrefix("id:") }
        let id = idLine.map { $0.dropFirst(3).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty || $0.contains("/") ? nil : $0 } ?? "dropout"
        do {
            let lesson = try LessonParser.parse(text, file: "Lessons/08-\(id).md")
            return lesson.id == id && lesson.number == 8 ? [] : ["lesson: accepted id \(lesson.id), number \(lesson.number) from 08-\(id).md"]
        } catch {
            return checkMessage(error.description, "lesson")
        }
    }
}
