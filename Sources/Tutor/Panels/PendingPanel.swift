/// TEMPORARY while the panels are being written on this branch; never merged to main.
public struct PendingPanel: LessonPanel {
    let name: String
    public init(lesson: Lesson, workbench: Workbench) { name = lesson.panel.rawValue }
    public mutating func perform(_ action: String, workbench: Workbench) -> [Effect] { [] }
    public func liveValue(_ name: String, workbench: Workbench) -> Double? { nil }
    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        PanelView(title: name, blocks: [.text("The \(name) panel is being built on this branch.")])
    }
}
