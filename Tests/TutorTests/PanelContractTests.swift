import Dispatch
import MNIST
import Testing
@testable import Tutor

/// The typed panel contract: every lesson the library loads, with every action its panel declares
/// performed through the tutor on the real workbench, and every live value it declares answered; and
/// the parser checking lesson files against each registered panel's declarations.
@Suite("Panel contract")
struct PanelContractTests {
    static let workbench = ReplayWorkbench.workbench

    /// The `Key` a lesson's binding (`space`, `+`, `home`...) produces.
    static func key(_ binding: String) -> Key? {
        switch binding {
        case "space": .character(" ")
        case "backspace": .backspace
        case "home": .home
        case "end": .end
        default: binding.count == 1 ? .character(binding.first!) : nil
        }
    }

    /// The lessons the library loads, with one epoch where the panel has an `epochs` option: with the
    /// data `runCut` trains and evaluates on, a debug build runs a lesson's training in seconds.
    static let lessons: [Lesson] = ReplayWorkbench.lessons.map { lesson in
        guard lesson.panel.options.contains(.epochs) else { return lesson }
        var options = lesson.options.explicit
        options[.epochs] = .integer(1)
        return Lesson(number: lesson.number, id: lesson.id, title: lesson.title, panel: lesson.panel,
                      options: LessonOptions(options), keys: lesson.keys, kerasLines: lesson.kerasLines, body: lesson.body,
                      tryThis: lesson.tryThis, question: lesson.question, answer: lesson.answer, reason: lesson.reason,
                      explain: lesson.explain, file: lesson.file)
    }

    /// The first 500 training and 1,000 test digits of the shipped MNIST.
    static let cutData: MNISTDataset = {
        let data = workbench.data
        func first(_ set: ImageSet, _ n: Int) -> ImageSet {
            ImageSet(count: n, rows: set.rows, columns: set.columns, pixels: (0 ..< n).flatMap { Array(set[$0]) })
        }
        return MNISTDataset(xTrain: first(data.xTrain, 500), yTrain: Array(data.yTrain.prefix(500)),
                            xTest: first(data.xTest, 1_000), yTest: Array(data.yTest.prefix(1_000)), directory: data.directory)
    }()

    /// Runs a training request the tutor asked for on this thread, on `cutData` (the same batches and
    /// rates: only the amount of data is cut), and feeds every report back through the tutor.
    static func runCut(_ effects: [Effect], _ state: inout TutorState) {
        for case .startTraining(var request) in effects {
            for i in request.runs.indices { request.runs[i].trainSize = min(request.runs[i].trainSize, cutData.xTrain.count) }
            let runner = TrainingRunner()
            runner.run(request, data: cutData)
            for update in runner.poll() { _ = state.receive(update, workbench: workbench) }
        }
    }

    /// The live values (and live texts) the panel answers now, by name.
    static func answered(_ panel: any LessonPanel, _ entry: PanelEntry) -> Set<String> {
        Set(entry.placeholders.filter { name in
            let text = panel.liveText(name, workbench: workbench)
            if entry.liveValues.contains(name) {
                let value = panel.liveValue(name, workbench: workbench)
                #expect((value == nil) == (text == nil), "\(entry.name): \(name) has a value but no text, or the reverse")
                return value != nil && text != nil
            }
            return text != nil
        })
    }

    @Test("every lesson: each declared action is bound to a key and, pressed in the tutor, does what the panel's action does; every live value is answered")
    func everyActionOfEveryLesson() throws {
        let lessons = Self.lessons
        #expect(!lessons.isEmpty && lessons.map(\.id) == ReplayWorkbench.lessons.map(\.id))
        var actionsPressed = 0
        for lesson in lessons {
            let entry = lesson.panel
            let context = "lesson \(lesson.number) (\(lesson.id), panel \(entry.name))"
            var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lesson.id), workbench: Self.workbench)
            Self.workbench.settle()  // what the panel computes in the background (lesson 16's classification), done
            state.press(.escape)  // the question skipped: the panel shows everything
            #expect(state.revealed, "\(context)")

            // As it opens: every live text, and every live value that is not produced later, exists.
            var seen = Self.answered(state.panel, entry)
            for name in entry.placeholders where !entry.producedLater.contains(name) {
                #expect(seen.contains(name), "\(context): \(name) has no value as the panel opens, and is not declared producedLater")
            }
            for name in entry.producedLater {
                #expect(!seen.contains(name), "\(context): \(name) is declared producedLater but exists at once")
            }
            if !entry.producedLater.isEmpty {
                #expect(state.panel.predictionHint != nil, "\(context): values produced later, but no predictionHint says how")
            }

