public import HorizonXML

/// Turns markup into the clean text that matching, search and digests use:
/// tags stripped, entities decoded, script and style dropped, whitespace collapsed.
public enum PlainText {
    /// Plain text of an HTML fragment. Text without markup or entities is only collapsed.
    public static func fromHTML(_ html: String) -> String {
        guard html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return collapse(html) }
        var out = ""
        append(HTMLParser.parseFragment(html), to: &out)
        return collapse(out)
    }

    /// Plain text of already-parsed nodes (XHTML content, or markup a feed left unescaped).
    public static func fromNodes(_ nodes: [XMLNode]) -> String {
        var out = ""
        append(nodes, to: &out)
        return collapse(out)
    }

    private static let skipped: Set<String> = ["script", "style", "head", "title", "noscript", "template", "iframe", "object"]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
        "blockquote", "pre", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
    ]

    private static func append(_ nodes: [XMLNode], to out: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .element(let element):
                let name = element.name.lowercased()
                if skipped.contains(name) { continue }
                let block = blocks.contains(name)
                if block { out += " " }
                if name == "img", let alt = element.attribute("alt"), !alt.isEmpty { out += " \(alt) " }
                append(element.children, to: &out)
                if block { out += " " }
            }
        }
    }

    /// Collapses runs of whitespace (including no-break spaces) to one space and trims.
    public static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar.value < 0x20 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace {
                    out.unicodeScalars.append(" ")
                    pendingSpace = false
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
