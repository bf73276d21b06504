/// A part of the course: a run of consecutive lessons under one heading ("Going further").
///
/// A lesson file names its part with `part: NAME`; a lesson without the key belongs to the part of
/// the lesson before it, so a part's first lesson is the one that names it, and lessons added at
/// the end of the course join its last part. Lessons before the first `part:` form a first part
/// without a name (shown without a heading). A part is one run: its name cannot come back after
/// another part has started (`LessonLibrary` reports that as an error on the `part:` line).
public struct LessonPart: Equatable, Sendable {
    /// The part's name as the lesson files write it, nil for an unnamed first part.
    public let name: String?
    /// The positions of its lessons in the course (indices into the library's lessons).
    public let lessons: Range<Int>

    public init(name: String?, lessons: Range<Int>) {
        self.name = name
        self.lessons = lessons
    }

    /// The parts of `lessons` (in course order, parts already resolved), one per run of equal `part`.
    public static func parts(of lessons: [Lesson]) -> [LessonPart] {
        var parts: [LessonPart] = []
        var start = 0
        for i in lessons.indices where i + 1 == lessons.count || lessons[i + 1].part != lessons[i].part {
            parts.append(LessonPart(name: lessons[i].part, lessons: start ..< i + 1))
            start = i + 1
        }
        return parts
    }

    /// The longest part name: it shares the header line with the title at 80 columns.
    public static let maximumNameLength = 32

    /// `lessons` (sorted) with every missing `part` taken from the lesson before, and an error for each
    /// lesson that names a part which an earlier, different part interrupted.
    static func resolve(_ lessons: [Lesson]) -> (lessons: [Lesson], errors: [LessonError]) {
        var resolved = lessons
        var errors: [LessonError] = []
        var finished: [String: Lesson] = [:]  // parts left behind, with their last lesson
        var current: String?
        for i in resolved.indices {
            guard let named = resolved[i].part else {
                resolved[i].part = current
                continue
            }
            if named != current {
                if let earlier = finished[named] {
                    errors.append(LessonError(.partSplit, file: resolved[i].file, line: LessonLibrary.line(of: "part:", in: resolved[i]),
                                              "part '\(named)' already ended with \(earlier.file); a part's lessons must follow one another (renumber the file or change its part)"))
                }
                if let current, i > 0 { finished[current] = resolved[i - 1] }
                current = named
            }
        }
        return (resolved, errors)
    }
}
