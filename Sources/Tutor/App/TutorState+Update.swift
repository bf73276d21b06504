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
            // A value computed in the background may have just arrived: a prediction waiting for it is judged now.
            return changedOnLastTick ? checkPrediction(lesson: index, workbench: workbench) : []
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
        // A prediction made before the run is judged as soon as the run produces its value.
        return route(effects, workbench: workbench) + checkPrediction(lesson: owner, workbench: workbench)
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
        // While its digits load, a focused panel's keys wait; the tutor's own (quit, help, contents, lessons, Tab) do not.
        if focus == .panel {
            if panelReady(workbench) {
                if let effects = modifyPanel({ $0.handle(key, workbench: workbench) }) { return route(effects, workbench: workbench) }
            } else if !Self.tutorKeys.contains(key) {
                return hold(key)
            }
        }
        // Arrows given to the panel stay with it: they do the panel's previous/next action, and never
        // change lessons (n and p still do).
        if focus == .panel, let arrow = Self.arrows.first(where: { $0.key == key }) {
            if let action = arrowAction(arrow) {
                return performAction(action, workbench: workbench)
            }
            if key == .left || key == .right {
                status = "← → belong to the panel now (Tab gives them back to the lesson); n and p change lessons."
                return []
            }
        }
        switch key {
        case .character("q"): return quit()
        case .character("?"): overlay = .help; return []
        case .character("t"): overlay = .contents(selected: index, typed: ""); return []
        case .character("n"), .right: return go(to: index + 1, workbench: workbench)
        case .character("p"), .left: return go(to: index - 1, workbench: workbench)
        case .tab, .backTab:
            toggleFocus()
            return []
        default: break
        }
        if let name, let action = lesson.action(forKey: name) {
            guard panelReady(workbench) else { return hold(key) }
            return performAction(action, workbench: workbench)
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

    // MARK: Data still loading

    /// Whether the MNIST parts the open panel reads are loaded.
    func panelReady(_ workbench: Workbench) -> Bool { workbench.isLoaded(panel.dataNeeded) }

    /// Whether an answer can be checked: the panel in its starting state reads its parts too.
    func answerReady(_ workbench: Workbench) -> Bool {
        lesson.answer.liveValue == nil
            || workbench.isLoaded(panel.dataNeeded.union(lesson.panel.make(lesson, workbench: workbench).dataNeeded))
    }

    /// The tutor's own keys, which never wait for a panel's data.
    static let tutorKeys: [Key] = [.character("q"), .character("?"), .character("t"), .character("n"), .character("p"), .tab, .backTab]

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
        // A stroke maps through the placement its press saw, until the release.
        guard panelReady(workbench),
              let placement = mouse.kind == .press ? canvasPlacement : (strokePlacement ?? canvasPlacement) else { return [] }
        strokePlacement = mouse.kind == .release ? nil : placement
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

    /// Performs the panel action a key of the lesson is bound to (by name, as the lesson file writes it).
    /// The parser has checked the name against the panel's actions; one that still does not resolve (a
    /// lesson built by hand) is said on the status line, not ignored.
    mutating func performAction(_ name: String, workbench: Workbench) -> [Effect] {
        guard let effects = modifyPanel({ $0.perform(actionNamed: name, workbench: workbench) }) else {
            status = "The lesson binds '\(name)', which panel '\(lesson.panel.name)' does not have."
            return []
        }
        return route(effects, workbench: workbench)
    }

    /// What each arrow does when the panel has the focus: the first of these actions the lesson binds.
    static let arrows: [(key: Key, actions: [String], words: String)] = [
        (.left, ["previous_digit", "previous_neuron", "previous_unit", "decrease", "rate_down", "epochs_down"], "previous"),
        (.right, ["next_digit", "next_neuron", "next_unit", "increase", "rate_up", "epochs_up"], "next"),
        (.up, ["previous_row", "previous_setting", "previous_page"], "up"),
        (.down, ["next_row", "next_setting", "next_page"], "down"),
    ]

    func arrowAction(_ arrow: (key: Key, actions: [String], words: String)) -> String? {
        arrow.actions.first { lesson.key(for: $0) != nil }
    }

    /// The arrows' meaning in this lesson while the panel has the focus, for the key bar and help
    /// (empty while the lesson text has it, or when the panel moves its own cursor with them).
    public var panelArrowHints: [KeyHint] {
        guard focus == .panel, !panel.movesCursorWithArrows else { return [] }
        return Self.arrows.compactMap { arrow in
            arrowAction(arrow).map { KeyHint(Self.arrowGlyph(arrow.key), String($0.map { $0 == "_" ? " " : $0 })) }
        }
    }

    static func arrowGlyph(_ key: Key) -> String {
        switch key {
        case .left: "←"
        case .right: "→"
        case .up: "↑"
        default: "↓"
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
