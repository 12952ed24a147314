internal import CLibXML2

/// Parses HTML fragments (feed summaries and content) with libxml2's forgiving HTML parser.
public enum HTMLParser {
    /// A whole HTML page (its encoding read from the page itself); nil when nothing could be parsed.
    public static func parseDocument(_ bytes: [UInt8]) -> XMLElement? {
        horizon_xml_silence()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, nil, options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var converter = TreeConverter(document: document)
        return converter.element(root, depth: 0)
    }

    /// The nodes of `html` as they would sit inside `<body>`.
    public static func parseFragment(_ html: String) -> [XMLNode] {
        horizon_xml_silence()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_COMPACT.rawValue)
        // A leading wrapper keeps libxml2 from treating a fragment that starts with text as <p>.
        let wrapped = "<html><body>" + html + "</body></html>"
        let length = Int32(clamping: wrapped.utf8.count)
        let document: htmlDocPtr? = wrapped.withCString { chars in
            htmlReadMemory(chars, length, nil, "UTF-8", options)
        }
        guard let document else { return [] }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return [] }
        var body: xmlNodePtr? = nil
        var child = root.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name,
                String(cString: name) == "body"
            {
                body = current
                break
            }
            child = current.pointee.next
        }
        guard let body else { return [] }
        var converter = TreeConverter(document: document)
        return converter.children(body, depth: 1)
    }
}

/// HTML's named character references (HTML 4's, from libxml2's table).
public enum HTMLEntities {
    /// The code point of `&name;`, if HTML defines it.
    public static func codePoint(_ name: String) -> UInt32? {
        let value = name.withCString { horizon_html_entity_codepoint($0) }
        return value >= 0 ? UInt32(value) : nil
    }
}
