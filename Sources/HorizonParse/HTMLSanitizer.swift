import Foundation
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
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist",
        "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption",
        "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins",
        "kbd", "keygen", "label", "legend", "li", "m", "map", "mark", "menu", "meter", "multicol", "nav", "nextid", "noscript",
        "ol", "optgroup", "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
        "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr", "xmp",
    ]

    /// Removed together with their content.
    static let dropped: Set<String> = ["script", "style", "applet", "template", "svg", "math", "head"]

    static let empty: Set<String> = ["area", "br", "col", "command", "hr", "img", "input", "keygen", "source", "spacer", "wbr"]

    static let attributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete", "autofocus", "autoplay",
        "axis", "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor", "bordercolordark",
        "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff", "charset",
        "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan", "compact", "contenteditable", "controls",
        "coords", "data", "datafld", "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled",
        "draggable", "dynsrc", "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers", "height",
        "hidefocus", "hidden", "high", "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label",
        "lang", "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc", "max",
        "maxlength", "media", "method", "min", "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum",
        "pattern", "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel",
        "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope",
        "selected", "shape", "size", "span", "src", "start", "step", "summary", "suppress", "tabindex", "target",
        "template", "title", "toppadding", "type", "unselectable", "urn", "usemap", "valign", "value", "variable",
        "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    ]

    static let urlAttributes: Set<String> = ["href", "src", "cite", "action", "longdesc", "poster", "background", "usemap", "dynsrc", "lowsrc"]
    static let schemes: Set<String> = ["http", "https", "ftp", "mailto", "tel", "news", "nntp", "feed"]

    static func sanitize(_ html: String, base: Base) -> String {
        sanitize(nodes: HTMLParser.parseFragment(html), base: base)
    }

    static func sanitize(nodes: [XMLNode], base: Base) -> String {
        var out = ""
        for node in nodes { write(node, base: base, into: &out) }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
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
                guard attributes.contains(key) else { continue }
                var value = attribute.value
                if urlAttributes.contains(key) {
                    guard let safe = safeURL(value, base: base) else { continue }
                    value = safe
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
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
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

    static func isTrackingPixel(_ element: XMLElement) -> Bool {
        guard element.name.lowercased() == "img" else { return false }
        func pixels(_ name: String) -> Int? {
            element.attribute(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "px", with: "")) }
        }
        guard let width = pixels("width"), let height = pixels("height") else { return false }
        return width <= 1 && height <= 1
    }
}
