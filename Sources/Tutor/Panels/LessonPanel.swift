import MNIST

/// A lesson's live panel: its own state (the digit shown, the dropout rate...), what it does for each
/// action the lesson binds to a key, the live values answers are checked against, and what it shows.
///
/// Panels are values: `TutorState` keeps one per visited lesson, so coming back finds it as it was.
/// Everything they show comes from the `Workbench` (real digits, real models) at the time of the call.
public protocol LessonPanel: Sendable {
    /// The panel in the lesson's starting state (its `options:`).
    init(lesson: Lesson, workbench: Workbench)

    /// Does one of the actions in `PanelKind.actions` (the lesson binds each to a key).
    mutating func perform(_ action: String, workbench: Workbench) -> [Effect]

    /// A live value named in `PanelKind.liveValues`, or nil when it is not known (yet).
    func liveValue(_ name: String, workbench: Workbench) -> Double?

    /// A live value or live text (`PanelKind.liveValues`, `liveTexts`) written exactly as this panel's
    /// view writes it, for `{{name}}` in lesson text and for the verdict; nil when it does not exist yet.
    func liveText(_ name: String, workbench: Workbench) -> String?

    /// A square live table named in `PanelKind.liveTables` (a pair answer is judged against it), or
    /// nil when it is not known (yet).
    func liveTable(_ name: String, workbench: Workbench) -> [[Double]]?

    /// What the learner does to produce the value a kept prediction waits for ("Press g to train…");
    /// nil for panels whose values always exist.
    var predictionHint: String? { get }

    /// What the panel shows. `revealed` is false while the lesson's question is open: the panel then
    /// hides the number the question asks about (and says so), and shows everything else.
    func view(workbench: Workbench, revealed: Bool) -> PanelView

    /// Keys other than the lesson's bindings, when the panel has the focus (Tab) or a field open:
    /// arrows for a cursor, typed characters for a number. Returns nil when it did not use the key.
    mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]?

    /// A mouse action on the drawing canvas, in canvas pixels (0..<28, fractional), with its button.
    mutating func pointer(_ kind: MouseEvent.Kind, button: MouseEvent.Button, x: Double, y: Double,
                          workbench: Workbench) -> [Effect]

    /// True while the panel has a text field open: typed characters then go to `handle` first.
    var capturesTyping: Bool { get }

    /// True when `handle` moves the panel's own cursor with all four arrows (its hints say so); other
    /// panels get the arrows as their previous/next actions while they have the focus.
    var movesCursorWithArrows: Bool { get }

    /// Keys the panel understands beyond the lesson's bindings, for the key bar and help.
    var extraHints: [KeyHint] { get }

    /// A training job's progress (only the training panels start jobs).
    mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect]

    /// Called about every 50 ms; for animations. Returns true when the panel changed.
    mutating func tick(workbench: Workbench) -> Bool

    /// The lesson's question was just answered or skipped: go to the view that shows the number it
    /// asked about (lesson 9 moves to the softmax step), so the learner sees the answer at once.
    mutating func questionClosed(workbench: Workbench)

    /// The MNIST parts the panel reads, in `view`, `liveValue` and its actions, as it is now. Until
    /// they are loaded the tutor shows that they are coming and holds the panel's keys (never the
    /// others'); drawing or acting on a part not named here would wait for it.
    var dataNeeded: MNISTParts { get }
}

extension LessonPanel {
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? { nil }
    public mutating func pointer(_ kind: MouseEvent.Kind, button: MouseEvent.Button, x: Double, y: Double,
                                 workbench: Workbench) -> [Effect] { [] }
    public var capturesTyping: Bool { false }
    public func liveTable(_ name: String, workbench: Workbench) -> [[Double]]? { nil }
    public var movesCursorWithArrows: Bool { false }
    public var predictionHint: String? { nil }
    public var extraHints: [KeyHint] { [] }
    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] { [] }
    public mutating func tick(workbench: Workbench) -> Bool { false }
    public mutating func questionClosed(workbench: Workbench) {}
    public var dataNeeded: MNISTParts { [] }
}

/// Builds the panel a lesson names.
public enum PanelFactory {
    public static func make(_ lesson: Lesson, workbench: Workbench) -> any LessonPanel {
        switch lesson.panel {
        case .network: NetworkPanel(lesson: lesson, workbench: workbench)
        case .digits: DigitsPanel(lesson: lesson, workbench: workbench)
        case .summary: SummaryPanel(lesson: lesson, workbench: workbench)
        case .flatten: FlattenPanel(lesson: lesson, workbench: workbench)
        case .dense: DensePanel(lesson: lesson, workbench: workbench)
        case .relu: ReLUPanel(lesson: lesson, workbench: workbench)
        case .sparsity: SparsityPanel(lesson: lesson, workbench: workbench)
        case .dropout: DropoutPanel(lesson: lesson, workbench: workbench)
        case .logits: LogitsPanel(lesson: lesson, workbench: workbench)
        case .training: TrainingPanel(lesson: lesson, workbench: workbench)
        case .draw: DrawPanel(lesson: lesson, workbench: workbench)
        case .overfitting: OverfittingPanel(lesson: lesson, workbench: workbench)
        case .mistakes: MistakesPanel(lesson: lesson, workbench: workbench)
        }
    }
}
