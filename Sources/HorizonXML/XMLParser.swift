internal import CLibXML2

/// Parses XML with libxml2 in recover mode, safely: no network, no external entities,
/// no entity substitution by libxml2, and entity references repaired before parsing.
public enum XMLParser {
    private static let setUp: Void = {
        xmlInitParser()
        horizon_xml_install_safe_loader()
    }()

    /// Parses `bytes`. `encoding`, when given (for example from an HTTP charset), overrides
    /// the document's own declaration.
    public static func parse(_ bytes: [UInt8], encoding: String? = nil) -> XMLDocument {
        _ = setUp
        horizon_xml_silence()
        let prepared = Transcoder.prepare(bytes, charset: encoding)
        var problems = prepared.problems
        let repaired = EntityRepair.repair(prepared.bytes)
        if !repaired.undeclared.isEmpty {
            problems.append("undefined entity: " + repaired.undeclared.map { "&\($0);" }.joined(separator: " "))
        }
        if repaired.bareAmpersands > 0 {
            problems.append("unescaped '&' (\(repaired.bareAmpersands)x)")
        }
        let input = repaired.changed ? repaired.bytes : prepared.bytes
        let encoding = prepared.override

        guard let context = xmlNewParserCtxt() else {
            return XMLDocument(root: nil, encoding: nil, problems: ["out of memory"])
        }
        defer { xmlFreeParserCtxt(context) }

        let options = Int32(
            XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let document: xmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let encoding {
                    return encoding.withCString {
                        xmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), nil, $0, options)
                    }
                }
                return xmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), nil, nil, options)
            }
        }
        if context.pointee.wellFormed == 0 {
            problems.append(lastError(context) ?? "document is not well-formed")
        } else if context.pointee.errNo == Int32(XML_ERR_NO_MEMORY.rawValue) {
            // libxml2 stops at a text node over 10 MB (its protection) without marking the document ill-formed.
            problems.append((lastError(context) ?? "out of memory") + " (the rest of the document was not read)")
        }
        guard let document else {
            if problems.isEmpty { problems.append("document is empty") }
            return XMLDocument(root: nil, encoding: nil, problems: problems)
        }
        defer { xmlFreeDoc(document) }

        let declared = prepared.encoding ?? document.pointee.encoding.map { String(cString: $0).lowercased() }
        guard let rootNode = xmlDocGetRootElement(document) else {
            if problems.isEmpty { problems.append("document has no root element") }
            return XMLDocument(root: nil, encoding: declared, problems: problems)
        }
        var converter = TreeConverter(document: document)
        let root = converter.element(rootNode, depth: 0)
        return XMLDocument(root: root, encoding: declared ?? "utf-8", problems: problems)
    }

    private static func lastError(_ context: xmlParserCtxtPtr) -> String? {
        guard let message = context.pointee.lastError.message else { return nil }
        let text = String(cString: message).trimmingWhitespace()
        let line = context.pointee.lastError.line
        return line > 0 ? "line \(line): \(text)" : text
    }
}

/// Copies a libxml2 tree into `XMLElement`s.
struct TreeConverter {
    let document: xmlDocPtr?
    /// The strings of the names and namespaces met so far, by address: libxml2 keeps one copy of
    /// each name in its dictionary and one namespace record per declaration, so a feed's hundreds
    /// of `item`, `title` and `link` elements, and their namespace, are made into strings once.
    private var names: [UnsafeRawPointer: String] = [:]
    private var namespaces: [UnsafeRawPointer: (href: String?, prefix: String?)] = [:]

    init(document: xmlDocPtr?) {
        self.document = document
    }

    mutating func element(_ node: xmlNodePtr, depth: Int) -> XMLElement {
        let name = elementName(node.pointee.name)
        let (namespace, prefix) = node.pointee.ns.map { self.namespace($0) } ?? (nil, nil)
        return XMLElement(
            name: name, namespace: namespace, prefix: prefix,
            attributes: attributes(node), children: children(node, depth: depth))
    }

    mutating func children(_ node: xmlNodePtr, depth: Int) -> [XMLNode] {
        var result: [XMLNode] = []
        var pendingText = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if depth + 1 >= XMLLimits.maxDepth {
                    pendingText += textContent(current)
                } else {
                    if !pendingText.isEmpty {
                        result.append(.text(pendingText))
                        pendingText = ""
                    }
                    result.append(.element(element(current, depth: depth + 1)))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = string(current.pointee.content) { pendingText += content }
            case XML_ENTITY_REF_NODE:
                pendingText += entityText(current)
            default:
                break
            }
            child = current.pointee.next
        }
        if !pendingText.isEmpty { result.append(.text(pendingText)) }
        return result
    }

    /// Text of an element whose markup is too deep to keep.
    private func textContent(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { horizon_xml_free(content) }
        return String(cString: content)
    }

    /// An entity reference that survived the repair pass: only internal entities are expanded,
    /// and only their literal value (libxml2 does not substitute them for us).
    private func entityText(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name, let entity = xmlGetDocEntity(document, name) else { return "" }
        guard
            entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY
                || entity.pointee.etype == XML_INTERNAL_PREDEFINED_ENTITY
        else { return "" }
        return string(entity.pointee.content) ?? ""
    }

    private func attributes(_ node: xmlNodePtr) -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = string(text.pointee.content) { value += content }
                child = text.pointee.next
            }
            result.append(
                XMLAttribute(
                    name: string(current.pointee.name) ?? "",
                    namespace: current.pointee.ns.flatMap { string($0.pointee.href) },
                    prefix: current.pointee.ns.flatMap { string($0.pointee.prefix) },
                    value: value))
            attribute = current.pointee.next
        }
        return result
    }

    /// An element's name, from the dictionary's copy when the document has a dictionary (names
    /// outside it, as in a document built by hand, are read each time).
    private mutating func elementName(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        guard let dictionary = document?.pointee.dict, xmlDictOwns(dictionary, pointer) == 1 else {
            return String(cString: pointer)
        }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }

    /// A namespace's address and prefix, made into strings once per declaration.
    private mutating func namespace(_ ns: xmlNsPtr) -> (href: String?, prefix: String?) {
        let key = UnsafeRawPointer(ns)
        if let known = namespaces[key] { return known }
        let strings = (string(ns.pointee.href), string(ns.pointee.prefix))
        namespaces[key] = strings
        return strings
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