            for action in entry.actions {
                let bound = lesson.key(for: action)
                let binding = try #require(bound, "\(context): action \(action) has no key")
                let key = try #require(Self.key(binding), "\(context): key '\(binding)' of \(action)")
                if state.panel.capturesTyping { state.press(.escape) }
                // The same action performed on a copy of the panel, straight through the typed contract.
                var expected = state.panel
                let performed = expected.perform(actionNamed: action, workbench: Self.workbench)
                let direct = try #require(performed, "\(context): \(action) does not resolve to one of the panel's actions")
                let effects = state.update(.key(key), workbench: Self.workbench)
                actionsPressed += 1
                #expect(state.status.map { !$0.contains("does nothing") && !$0.contains("does not have") } ?? true,
                        "\(context): key '\(binding)' (\(action)) said: \(state.status ?? "")")
                #expect(state.panel.view(workbench: Self.workbench, revealed: true).plainText
                        == expected.view(workbench: Self.workbench, revealed: true).plainText,
                        "\(context): key '\(binding)' did not do \(action)")
                #expect(effects.trainingRequest != nil || direct.trainingRequest == nil, "\(context): \(action) asked for training, the key did not")
                Self.runCut(effects, &state)
                for revealed in [false, true] { _ = state.panel.view(workbench: Self.workbench, revealed: revealed) }
                seen.formUnion(Self.answered(state.panel, entry))
            }
            // Values produced later came from the panel's own actions (a drawing, a run).
            for name in entry.placeholders {
                #expect(seen.contains(name), "\(context): \(name) was never answered, whatever the keys did")
            }
        }
        #expect(actionsPressed >= lessons.count)
    }

    @Test("every lesson: with the background jobs held, the values missing as the panel opens are exactly those declared backgroundValues (besides producedLater); released, they all come")
    func backgroundValuesAreDeclared() throws {
        for lesson in ReplayWorkbench.lessons {
            let entry = lesson.panel
            let context = "lesson \(lesson.number) (\(lesson.id), panel \(entry.name))"
            #expect(Set(entry.backgroundValues).isDisjoint(with: entry.producedLater), "\(context)")
            #expect(entry.backgroundValues.allSatisfy(entry.placeholders.contains), "\(context)")
            let fresh = Workbench(loader: Self.workbench.loader, trained: Self.workbench.trained, trainedName: "the pretrained model")
            let held = DispatchGroup()
            held.enter()
            fresh.backgroundGate.withLock { $0 = { held.wait() } }
            let panel = entry.make(lesson, workbench: fresh)
            let missing = Set(entry.placeholders.filter { panel.liveText($0, workbench: fresh) == nil })
            #expect(missing.subtracting(entry.producedLater) == Set(entry.backgroundValues), "\(context)")
            held.leave()
            fresh.settle()
            for name in entry.backgroundValues {
                #expect(panel.liveText(name, workbench: fresh) != nil, "\(context): \(name) never came")
            }
        }
    }

    @Test("the registry: distinct panel names, and within a panel distinct names that a lesson can tell apart")
    func registryDeclarations() {
        let names = PanelRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
        for entry in PanelRegistry.all {
            #expect(!entry.actions.isEmpty && !entry.liveValues.isEmpty, "\(entry.name)")
            #expect(Set(entry.actions).count == entry.actions.count, "\(entry.name)")
            // `{{name}}` may be a live value or a live text: one name must not be both.
            #expect(Set(entry.placeholders).count == entry.placeholders.count, "\(entry.name)")
            #expect(Set(entry.options).count == entry.options.count, "\(entry.name)")
            #expect(entry.producedLater.allSatisfy(entry.liveValues.contains), "\(entry.name)")
            for value in entry.liveValues {
                #expect(entry.givesAway(value).allSatisfy { entry.placeholders.contains($0) && $0 != value }, "\(entry.name): \(value)")
            }
            #expect(PanelRegistry.entry(named: entry.name) == entry)
        }
        #expect(PanelRegistry.entry(named: "dropot") == nil)
    }
}

/// The parser against each registered panel's declarations, with a lesson file written for the panel
/// from its declarations alone (no panel named here).
@Suite("Lesson files against panel declarations")
struct PanelDeclarationParserTests {
    /// Keys for generated lessons: visible, not reserved, not `,`.
    static let keyPool = Array("abcdefghijklmorsuvwxyz0123456789+-[]=/")

    /// A lesson for `entry` binding every action, using every live value and text, setting every option
    /// to its default; `change` edits the front matter or body before parsing.
    static func lesson(for entry: PanelEntry, keys: [(String, String)]? = nil, options: String? = nil,
                       live: String? = nil, placeholder: String? = nil) -> String {
        let bindings = keys ?? entry.actions.enumerated().map { (String(keyPool[$0.offset]), $0.element) }
        let optionText = options ?? entry.options.map { "\($0.rawValue)=\(Self.text($0.defaultValue))" }.joined(separator: ", ")
        var front = """
            id: sample
            title: Sample
            panel: \(entry.name)
            keys: \(bindings.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            question: What is it?
            answer: number, live=\(live ?? entry.liveValues[0]), tolerance=1
            reason: one either way
            """
        if !optionText.isEmpty { front += "\noptions: \(optionText)" }
        let uses = (placeholder.map { [$0] } ?? entry.placeholders).map { "{{\($0)}}" }.joined(separator: " ")
        return """
            ---
            \(front)
            ---
            Text with \(uses).

            ```python
            model = tf.keras.models.Sequential()
            ```

            ## Try this
            - Press \(bindings.map { "`\($0.0)`" }.joined(separator: ", ")).

            """
    }

