package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlTest {

    @Test
    void escapesMarkupCharactersAndQuotes() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;",
                Html.text("<script>alert(1)</script> & \"x\" 'y'"));
        assertEquals("", Html.text(null));
        assertEquals("plain text \u00e9 \ud83d\ude00", Html.text("plain text \u00e9 \ud83d\ude00"));
        assertEquals("&amp;amp;", Html.text("&amp;"), "already-escaped text is escaped again, not trusted");
    }

    @Test
    void replacesCharactersXmlForbids() {
        assertEquals("a\uFFFDb\tc\n\uFFFD\uFFFD", Html.text("a\u0000b\tc\n\ud800\uFFFF"));
    }

    @Test
    void escapedTextParsesBackToTheOriginalInContentAndAttributes() throws Exception {
        String evil = "<b>&amp; \"'</b>&#x3c;]]>";
        Document d = Xhtml.parse("<p title=\"" + Html.text(evil) + "\" alt='" + Html.text(evil) + "'>"
                + Html.text(evil) + "</p>");
        assertEquals(evil, d.getDocumentElement().getTextContent());
        assertEquals(evil, d.getDocumentElement().getAttribute("title"));
        assertEquals(evil, d.getDocumentElement().getAttribute("alt"));
    }

    @Test
    void boundsLongTextWithoutSplittingSurrogates() {
        assertEquals("abc", Html.bounded("abc", 3));
        String cut = Html.bounded("abcdef", 4);
        assertTrue(cut.startsWith("abcd\u2026") && cut.contains("2 more characters"), cut);
        String emoji = "ab\ud83d\ude00cd";
        String c2 = Html.bounded(emoji, 3);
        assertTrue(c2.startsWith("ab\u2026"), c2);
        assertFalse(Character.isHighSurrogate(c2.charAt(1)));
    }
}
