#ifndef HORIZON_CLIBXML2_H
#define HORIZON_CLIBXML2_H

/* Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system's <unicode/ucnv.h>.
 * Any Swift module that sees those headers and Foundation's own ICU (_FoundationICU) fails with
 * "'UErrorCode' has different definitions" on a clean build. Horizon never touches the ICU parts of
 * libxml2's API (only the converter fields of xmlCharEncodingHandler, which it never dereferences,
 * depend on it), so the ICU declarations are left out of this module's view of the headers.
 * libxml2 itself still uses ICU inside the library. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>

/// xmlFree is a global function pointer in libxml2; Swift cannot call it directly.
static inline void horizon_xml_free(void *pointer) { xmlFree(pointer); }

/// Refuses every external entity and DTD: feeds never make us read files or the network.
static xmlParserInputPtr horizon_xml_refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static inline void horizon_xml_install_safe_loader(void) {
    xmlSetExternalEntityLoader(horizon_xml_refuse_loader);
}

/// libxml2 reports some errors (a huge text node, for one) through its global handlers even with
/// XML_PARSE_NOERROR; they are kept in the parser context instead of being printed. The handlers are
/// per thread in libxml2, so this is called before each parse.
static void horizon_xml_ignore_structured(void *context, xmlErrorPtr error) { (void)context; (void)error; }
static void horizon_xml_ignore_generic(void *context, const char *message, ...) { (void)context; (void)message; }

static inline void horizon_xml_silence(void) {
    xmlSetStructuredErrorFunc(NULL, horizon_xml_ignore_structured);
    xmlSetGenericErrorFunc(NULL, horizon_xml_ignore_generic);
}

/// The code point of an HTML 4 named entity, or -1.
static inline int horizon_html_entity_codepoint(const char *name) {
    const htmlEntityDesc *desc = htmlEntityLookup((const xmlChar *)name);
    return desc == NULL ? -1 : (int)desc->value;
}

#endif
