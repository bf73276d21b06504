import Testing
@testable import TerminalUI

/// Checks every widget must pass in every colour mode and glyph set.
@Suite struct WidgetInvariantTests {
    static let cases: [(String, String)] = widgetFixtures.flatMap { w in allContexts.map { (w.0, $0.0) } }

    func fixture(_ name: String) -> (any Widget, Rect) {
        let f = widgetFixtures.first { $0.0 == name }!
        return (f.1, f.2)
    }

    func context(_ name: String) -> RenderContext { allContexts.first { $0.0 == name }!.1 }

    @Test("never draws outside its rect", arguments: cases)
    func staysInsideItsRect(widget: String, contextName: String) {
        let (w, area) = fixture(widget)
        let buffer = render(w, area: area, context: context(contextName))
        var drewSomething = false
        for y in 0 ..< buffer.size.rows {
            for x in 0 ..< buffer.size.columns {
                if area.contains(x: x, y: y) {
                    if buffer[x, y] != sentinel { drewSomething = true }
                } else {
                    #expect(buffer[x, y] == sentinel, "\(widget) drew at (\(x),\(y)) outside \(area)")
                }
            }
        }
        #expect(drewSomething, "\(widget) drew nothing inside \(area)")
    }

    @Test("draws without colour when there is none, and ASCII only with ASCII glyphs", arguments: cases)
    func respectsCapabilities(widget: String, contextName: String) {
        let (w, area) = fixture(widget)
        let ctx = context(contextName)
        let buffer = render(w, area: area, context: ctx)
        for y in area.y ..< area.maxY {
            for x in area.x ..< area.maxX {
                let cell = buffer[x, y]
                if cell == sentinel { continue }  // not drawn by the widget
                if ctx.colorMode == .none {
                    #expect(cell.style.foreground == .default && cell.style.background == .default,
                            "\(widget) used a colour at (\(x),\(y)) with colours off")
                }
                if ctx.glyphs.isASCII {
                    #expect(cell.grapheme.isASCII, "\(widget) drew \(cell.grapheme) at (\(x),\(y)) in ASCII mode")
                }
            }
        }
    }

    @Test("renders the same cells twice (no hidden state)", arguments: cases)
    func isDeterministic(widget: String, contextName: String) {
        let (w, area) = fixture(widget)
        #expect(render(w, area: area, context: context(contextName)) == render(w, area: area, context: context(contextName)))
    }

    @Test("survives degenerate rects", arguments: widgetFixtures.map(\.0))
    func degenerateRects(widget: String) {
        let (w, _) = fixture(widget)
        for area in [Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 39, y: 11, width: 1, height: 1),
                     Rect(x: 35, y: 10, width: 20, height: 20), Rect(x: 0, y: 0, width: 3, height: 1)] {
            let buffer = render(w, area: area, context: .unicode256)
            let clipped = area.intersection(buffer.bounds)
            for y in 0 ..< 12 {
                for x in 0 ..< 40 where !clipped.contains(x: x, y: y) {
                    #expect(buffer[x, y] == sentinel, "\(widget) drew at (\(x),\(y)) outside \(area)")
                }
            }
        }
    }
}
