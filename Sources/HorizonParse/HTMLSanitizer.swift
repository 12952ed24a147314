import Foundation
import HorizonCore
import HorizonXML

/// Makes feed HTML safe to show: only known-harmless elements and attributes are kept, URLs are
/// resolved and limited to web and mail schemes, and nothing runs, loads a style or tracks.
///
/// - `script`, `style`, embedded plug-ins and frames are removed with everything inside them;
/// - other unknown elements are removed but their text is kept;
/// - event handlers (`on…`), `style` attributes and unknown attributes are removed;
/// - `href`, `src` and the other URL attributes are resolved against the document's base and
///   dropped unless http, https, ftp, mailto or tel (so no `javascript:` or `data:`);
/// - images of at most 1×1 pixel (tracking pixels) are removed.
///
/// Output is XHTML-style: empty elements as `<br />`, attribute values double-quoted.
enum HTMLSanitizer {
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote",
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid",
        "datalist",
        "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset",
        "figcaption",
        "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input",
        "ins",
        "kbd", "keygen", "label", "legend", "li", "m", "map", "mark", "menu", "meter", "multicol", "nav", "nextid",
        "noscript",
        "ol", "optgroup", "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
        "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "summary", "sup", "table",
        "tbody",
        "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr", "xmp",
    ]

    /// Removed together with their content.
    static let dropped: Set<String> = ["script", "style", "applet", "template", "svg", "math", "head"]

    static let empty: Set<String> = ["area", "br", "col", "command", "hr", "img", "input", "keygen", "source", "wbr"]

    static let attributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete", "autofocus",
        "axis", "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor", "bordercolordark",
        "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff",
        "charset",
        "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan", "compact", "contenteditable",
        "controls",
        "coords", "data", "datafld", "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled",
        "draggable", "dynsrc", "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers",
        "height",
        "hidefocus", "hidden", "high", "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype",
        "label",
        "lang", "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc", "max",
        "maxlength", "media", "method", "min", "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum",
        "pattern", "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel",
        "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope",
        "selected", "shape", "size", "span", "src", "start", "step", "summary", "suppress", "tabindex", "target",
        "template", "title", "toppadding", "type", "unselectable", "urn", "usemap", "valign", "value", "variable",
        "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    ]

    static let urlAttributes: Set<String> = [
        "href", "src", "cite", "action", "longdesc", "poster", "background", "usemap", "dynsrc", "lowsrc",
    ]
    static let schemes: Set<String> = ["http", "https", "ftp", "mailto", "tel", "news", "nntp", "feed"]

    /// Stands for the `&` of a character reference while libxml2 parses, so that references in
    /// HTML come out as the publisher wrote them (`&#38;`, `&nbsp;`), not decoded and re-escaped.
    static let ampersand: Character = "\u{E000}"

    static func sanitize(_ html: String, base: Base) -> String {
        guard html.utf8.contains(0x26), !html.contains(ampersand) else {
            return sanitize(nodes: HTMLParser.parseFragment(html), base: base)
        }
        let shielded = shieldReferences(html)
        return String(
            sanitize(nodes: HTMLParser.parseFragment(shielded), base: base).map { $0 == ampersand ? "&" : $0 })
    }

    /// `html` with the `&` of each well-formed reference (`&name;`, `&#38;`, `&#x26;`) in text replaced by
    /// `ampersand`. References inside tags are left for libxml2, so that attribute values (URLs) decode.
    static func shieldReferences(_ html: String) -> String {
        let chars = Array(html)
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var i = 0
        var inTag = false
        while i < chars.count {
            if chars[i] == "<" { inTag = true } else if chars[i] == ">" { inTag = false }
            if chars[i] == "&", !inTag {
                var j = i + 1
                if j < chars.count, chars[j] == "#" {
                    j += 1
                    let hex = j < chars.count && (chars[j] == "x" || chars[j] == "X")
                    if hex { j += 1 }
                    let start = j
                    while j < chars.count, hex ? chars[j].isHexDigit : chars[j].isASCII && chars[j].isNumber { j += 1 }
                    if j > start, j < chars.count, chars[j] == ";" {
                        out.append(ampersand)
                        i += 1
                        continue
                    }
                } else {
                    let start = j
                    while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
                    if j > start, j < chars.count, chars[j] == ";" {
                        out.append(ampersand)
                        i += 1
                        continue
                    }
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    static func sanitize(nodes: [XMLNode], base: Base) -> String {
        var out = ""
        for node in nodes { write(node, base: base, into: &out) }
        return out.trimmedWhitespace
    }

    private static func write(_ node: XMLNode, base: Base, into out: inout String) {
        switch node {
        case .text(let text):
            out += escapeXML(text, quotes: false)
        case .element(let element):
            let name = element.name.lowercased()
            if dropped.contains(name) { return }
            guard elements.contains(name), !isTrackingPixel(element) else {
                for child in element.children { write(child, base: base, into: &out) }
                return
            }
            out += "<" + name
            for attribute in element.attributes {
                let key = attribute.qualifiedName.lowercased()
                if key == "style" {
                    if let style = safeStyle(attribute.value) { out += " style=\"\(escapeXML(style, quotes: true))\"" }
                    continue
                }
                guard attributes.contains(key) else { continue }
                var value = attribute.value
                if urlAttributes.contains(key) {
                    // An unsafe URL is emptied: the link stays, it leads nowhere.
                    value = safeURL(value, base: base) ?? ""
                }
                out += " \(key)=\"\(escapeXML(value, quotes: true))\""
            }
            if empty.contains(name) {
                out += " />"
                return
            }
            out += ">"
            for child in element.children { write(child, base: base, into: &out) }
            out += "</\(name)>"
        }
    }

    /// `value` resolved, when its scheme is safe to follow.
    static func safeURL(_ value: String, base: Base) -> String? {
        let trimmed = value.trimmedWhitespace
        // Control characters and spaces hide schemes ("java\tscript:"); compare without them.
        let squeezed = String(trimmed.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init)).lowercased()
        if let colon = squeezed.firstIndex(of: ":") {
            let scheme = squeezed[..<colon]
            if !scheme.contains("/"), !scheme.contains("?"), !scheme.contains("#") {
                guard schemes.contains(String(scheme)) else { return nil }
                return trimmed
            }
        }
        return base.resolve(trimmed)
    }

    // MARK: Inline styles

    /// Properties whose values are kept as written (when made of harmless characters).
    static let cssProperties: Set<String> = [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color", "border-left-color",
        "border-right-color", "border-top-color", "clear", "color", "cursor", "direction", "display", "elevation",
        "float",
        "font", "font-family", "font-size", "font-style", "font-variant", "font-weight", "height", "letter-spacing",
        "line-height", "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness", "speak",
        "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration",
        "text-indent", "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
    ]

    /// Words allowed in the values of the background, border, margin and padding families.
    static let cssKeywords: Set<String> = [
        "auto", "aqua", "black", "block", "blue", "bold", "both", "bottom", "brown", "center", "collapse", "dashed",
        "dotted",
        "double", "fuchsia", "gray", "green", "groove", "hidden", "inset", "italic", "left", "lime", "maroon", "medium",
        "none",
        "navy", "normal", "nowrap", "olive", "outset", "pointer", "purple", "red", "ridge", "right", "silver", "solid",
        "teal",
        "thick", "thin", "top", "transparent", "underline", "white", "yellow", "!important",
    ]

    /// The declarations of a `style` attribute that can do no harm: known properties with plain
    /// values; box properties only with colours, lengths and keywords; never `url()` or expressions.
    static func safeStyle(_ style: String) -> String? {
        var kept: [String] = []
        for declaration in style.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimmingCharacters(in: .whitespacesAndNewlines)
            let value = String(
                declaration[declaration.index(after: colon)...].drop { $0 == " " || $0 == "\t" || $0 == "\n" })
            let lower = property.lowercased()
            let lowerValue = value.lowercased()
            guard !property.isEmpty, !value.trimmingCharacters(in: .whitespaces).isEmpty,
                !lowerValue.contains("url("), !lowerValue.contains("expression"), !lowerValue.contains("javascript"),
                value.unicodeScalars.allSatisfy({
                    CharacterSet.alphanumerics.contains($0) || " #,.%'\"!()-_\t".unicodeScalars.contains($0)
                })
            else { continue }
            if cssProperties.contains(lower) {
                kept.append("\(property): \(value);")
            } else if ["background", "border", "margin", "padding"].contains(where: {
                lower == $0 || lower.hasPrefix($0 + "-")
            }),
                boxValue(lowerValue)
            {
                kept.append("\(property): \(value);")
            }
        }
        return kept.isEmpty ? nil : kept.joined(separator: " ")
    }

    /// Whether every part of a box value is a keyword, a colour or a length.
    static func boxValue(_ value: String) -> Bool {
        // rgb(0, 0, 0) is one part.
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in value {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if (c == " " || c == "\t") && depth == 0 {
                if !current.isEmpty { parts.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return !parts.isEmpty
            && parts.allSatisfy { part in
                if cssKeywords.contains(part) { return true }
                if part.hasPrefix("#") {
                    return part.count == 4 || part.count == 7 && part.dropFirst().allSatisfy(\.isHexDigit)
                }
                if part.hasPrefix("rgb(") && part.hasSuffix(")") {
                    return part.dropFirst(4).dropLast().split(separator: ",").allSatisfy {
                        Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")) != nil
                    }
                }
                var number = Substring(part)
                for unit in ["px", "pt", "em", "ex", "%", "in", "cm", "mm", "pc"] where number.hasSuffix(unit) {
                    number = number.dropLast(unit.count)
                    break
                }
                // Absurd sizes are a way to cover the page.
                return Double(number).map { abs($0) < 10_000 } ?? false
            }
    }

    static func isTrackingPixel(_ element: XMLElement) -> Bool {
        guard element.name.lowercased() == "img" else { return false }
        func pixels(_ name: String) -> Int? {
            element.attribute(name).flatMap {
                Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "px", with: ""))
            }
        }
        guard let width = pixels("width"), let height = pixels("height") else { return false }
        return width <= 1 && height <= 1
    }
}
