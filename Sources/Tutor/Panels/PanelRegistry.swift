/// Every panel a lesson can show, by the name its `panel:` line uses. Adding a panel is adding its
/// file and one line here; the order is only the order error messages list the names in.
public enum PanelRegistry {
    public static let all: [PanelEntry] = [
        PanelEntry("network", NetworkPanel.self),
        PanelEntry("digits", DigitsPanel.self),
        PanelEntry("summary", SummaryPanel.self),
        PanelEntry("flatten", FlattenPanel.self),
        PanelEntry("dense", DensePanel.self),
        PanelEntry("relu", ReLUPanel.self),
        PanelEntry("sparsity", SparsityPanel.self),
        PanelEntry("dropout", DropoutPanel.self),
        PanelEntry("logits", LogitsPanel.self),
        PanelEntry("training", TrainingPanel.self),
        PanelEntry("draw", DrawPanel.self),
        PanelEntry("overfitting", OverfittingPanel.self),
        PanelEntry("activation", ActivationPanel.self),
        PanelEntry("width", WidthPanel.self),
        PanelEntry("gradient", GradientPanel.self),
        PanelEntry("neurons", NeuronsPanel.self),
        PanelEntry("mistakes", MistakesPanel.self),
    ]

    /// The panel a lesson's `panel:` line names, or nil when there is none by that name.
    public static func entry(named name: String) -> PanelEntry? {
        all.first { $0.name == name }
    }
}

/// One panel in the registry: its name in lesson files, its type, and its declarations as the names a
/// lesson file writes (for the parser's checks and messages, and for plain mode's list of values).
public struct PanelEntry: Equatable, Sendable, CustomStringConvertible {
    /// The name a lesson's `panel:` line uses.
    public let name: String
    public let type: any LessonPanel.Type
    /// The panel's `Action` names, in declaration order.
    public let actions: [String]
    /// The panel's `LiveValue` names, in declaration order.
    public let liveValues: [String]
    /// The panel's `LiveText` names, in declaration order.
    public let liveTexts: [String]
    /// The panel's live tables (`LessonPanel.liveTables`), which pair answers name.
    public let liveTables: [String]
    /// The `options:` the panel understands.
    public let options: [LessonOption]
    /// The live values that exist only once the learner produced them (`LessonPanel.producedLater`).
    public let producedLater: [String]
    /// The live values and texts a background job computes (`LessonPanel.backgroundValues`).
    public let backgroundValues: [String]
    /// Whether the panel has the focus when its lesson opens (`LessonPanel.startsWithFocus`).
    public let startsWithFocus: Bool
    /// `LessonPanel.wholeSetStatistics`.
    public let wholeSetStatistics: Bool
    private let givesAwayNames: @Sendable (String) -> [String]

    public init<P: LessonPanel>(_ name: String, _ type: P.Type) {
        self.name = name
        self.type = type
        actions = P.Action.allCases.map(\.rawValue)
        liveValues = P.LiveValue.allCases.map(\.rawValue)
        liveTexts = P.LiveText.allCases.map(\.rawValue)
        liveTables = P.liveTables
        options = P.options
        producedLater = P.producedLater.map(\.rawValue)
        backgroundValues = P.backgroundValues.map(\.rawValue)
        startsWithFocus = P.startsWithFocus
        wholeSetStatistics = P.wholeSetStatistics
        givesAwayNames = { name in
            P.LiveValue(rawValue: name).map { P.givesAway($0).map(\.rawValue) } ?? P.givesAway(table: name).map(\.rawValue)
        }
    }

    /// Every name a lesson may write as `{{name}}`.
    public var placeholders: [String] { liveValues + liveTexts }

    /// The live values and texts that would give the live value `name` away (`LessonPanel.givesAway`).
    public func givesAway(_ name: String) -> [String] { givesAwayNames(name) }

    /// The panel in `lesson`'s starting state.
    public func make(_ lesson: Lesson, workbench: Workbench) -> any LessonPanel {
        type.init(lesson: lesson, workbench: workbench)
    }

    public var description: String { name }

    public static func == (a: PanelEntry, b: PanelEntry) -> Bool { a.name == b.name && a.type == b.type }
}

/// The bridge from the names in a lesson file to a panel's typed declarations, for the tutor, which
/// holds panels as `any LessonPanel`. The parser has checked every name a lesson writes against the
/// panel's declarations, so a name that does not resolve here is a program error, and is reported.
extension LessonPanel {
    /// Performs the action named `name` (a lesson's key binding); nil, doing nothing, when the panel
    /// has no such action (the tutor says so: never a silent no-op).
    public mutating func perform(actionNamed name: String, workbench: Workbench) -> [Effect]? {
        guard let action = Action(rawValue: name) else { return nil }
        return perform(action, workbench: workbench)
    }

    /// The live value named `name`; nil when the panel has none by that name or it is not known (yet).
    public func liveValue(_ name: String, workbench: Workbench) -> Double? {
        LiveValue(rawValue: name).flatMap { liveValue($0, workbench: workbench) }
    }

    /// The live value or live text named `name` as the panel writes it; nil when the panel has none by
    /// that name or it does not exist yet.
    public func liveText(_ name: String, workbench: Workbench) -> String? {
        LiveName<LiveValue, LiveText>(name).flatMap { liveText($0, workbench: workbench) }
    }
}
