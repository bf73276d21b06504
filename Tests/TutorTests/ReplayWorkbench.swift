import Dispatch
import Foundation
import MNIST
import Testing
@testable import Tutor

/// The shipped data, the pretrained model and the lessons, loaded once for all panel replay tests
/// (loading the 60,000 training images is the slow part; every suite shares this one copy).
enum ReplayWorkbench {
    /// A workbench on the shared data whose background jobs (`Workbench.computedInBackground`) wait at a gate
    /// until the returned semaphore is signalled, and the lesson `id` of the shipped course: for tests that
    /// look at a panel before its pass over the test set is done.
    static func gated(lesson id: String) throws -> (workbench: Workbench, release: DispatchSemaphore, lesson: Lesson) {
        let fresh = Workbench(loader: workbench.loader, trained: workbench.trained, trainedName: "the pretrained model")
        let release = DispatchSemaphore(value: 0)
        fresh.backgroundGate.withLock { $0 = { release.wait() } }
        return (fresh, release, try #require(lessons.first { $0.id == id }))
    }

    static let workbench: Workbench = try! Workbench.load()
    static let lessons: [Lesson] = try! LessonLibrary.load().lessons

    /// The tutor opened on lesson `id`, as a learner who has answered nothing.
    static func state(at id: String) -> TutorState {
        TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: id), workbench: workbench)
    }

    /// The tutor opened on lesson number `number`.
    static func state(number: Int) -> TutorState {
        state(at: lessons.first { $0.number == number }!.id)
    }
}

/// A data folder holding the shipped training files (linked) but not the test files, and a workbench on it
/// with the pretrained model: every pass over the test set fails, as it would with a damaged installation.
struct FolderWithoutTestFiles {
    let directory: String
    let workbench: Workbench

    init() throws {
        directory = NSTemporaryDirectory() + "no-test-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let shipped = ReplayWorkbench.workbench.loader.directory
        let train = MNISTDataset.Part.train.stems
        for stem in [train.images, train.labels] {
            let file = try MNISTDataset.findFile(stem: stem, in: shipped)
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + (file as NSString).lastPathComponent, withDestinationPath: file)
        }
        workbench = Workbench(loader: MNISTLoader(directory: directory, cache: nil), trained: ReplayWorkbench.workbench.trained,
                              trainedName: "the pretrained model")
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension TutorState {
    /// Sends each key through `update`, as the run loop would.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0), workbench: ReplayWorkbench.workbench) }
    }

    /// Presses the key a lesson file binds (`binding.key`: a character, `space`, or a named key).
    @discardableResult
    mutating func press(_ binding: KeyBinding) -> [Effect] {
        let named: [String: Key] = ["backspace": .backspace, "home": .home, "end": .end]
        let key = binding.character.map(Key.character) ?? named[binding.key]
        guard let key else {
            Issue.record("no key for '\(binding.key)' in the replay helper")
            return []
        }
        return update(.key(key), workbench: ReplayWorkbench.workbench)
    }

    /// Types `text` one character at a time (a space is the `space` key).
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { update(.key(.character($0)), workbench: ReplayWorkbench.workbench) }
    }

    func live(_ name: String) -> Double? {
        panel.liveValue(name, workbench: ReplayWorkbench.workbench)
    }

    /// The panel as the learner sees it now, in its plain-text form.
    var shown: String {
        panel.view(workbench: ReplayWorkbench.workbench, revealed: revealed).plainText
    }
}
