import MNIST

/// A lesson's live panel: its own state (the digit shown, the dropout rate...), what it does for each
/// action the lesson binds to a key, the live values answers are checked against, and what it shows.
///
/// The panel declares its contract with a lesson file in types: its `Action`s (raw values are the
/// names a lesson's `keys:` line uses), its `LiveValue`s (numbers an answer's `live=` and `{{name}}`
/// may name), its `LiveText`s (words for `{{name}}`), its `options` and what `givesAway` a value.
/// `PanelRegistry` lists every panel by the name a lesson's `panel:` line uses; the parser checks a
/// lesson file against these declarations, so a typo is a `file:line:` error, never a dead key.
///
/// Panels are values: `TutorState` keeps one per visited lesson, so coming back finds it as it was.
/// Everything they show comes from the `Workbench` (real digits, real models) at the time of the call.
public protocol LessonPanel: Sendable {
    /// What the lesson's keys make the panel do; every one must be bound to a key by each lesson.
    associatedtype Action: PanelName
    /// The numbers the panel computes, which an answer may be checked against (`live=`) and lesson
    /// text may embed (`{{name}}`). Each describes what the panel shows at that moment.
    associatedtype LiveValue: PanelName
    /// Words (not numbers) the panel fills into lesson text and questions (`{{name}}`): what it shows
    /// now, such as the digit (`x_train[1]`) or the settings of the next run. `NoLiveText` for none.
    associatedtype LiveText: PanelName = NoLiveText

    /// The `options:` this panel understands (types, ranges and defaults are in `LessonOption`).
    static var options: [LessonOption] { get }

    /// The live values and texts that would give `value` away (one follows from the other): while a
    /// question asks for `value`, these stay hidden too. Default: none.
    static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>]

    /// Live values that exist only once the learner has produced them (a training run's results, a
    /// drawing's reading): nil until then, and "(not measured yet)" in lesson text. Every other live
    /// value exists as soon as the panel opens. `PanelContractTests` checks both, producing these
    /// through the panel's own actions; a panel with any says how to produce them in `predictionHint`.
    static var producedLater: [LiveValue] { get }

    /// Live values and texts a background job computes (`Workbench.computedInBackground`: a pass over the
    /// test set): nil for a moment after the panel opens, until the job is done; `Workbench.settle()` waits
    /// for them, and the feedback on an answer does when its explanation names one. None is produced later.
    /// `PanelContractTests` checks that these, and only these (besides `producedLater`), are missing while
    /// the jobs are held. Default: none.
    static var backgroundValues: [LiveName<LiveValue, LiveText>] { get }

    /// Whether the panel has the focus when its lesson opens (a canvas to draw on at once). Default: false.
    static var startsWithFocus: Bool { get }

    /// Whether the panel computes statistics over a whole data set (every test digit's sparsity or
    /// classification): such a lesson pays for that work, not for starting, and `mnist-tutor bench` reports
    /// its plain-text time apart from the start-up target. Default: false.
    static var wholeSetStatistics: Bool { get }

    /// The panel in the lesson's starting state (its `options:`).
    init(lesson: Lesson, workbench: Workbench)

    /// Does one of the panel's actions (the lesson binds each to a key). Switch over every case.
    mutating func perform(_ action: Action, workbench: Workbench) -> [Effect]

    /// The value of a live value, or nil when it is not known (yet).
    func liveValue(_ value: LiveValue, workbench: Workbench) -> Double?

    /// A live value or live text written exactly as this panel's view writes it, for `{{name}}` in
    /// lesson text and for the verdict; nil when it does not exist yet.
    func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String?

    /// Square tables of numbers the panel computes, which a pair answer names (`table=`); in lesson
    /// text `{{name}}` gives the table's answer in words (`liveText(named:)`). Default: none.
    static var liveTables: [String] { get }

    /// The live values and texts that would give the table `name` away. Default: none.
    static func givesAway(table name: String) -> [LiveName<LiveValue, LiveText>]

    /// A square live table named in `liveTables` (a pair answer is judged against it), or
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
    public static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>] { [] }
    public static var producedLater: [LiveValue] { [] }
    public static var backgroundValues: [LiveName<LiveValue, LiveText>] { [] }
    public static var startsWithFocus: Bool { false }
    public static var wholeSetStatistics: Bool { false }
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? { nil }
    public mutating func pointer(_ kind: MouseEvent.Kind, button: MouseEvent.Button, x: Double, y: Double,
                                 workbench: Workbench) -> [Effect] { [] }
    public var capturesTyping: Bool { false }
    public func liveTable(_ name: String, workbench: Workbench) -> [[Double]]? { nil }
    public static var liveTables: [String] { [] }
    public static func givesAway(table name: String) -> [LiveName<LiveValue, LiveText>] { [] }
    public var movesCursorWithArrows: Bool { false }
    public var predictionHint: String? { nil }
    public var extraHints: [KeyHint] { [] }
    public mutating func receive(_ update: TrainingUpdate, workbench: Workbench) -> [Effect] { [] }
    public mutating func tick(workbench: Workbench) -> Bool { false }
    public mutating func questionClosed(workbench: Workbench) {}
    public var dataNeeded: MNISTParts { [] }
}