    static func text(_ value: LessonOptionValue) -> String {
        switch value {
        case .integer(let v): "\(v)"
        case .number(let v): "\(v)"
        case .word(let w): w
        case .numbers(let vs): vs.map { "\($0)" }.joined(separator: "|")
        case .words(let ws): ws.joined(separator: "|")
        case .integers(let vs): vs.map { "\($0)" }.joined(separator: "|")
        }
    }

    static func error(_ text: String) -> LessonError? { LessonFixtures.error(text, file: "40-sample.md") }

    @Test("a lesson binding every declared action and naming every declared value, text and option parses", arguments: PanelRegistry.all.map(\.name))
    func declarationsParse(panel: String) throws {
        let entry = try #require(PanelRegistry.entry(named: panel))
        let lesson = try LessonParser.parse(Self.lesson(for: entry), file: "40-sample.md")
        #expect(lesson.panel == entry)
        #expect(lesson.keys.map(\.action) == entry.actions)
        #expect(Set(lesson.options.explicit.keys) == Set(entry.options))
        for value in entry.liveValues {
            #expect(Self.error(Self.lesson(for: entry, live: value)) == nil, "\(panel): live=\(value)")
        }
    }

    @Test("each declared action left unbound, an undeclared action, an option or a name of no declaration: file:line errors", arguments: PanelRegistry.all.map(\.name))
    func undeclaredNamesFail(panel: String) throws {
        let entry = try #require(PanelRegistry.entry(named: panel))
        let all = entry.actions.enumerated().map { (String(Self.keyPool[$0.offset]), $0.element) }
        for (i, action) in entry.actions.enumerated() {
            var keys = all
            keys.remove(at: i)
            let error = try #require(Self.error(Self.lesson(for: entry, keys: keys)), "\(panel) without \(action)")
            #expect(error.kind == .badKeys && error.line == 5)
            #expect(error.message == "panel '\(panel)' action '\(action)' has no key; bind one so the learner can use it")
        }
        var misspelt = all
        misspelt[0].1 += "x"
        let unknown = try #require(Self.error(Self.lesson(for: entry, keys: misspelt)))
        #expect(unknown.kind == .badKeys && unknown.line == 5)
        #expect(unknown.description == "40-sample.md:5: panel '\(panel)' has no action '\(all[0].1)x' (its actions: \(entry.actions.joined(separator: ", ")))")

        for option in LessonOption.allCases where !entry.options.contains(option) {
            let error = try #require(Self.error(Self.lesson(for: entry, options: "\(option.rawValue)=\(Self.text(option.defaultValue))")))
            #expect(error.kind == .unknownOption && error.line == 9, "\(panel): \(option)")
            #expect(error.message.hasPrefix("panel '\(panel)' has no option '\(option.rawValue)' (its options: "))
        }

        let live = try #require(Self.error(Self.lesson(for: entry, live: "not_a_value")))
        #expect(live.kind == .badAnswer && live.line == 7)
        #expect(live.message == "panel '\(panel)' has no live value 'not_a_value' (its live values: \(entry.liveValues.joined(separator: ", ")))")
        // A live text is words, not a number an answer can be checked against.
        for text in entry.liveTexts {
            #expect(Self.error(Self.lesson(for: entry, live: text))?.kind == .badAnswer, "\(panel): live=\(text)")
        }

        let placeholder = try #require(Self.error(Self.lesson(for: entry, placeholder: "not_a_value")))
        #expect(placeholder.kind == .unknownPlaceholder)
        #expect(placeholder.description.hasPrefix("40-sample.md:\(entry.options.isEmpty ? 10 : 11): '{{not_a_value}}' is not a live value of panel '\(panel)' (it has: \(entry.placeholders.joined(separator: ", ")))"))
    }

    @Test("a panel name of no registry entry lists the registered ones")
    func unknownPanelListsTheRegistry() throws {
        let entry = PanelRegistry.all[0]
        let text = Self.lesson(for: entry).replacingOccurrences(of: "panel: \(entry.name)", with: "panel: \(entry.name)s")
        let error = try #require(Self.error(text))
        #expect(error.kind == .unknownPanel && error.line == 4)
        #expect(error.message == "unknown panel '\(entry.name)s' (panels: \(PanelRegistry.all.map(\.name).joined(separator: ", ")))")
    }
}
