import Tutor

/// The whole tutor screen for a `TutorState`: a header with the lesson and progress marks, the
/// lesson text beside its live panel, the question and answer lines, and the key bar; the table of
/// contents and the help drawn over it when open.
///
/// Rendering is a pure function of the state (and the workbench the panel computes from); it also
/// returns what the state needs from the layout (`ScreenLayout`): where the drawing canvas landed, so
/// mouse cells map to canvas pixels, and how far the lesson text can scroll.
public struct TutorScreen {
    /// The smallest window the layout is made for; the terminal shows a notice below it instead.
    public static let minimumSize = Size(columns: 80, rows: 24)

    public init() {}

    @discardableResult
    public func render(_ state: TutorState, workbench: Workbench, into buffer: inout CellBuffer,
                       context: RenderContext) -> ScreenLayout {
        let frame = frameLayout(state, workbench: workbench, size: buffer.size, context: context)
        let area = buffer.bounds
        buffer.fill(area)
        renderHeader(state, in: frame.header, buffer: &buffer, context: context)

        var textScrollLimit: Int?
        if frame.text.width > 0 {
            Block(title: "Lesson \(state.lesson.number)", focused: state.focus == .lesson)
                .render(into: &buffer, area: frame.text, context: context)
            let textInner = Block.inner(frame.text).inset(horizontal: 1, vertical: 0).intersection(buffer.bounds)
            let text = TextModel(markdown: state.lessonMarkdown(workbench: workbench), scroll: state.textScroll)
            textScrollLimit = Text(text).draw(into: &buffer, area: textInner, context: context)
        }

        Block(title: frame.view.title, focused: state.focus == .panel).render(into: &buffer, area: frame.panel, context: context)
        PanelRenderer(frame.panelLayout).render(into: &buffer, context: context, notice: Self.notice(frame))

        renderQuestion(frame.questionLines, in: frame.question, buffer: &buffer)
        buffer.render(KeyBar(Self.keyBar(state)), in: frame.keyBar, context: context)

        switch state.overlay {
        case .none:
            return ScreenLayout(canvas: frame.panelLayout.canvas.map(PanelRenderer.canvasPlacement), textScrollLimit: textScrollLimit)
        case .help:
            buffer.render(HelpOverlay(Self.help(state)), in: frame.overlay, context: context)
        case .contents(let selected, let typed):
            renderContents(state, selected: selected, typed: typed, in: frame.body, buffer: &buffer, context: context)
        }
        return ScreenLayout(textScrollLimit: textScrollLimit)
    }

    /// Where everything goes on a screen of `size`: the screen's own layout as data (drawn by `render`,
    /// read by tests that check every part is whole and inside its rect).
    public struct FrameLayout {
        public var header: Rect
        public var body: Rect
        public var text: Rect
        public var panel: Rect
        public var question: Rect
        public var questionLines: [(text: String, style: Style)]
        public var keyBar: Rect
        /// Where help goes: everything but the header and the key bar.
        public var overlay: Rect
        /// Whether the panel has the whole width (Tab, when it needs the room).
        public var zoomed: Bool
        public var view: PanelView
        public var panelLayout: PanelLayout
    }

    public func frameLayout(_ state: TutorState, workbench: Workbench, size: Size, context: RenderContext) -> FrameLayout {
        let area = Rect(size: size)
        let questionLines = Self.questionLines(state, question: state.questionText(workbench: workbench), width: area.width,
                                               context: context)
        let barRows = KeyBar.rows(Self.keyBar(state), width: area.width, context: context)
        // Top to bottom: the header, the body (lesson text and panel), the question lines, the key bar.
        let rows = area.rows([.fixed(1), .fill(1), .fixed(questionLines.count), .fixed(barRows)])
        let (header, body, question, keyBar) = (rows[0], rows[1], rows[2], rows[3])
        let view = state.panelView(workbench: workbench)

        // The panel's share first; Tab gives it the whole width below 120 columns, or when its share
        // leaves something out or cuts a table short.
        func split(_ panelWidth: Int) -> (text: Rect, panel: Rect, layout: PanelLayout) {
            let columns = body.columns([.fill(1), .fixed(panelWidth)])
            return (columns[0], columns[1], PanelLayout(view: view, area: Self.panelInner(columns[1]), context: context))
        }
        var parts = split(Self.panelWidth(total: body.width))
        let zoomed = state.zoomed && (body.width < 120 || !parts.layout.omitted.isEmpty || parts.layout.cramped)
        if zoomed { parts = split(body.width) }
        return FrameLayout(header: header, body: body, text: parts.text, panel: parts.panel, question: question,
                           questionLines: questionLines, keyBar: keyBar,
                           overlay: area.rows([.fixed(1), .fill(1), .fixed(barRows)])[1],
                           zoomed: zoomed, view: view, panelLayout: parts.layout)
    }

    /// The panel's blocks go inside its border, one column in from each side.
    static func panelInner(_ panel: Rect) -> Rect { Block.inner(panel).inset(horizontal: 1, vertical: 0) }

    /// The line under a panel that left blocks out: which key shows them, or that a larger window would.
    static func notice(_ frame: FrameLayout) -> String {
        frame.zoomed || frame.panel.width == frame.body.width ? "a larger window shows them" : "press Tab for the whole width"
    }

    /// The panel's share of the width: at least 50 columns (a 46-column inside), more on wide
    /// terminals; the lesson text keeps 30 columns, and widens with the terminal to 92 (about 86
    /// characters a line, a comfortable reading width).
    static func panelWidth(total: Int) -> Int {
        let panel = max(50, total * 58 / 100)
        return total - min(92, max(30, total - panel))
    }
}
