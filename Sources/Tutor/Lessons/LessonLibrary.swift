import Foundation
import MNIST
import NeuralNet

/// All lessons of the course, in order: every `NN-id.md` in the lessons folder (not `README.md`),
/// sorted by `NN`. Adding a lesson is adding a file; numbers need not be contiguous.
public struct LessonLibrary: Sendable {
    public let lessons: [Lesson]
    /// The folder the lessons were read from.
    public let directory: String

    public init(lessons: [Lesson], directory: String) {
        self.lessons = lessons
        self.directory = directory
    }

    public func lesson(id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }

    /// The position of lesson `id` in `lessons`, for next/previous navigation.
    public func index(of id: String) -> Int? {
        lessons.firstIndex { $0.id == id }
    }

    /// The environment variable naming another lessons folder; `--lessons DIR` wins over it.
    public static let environmentVariable = "MNIST_TUTOR_LESSONS"

    /// The installation's `Lessons` folder (beside `Assets`), or an error saying where it looked.
    public static func defaultDirectory() throws(LessonError) -> String {
        guard let root = DataLocation.installationDirectory() else {
            throw LessonError(.directoryNotFound, file: "Lessons", line: nil,
                              "cannot find the tutor's installation (the folder holding Assets/ and Lessons/); run it from the project checkout, reinstall with `make install`, or name a lessons folder with --lessons DIR or \(environmentVariable)=DIR")
        }
        return root + "/Lessons"
    }

    /// The lessons folder to read and what named it: `option` (the `--lessons` value), then
    /// `$MNIST_TUTOR_LESSONS`, then the installation's `Lessons` folder.
    public static func directory(option: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(LessonError) -> (path: String, source: String?) {
        if let option { return (option, "--lessons") }
        if let value = environment[environmentVariable], !value.isEmpty { return (value, "$" + environmentVariable) }
        return (try defaultDirectory(), nil)
    }

    /// Loads the lessons folder `option` (`--lessons DIR`) or `$MNIST_TUTOR_LESSONS` names, else the
    /// installation's.
    public static func load(option: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(LessonErrors) -> LessonLibrary {
        let folder: (path: String, source: String?)
        do {
            folder = try directory(option: option, environment: environment)
        } catch {
            throw LessonErrors([error])
        }
        return try load(directory: folder.path, source: folder.source)
    }

    /// Loads and checks every lesson in `directory`. Throws `LessonErrors` listing every problem
    /// in every file (one `file:line: message` each), or the one problem with the folder itself.
    /// `source` says what named the folder (`--lessons`, `$MNIST_TUTOR_LESSONS`), for the errors.
    public static func load(directory: String, source: String? = nil) throws(LessonErrors) -> LessonLibrary {
        let named = source.map { " (named by \($0))" } ?? ""
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
            let hint = source == nil ? "the lessons live in Lessons/ beside Assets/ in the project checkout"
                : "name a folder of lesson files (NN-id.md), such as a copy of the project's Lessons/"
            throw LessonErrors([LessonError(.directoryNotFound, file: directory, line: nil,
                                            exists && !isDirectory.boolValue ? "is a file, not the lessons folder" + (source == nil ? "" : "\(named); \(hint)")
                                                : exists ? "cannot be read\(named) (\(error.localizedDescription)); check its permissions"
                                                : "no such folder\(named); \(hint)")])
        }
        let files = names.filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".") }
        guard !files.isEmpty else {
            throw LessonErrors([LessonError(.noLessons, file: directory, line: nil, "holds no lesson files (NN-id.md)\(named); lesson files are named like 08-dropout.md (see Lessons/README.md)")])
        }
        var errors: [LessonError] = []
        var lessons: [Lesson] = []
        for name in files {
            let path = directory + "/" + name
            let text: String
            switch readLesson(path) {
            case .success(let contents): text = contents
            case .failure(let error):
                errors.append(error)
                continue
            }
            do {
                lessons.append(try LessonParser.parse(text, file: path))
            } catch {
                errors.append(error)
            }
        }
        lessons.sort { ($0.number, $0.id) < ($1.number, $1.id) }
        let parts = LessonPart.resolve(lessons)
        lessons = parts.lessons
        errors += parts.errors
        for (i, lesson) in lessons.enumerated() {
            if let earlier = lessons[..<i].first(where: { $0.id == lesson.id }) {
                errors.append(LessonError(.duplicateId, file: lesson.file, line: line(of: "id:", in: lesson),
                                          "id '\(lesson.id)' is already used by \(earlier.file); ids must be unique"))
            }
            if let earlier = lessons[..<i].first(where: { $0.number == lesson.number }) {
                errors.append(LessonError(.duplicateNumber, file: lesson.file, line: nil,
                                          "number \(lesson.number) is also used by \(earlier.file); give each lesson its own number"))
            }
        }
        guard errors.isEmpty else {
            throw LessonErrors(errors.sorted { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) })
        }
        return LessonLibrary(lessons: lessons, directory: directory)
    }

    /// The largest lesson file read: 1 MiB (the longest lesson is about 8 KB).
    public static let maximumFileSize = 1 << 20

    /// A lesson file's text, read without blocking (a FIFO named like a lesson is refused) and at most
    /// `maximumFileSize`, or the error naming what is wrong with it.
    static func readLesson(_ path: String) -> Result<String, LessonError> {
        let bytes: [UInt8]
        do {
            bytes = try ReadableFile.bytes(path, limit: maximumFileSize)
        } catch .notRegular(let what) {
            return .failure(LessonError(.unreadable, file: path, line: nil, "is \(what), not a lesson file; remove it or rename it without .md"))
        } catch .tooLarge(let size, let limit) {
            return .failure(LessonError(.unreadable, file: path, line: nil,
                                        "is \(FileKind.size(size)), more than a lesson may be (\(FileKind.size(limit))); is it the right file?"))
        } catch {
            return .failure(LessonError(.unreadable, file: path, line: nil, "cannot be read (\(error == .permissionDenied ? "permission denied" : "\(error)")); check its permissions"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(LessonError(.unreadable, file: path, line: nil, "is not UTF-8 text; save it as UTF-8"))
        }
        return .success(text)
    }

    /// The line of front-matter key `key` (`"id:"`) in a lesson's file, for pointing at a problem
    /// found across files (a duplicate id, a part interrupted).
    static func line(of key: String, in lesson: Lesson) -> Int? {
        guard case .success(let text) = readLesson(lesson.file) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { $0.hasPrefix(key) }.map { $0 + 1 }
    }

    /// The course's parts in order, each with the positions of its lessons.
    public var parts: [LessonPart] { LessonPart.parts(of: lessons) }
}
