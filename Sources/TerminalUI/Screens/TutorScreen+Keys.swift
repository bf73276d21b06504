import Tutor

/// The keys on screen: the key bar (compact, a pair of actions sharing one hint) and the help overlay.
extension TutorScreen {
    /// The lesson's key bindings, then the keys its panel understands by itself.
    static func panelHints(_ state: TutorState) -> [KeyHint] {
        state.panelArrowHints + state.lesson.keys.map { KeyHint($0.key, $0.action.replacingUnderscores) } + state.panel.extraHints
    }

    /// The words that make an action one of a pair (`previous_digit` / `next_digit`, `rate_up` / `rate_down`).
    static let directions: Set<String> = ["previous", "next", "up", "down", "left", "right", "smaller", "larger",
                                          "increase", "decrease"]

    /// The lesson's keys for the key bar (the arrows first while the panel has them): actions that differ
    /// only by a direction share one hint (`← → [ ] digit`, `h j k l move`, `+ - rate`), in the order the
    /// lesson lists them; then the panel's own.
    static func compactPanelHints(_ state: TutorState) -> [KeyHint] {
        func stem(_ action: String) -> String? {
            let words = action.split(separator: "_").map(String.init)
            let rest = words.filter { !directions.contains($0) }
            guard rest.count < words.count else { return nil }
            return rest.isEmpty ? "change" : rest.joined(separator: " ")
        }
        let bindings = state.panelArrowHints.map { (key: $0.keys, action: String($0.action.map { $0 == " " ? "_" : $0 })) }
            + state.lesson.keys.map { (key: $0.key, action: $0.action) }
        var hints: [KeyHint] = []
        var placed: [String: Int] = [:]
        for binding in bindings {
            if let s = stem(binding.action), bindings.filter({ stem($0.action) == s }).count > 1 {
                if let i = placed[s] { hints[i].keys += " " + binding.key; continue }
                placed[s] = hints.count
                hints.append(KeyHint(binding.key, s))
            } else {
                hints.append(KeyHint(binding.key, binding.action.replacingUnderscores))
            }
        }
        return hints + state.panel.extraHints
    }

    /// The key bar: the question's keys while it is open and the lesson's keys (dropped from the end
    /// when even two lines are too short), then moving around, help and quit, which always show.
    static func keyBar(_ state: TutorState) -> KeyBarModel {
        var hints: [KeyHint] = []
        if !state.revealed { hints.append(KeyHint("Enter", "check")) ; hints.append(KeyHint("Esc", "skip")) }
        hints += compactPanelHints(state)
        let tab = state.focus == .panel && state.zoomed ? "text" : "panel"
        return KeyBarModel(hints, always: [KeyHint("n/p", "lesson"), KeyHint("t", "contents"), KeyHint("Tab", tab),
                                          KeyHint("?", "help"), KeyHint("q", "quit")])
    }

    /// This lesson's keys first, then the question's, then moving around (two columns when one is too tall).
    static func help(_ state: TutorState) -> HelpModel {
        HelpModel(title: "Keys", sections: [
            .init("This lesson's panel", panelHints(state)),
            .init("The question", [
                KeyHint("0-9 . / a-f", "answer; Enter checks, Esc skips"),
            ]),
            .init("Moving around", [
                KeyHint("n → / p ←", "next / previous lesson"),
                KeyHint("t", "contents; a number + Enter jumps"),
                KeyHint("↑ ↓ PgUp PgDn", "scroll the lesson text"),
                KeyHint("Tab", "the keys (arrows too) and room to the panel"),
                KeyHint("?  q", "this help; quit (progress is saved)"),
            ]),
        ])
    }
}

extension String {
    /// An action's name as the key bar and help write it: `new_mask` is "new mask".
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
