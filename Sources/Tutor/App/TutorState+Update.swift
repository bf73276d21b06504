/// How the tutor reacts to input: navigation and overlays first, then the question, then the panel.
extension TutorState {
    /// Applies one event; returns what the run loop must do.
    public mutating func update(_ event: Event, workbench: Workbench) -> [Effect] {
        switch event {
        case .interrupt:
            return quit()
        case .resize:
            return []
        case .tick:
            changedOnLastTick = panelReady(workbench) && modifyPanel { $0.tick(workbench: workbench) }
            return []
        case .mouse(let mouse):
            return handleMouse(mouse, workbench: workbench)
        case .key(let key):
            status = nil
            return handleKey(key, workbench: workbench)
        }
    }

    /// A training job's progress, for the panel whose lesson started it.
    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] {
        guard update.requestID == trainingRequestID, let owner = trainingLessonIndex, var p = panels[owner] else { return [] }
        switch update {
        case .finished, .failed: trainingActive = false
        default: break
        }
        if case .failed(_, let message) = update { status = "Training stopped: \(message)" }
        let effects = p.receive(update, workbench: workbench)
        panels[owner] = p
        return route(effects, workbench: workbench)
    }

    /// The run loop kept a model as the learner's own, saved at `path`.
    public mutating func modelKept(path: String) {
        progress.model = .own(path: path)
        status = "Your model is saved (\(path)); lessons now use it as the trained model."
    }

    // MARK: Keys

    mutating func handleKey(_ key: Key, workbench: Workbench) -> [Effect] {
        switch overlay {
        case .help:
            if key == .character("q") { return quit() }
            overlay = .none
            return []
        case .contents(let selected, let typed):
            return handleContentsKey(key, selected: selected, typed: typed, workbench: workbench)
        case .none:
            break
        }

        // Keys for a panel whose digits are still loading wait for them (`dataLoaded`); the rest work now.
        if panel.capturesTyping {
            guard panelReady(workbench) else { return hold(key) }
            if let effects = modifyPanel({ $0.handle(key, workbench: workbench) }) { return route(effects, workbench: workbench) }
        }
        if key == .enter && !question.isClosed && progress.answers[lesson.id] == nil && !answerReady(workbench) {
            return hold(key)
        }
        if let effects = handleQuestionKey(key, workbench: workbench) { return effects }

        let name = Self.keyName(key)
        // The panel's own keys (its cursor's arrows) only while it has the focus; otherwise ↑ ↓ scroll the text.
        if focus == .panel {
            guard panelReady(workbench) else { return hold(key) }
            if let effects = modifyPanel({ $0.handle(key, workbench: workbench) }) { return route(effects, workbench: workbench) }
        }
        switch key {
        case .character("q"): return quit()
        case .character("?"): overlay = .help; return []
        case .character("t"): overlay = .contents(selected: index, typed: ""); return []
        case .character("n"), .right: return go(to: index + 1, workbench: workbench)
        case .character("p"), .left: return go(to: index - 1, workbench: workbench)
        case .tab, .backTab:
            focus = focus == .lesson ? .panel : .lesson
            return []
        default: break
        }
        if let name, let action = lesson.action(forKey: name) {
            guard panelReady(workbench) else { return hold(key) }
            return route(modifyPanel { $0.perform(action, workbench: workbench) }, workbench: workbench)
        }
        switch key {
        case .up: scrollText(by: -1)
        case .down: scrollText(by: 1)
        case .pageUp: scrollText(by: -10)
        case .pageDown: scrollText(by: 10)
        case .home: textScroll = 0
        case .escape: break
        default:
            status = "\(name.map { "'\($0)'" } ?? "That key") does nothing here; press ? for the keys."
        }
        return []
    }

    /// Leaving: the run loop stops once `quitRequested` is set, after saving.
    mutating func quit() -> [Effect] {
        requestQuit()
        return [.saveProgress]
    }

    mutating func go(to target: Int, workbench: Workbench) -> [Effect] {
        guard target >= 0 && target < lessons.count else {
            status = target < 0 ? "This is the first lesson." : "This is the last lesson. Press t for the contents."
            return []
        }
        openLesson(target, workbench: workbench)
        return [.saveProgress]
    }

    mutating func handleContentsKey(_ key: Key, selected: Int, typed: String, workbench: Workbench) -> [Effect] {
        switch key {
        case .character("q"): return quit()
        case .escape, .character("t"): overlay = .none
        case .up, .character("k"): overlay = .contents(selected: max(0, selected - 1), typed: "")
        case .down, .character("j"): overlay = .contents(selected: min(lessons.count - 1, selected + 1), typed: "")
        case .backspace: overlay = .contents(selected: selected, typed: String(typed.dropLast()))
        case .character(let c) where c.isASCII && c.isNumber:
            let digits = typed.count >= 2 ? String(c) : typed + String(c)
            let target = lessons.firstIndex { $0.number == Int(digits) }
            overlay = .contents(selected: target ?? selected, typed: digits)
        case .enter:
            overlay = .none
            if !typed.isEmpty, lessons.firstIndex(where: { $0.number == Int(typed) }) == nil {
                status = "There is no lesson \(typed)."
                return []
            }
            return go(to: selected, workbench: workbench)
        default: break
        }
        return []
    }

    // MARK: The question

    /// Typing, Enter and Esc while the lesson's question is open; nil when the key is not for it.
    mutating func handleQuestionKey(_ key: Key, workbench: Workbench) -> [Effect]? {
        guard !question.isClosed, progress.answers[lesson.id] == nil else { return nil }
        switch key {
        case .enter:
            return submitAnswer(workbench: workbench)
        case .escape:
            modifyQuestion { $0.skipped = true }
            progress.lessonsDone.insert(lesson.id)
            return [.saveProgress]
        case .backspace where !question.input.isEmpty:
            modifyQuestion { $0.input.removeLast() }
            return []
        case .character(let c) where acceptsAnswerCharacter(c):
            modifyQuestion {
                $0.input.append(c)
                $0.hint = nil
            }
            return []
        default:
            return nil
        }
    }

    /// Digits and the decimal point for number answers; option letters and numbers for choices.
    /// A key the lesson binds to its panel stays with the panel.
    func acceptsAnswerCharacter(_ c: Character) -> Bool {
        if lesson.action(forKey: String(c)) != nil { return false }
        switch lesson.answer {
        case .number:
            return c.isASCII && (c.isNumber || c == "." || (c == "-" && question.input.isEmpty))
        case .choice(let options, _):
            let letters = options.indices.map { AnswerSpec.letter($0) }
            let numbers = options.indices.map { Character(String($0 + 1)) }
            return question.input.isEmpty && (letters.contains(Character(c.lowercased())) || numbers.contains(c))
        }
    }

    mutating func submitAnswer(workbench: Workbench) -> [Effect] {
        let input = question.input
        guard !input.isEmpty else {
            modifyQuestion { $0.hint = "Type your answer first, then press Enter (Esc skips the question)." }
            return []
        }
        let live = liveValueForAnswer(workbench: workbench)
        let verdict = lesson.answer.judge(input, live: live)
        switch verdict {
        case .correct, .incorrect:
            modifyQuestion {
                $0.verdict = verdict
                $0.liveValue = live
            }
            progress.answers[lesson.id] = .init(response: input, correct: verdict == .correct)
            progress.lessonsDone.insert(lesson.id)
            return [.saveProgress]
        case .unreadable(let hint):
            modifyQuestion {
                $0.hint = hint
                $0.input = ""
            }
        case .waiting:
            modifyQuestion {
                $0.hint = "That result does not exist yet: run the panel first, then answer again."
                $0.input = ""
            }
        }
        return []
    }

    /// The live value the answer is checked against: the panel in its starting state (the lesson's
    /// options), or, for results that only exist after a run (training), the panel as it is now.
    func liveValueForAnswer(workbench: Workbench) -> Double? {
        guard let name = lesson.answer.liveValue else { return nil }
        let fresh = PanelFactory.make(lesson, workbench: workbench)
        return fresh.liveValue(name, workbench: workbench) ?? panel.liveValue(name, workbench: workbench)
    }

    // MARK: Data still loading

    /// Whether the MNIST parts the open panel reads are loaded.
    func panelReady(_ workbench: Workbench) -> Bool { workbench.isLoaded(panel.dataNeeded) }

    /// Whether an answer can be checked: the panel in its starting state reads its parts too.
    func answerReady(_ workbench: Workbench) -> Bool {
        lesson.answer.liveValue == nil
            || workbench.isLoaded(panel.dataNeeded.union(PanelFactory.make(lesson, workbench: workbench).dataNeeded))
    }

    /// Holds `key` until the data arrives; it then applies in the order typed (if the lesson is still open).
    mutating func hold(_ key: Key) -> [Effect] {
        deferredKeys.append((lesson: index, key: key))
        status = "The digits are still loading; your key applies as soon as they are in."
        return []
    }

    /// The loader finished a part: keys held for the open lesson apply now, in order, as far as the
    /// data they need is in (the rest keep waiting). Keys held for a lesson left since are dropped.
    public mutating func dataLoaded(workbench: Workbench) -> [Effect] {
        let held = deferredKeys.filter { $0.lesson == index }.map(\.key)
        deferredKeys = []
        guard !held.isEmpty else { return [] }
        status = nil
        var effects: [Effect] = []
        for key in held { effects += handleKey(key, workbench: workbench) }
        return effects
    }

    /// What the open panel shows: its view, or, while the parts it reads are loading, that they are coming.
    public func panelView(workbench: Workbench) -> PanelView {
        let needed = panel.dataNeeded
        guard workbench.isLoaded(needed) else { return .loading(needed, lesson: lesson) }
        return panel.view(workbench: workbench, revealed: revealed)
    }

    // MARK: The mouse

    mutating func handleMouse(_ mouse: MouseEvent, workbench: Workbench) -> [Effect] {
        guard overlay == .none else { return [] }
        switch mouse.kind {
        case .scrollUp: scrollText(by: -3); return []
        case .scrollDown: scrollText(by: 3); return []
        default: break
        }
        guard let placement = canvasPlacement, panelReady(workbench) else { return [] }
        let point = placement.canvasPoint(column: mouse.column, row: mouse.row)
        focus = .panel
        return route(modifyPanel { $0.pointer(mouse.kind, button: mouse.button, x: point.x, y: point.y, workbench: workbench) }, workbench: workbench)
    }

    // MARK: Effects

    /// Gives a training request its id and remembers which lesson's panel gets its updates.
    ///
    /// The runner runs one job at a time: a new request stops the one under way, whose later reports
    /// carry the old id and are ignored. If another lesson's panel owned that job, it is told here
    /// that its job ended stopped, or it would wait for reports that never come.
    mutating func route(_ effects: [Effect], workbench: Workbench) -> [Effect] {
        effects.map { effect in
            switch effect {
            case .startTraining(var request):
                if trainingActive, let owner = trainingLessonIndex, owner != index, var superseded = panels[owner] {
                    _ = superseded.receive(.finished(request: trainingRequestID, stopped: true), workbench: workbench)
                    panels[owner] = superseded
                }
                trainingRequestID += 1
                request.id = trainingRequestID
                trainingLessonIndex = index
                trainingActive = true
                return .startTraining(request)
            default:
                return effect
            }
        }
    }

    /// The name a lesson file uses for a key (`m`, `+`, `space`, `backspace`...).
    public static func keyName(_ key: Key) -> String? {
        switch key {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .backspace: "backspace"
        case .home: "home"
        case .end: "end"
        case .enter: "enter"
        case .escape: "esc"
        default: nil
        }
    }
}
