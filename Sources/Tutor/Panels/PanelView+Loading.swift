import MNIST

extension PanelView {
    /// What a panel shows while the MNIST parts it reads are still loading (the tutor draws its first
    /// frame before the digits are in): which part is coming, and what happens to keys meanwhile.
    public static func loading(_ parts: MNISTParts, lesson: Lesson) -> PanelView {
        let names = parts.parts.map(\.name).joined(separator: " and the ")
        return PanelView(title: "Loading the digits", blocks: [
            .text("The MNIST \(names) \(parts.parts.count > 1 ? "are" : "is") loading; this panel shows "
                  + "lesson \(lesson.number)'s numbers as soon as \(parts.parts.count > 1 ? "they are" : "it is") in."),
            .text("Keys for the panel wait until then and apply in the order you press them; the lesson text, "
                  + "the question and the other keys work now."),
        ])
    }
}
