package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.w3c.dom.Document;

class HtmlPropertiesTest {

    /**
     * What an XML parser gives back for escaped text: line ends normalised to LF, forbidden characters
     * replaced by U+FFFD.
     */
    private static String xmlVisible(String raw) {
        String s = raw.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                    || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Property(tries = 300, seed = "20250928")
    void anyStringEscapesToParsableTextWithoutMarkup(@ForAll String s) throws Exception {
        String escaped = Html.text(s);
        assertFalse(escaped.contains("<") || escaped.contains(">") || escaped.contains("\"")
                || escaped.contains("'"));
        Document d = Xhtml.parse("<p a=\"" + escaped + "\">" + escaped + "</p>");
        assertEquals(xmlVisible(s), d.getDocumentElement().getTextContent());
        assertEquals(xmlVisible(s).replace('\n', ' ').replace('\t', ' '), d.getDocumentElement().getAttribute("a"));
    }
}
