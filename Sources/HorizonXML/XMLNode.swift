/// A node of a parsed XML or HTML document: an element or a run of text.
public enum XMLNode: Sendable {
    case element(XMLElement)
    case text(String)
}

/// One attribute of an element, with its namespace URI when it has one.
public struct XMLAttribute: Sendable, Equatable {
    public let name: String
    public let namespace: String?
    public let prefix: String?
    public let value: String

    public init(name: String, namespace: String?, prefix: String?, value: String) {
        self.name = name
        self.namespace = namespace
        self.prefix = prefix
        self.value = value
    }

    /// The attribute's name as written, `prefix:name` or `name`.
    public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

/// An immutable element of a parsed document, free of any libxml2 type.
public final class XMLElement: Sendable {
    /// The local name, without prefix.
    public let name: String
    /// The namespace URI, when the element is in one.
    public let namespace: String?
    /// The prefix the document used, when it used one.
    public let prefix: String?
    public let attributes: [XMLAttribute]
    public let children: [XMLNode]

    public init(
        name: String, namespace: String?, prefix: String?, attributes: [XMLAttribute], children: [XMLNode]
    ) {
        self.name = name
        self.namespace = namespace
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
    }

    /// The value of the attribute `name` in `namespace` (nil: any namespace, then none).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        if let namespace {
            return attributes.first { $0.name == name && $0.namespace == namespace }?.value
        }
        return attributes.first { $0.name == name && $0.namespace == nil }?.value
            ?? attributes.first { $0.name == name }?.value
    }

    /// Child elements, in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// Child elements with this local name (and namespace, when given).
    public func elements(named name: String, namespace: String? = nil) -> [XMLElement] {
        elements.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The first child element with this local name (and namespace, when given).
    public func element(named name: String, namespace: String? = nil) -> XMLElement? {
        for case .element(let element) in children
        where element.name == name && (namespace == nil || element.namespace == namespace) {
            return element
        }
        return nil
    }

    /// All text below this element, concatenated.
    public var text: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    private func appendText(to out: inout String) {
        for child in children {
            switch child {
            case .text(let text): out += text
            case .element(let element): element.appendText(to: &out)
            }
        }
    }

    /// The element's children serialized as XML, for content that holds markup (XHTML).
    public var innerXML: String {
        var out = ""
        for child in children { XMLElement.serialize(child, into: &out) }
        return out
    }

    /// The name as written, `prefix:name` or `name`.
    public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }

    static func serialize(_ node: XMLNode, into out: inout String) {
        switch node {
        case .text(let text):
            out += escapeXML(text, quotes: false)
        case .element(let element):
            out += "<" + element.name
            for attribute in element.attributes where attribute.prefix != "xmlns" {
                out += " \(attribute.qualifiedName)=\"\(escapeXML(attribute.value, quotes: true))\""
            }
            if element.children.isEmpty {
                out += " />"
            } else {
                out += ">"
                for child in element.children { serialize(child, into: &out) }
                out += "</\(element.name)>"
            }
        }
    }
}

/// Escapes the XML special characters of `text`.
public func escapeXML(_ text: String, quotes: Bool) -> String {
    var needs = false
    for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && byte == 0x22) {
        needs = true
        break
    }
    guard needs else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"" where quotes: out += "&quot;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
