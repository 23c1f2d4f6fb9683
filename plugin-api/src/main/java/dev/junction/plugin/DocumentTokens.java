package dev.junction.plugin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input tokens a document costs, estimated: a text document by its characters (about four to a
 * token, like any text); a PDF at {@value #PDF_PAGE_TOKENS} tokens a page (the upper end of what
 * Anthropic documents: each page's text, and its image), its pages counted from the
 * {@code /Type /Page} objects of the file; a PDF whose pages cannot be counted (compressed object
 * streams), or a document by URL, as one page. Pure.
 */
final class DocumentTokens {

    /** What one PDF page costs: its text and the page as an image. */
    static final int PDF_PAGE_TOKENS = 3000;

    private static final int CHARACTERS_PER_TOKEN = 4;
    private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])");

    private DocumentTokens() {}

    static long characters(ContentPart.Document document) {
        long title = document.title() == null ? 0 : document.title().length();
        if (document.text() != null) {
            return title + document.text().length();
        }
        int pages = document.data() == null ? 1 : Math.max(1, pages(document.data()));
        return title + (long) pages * PDF_PAGE_TOKENS * CHARACTERS_PER_TOKEN;
    }

    private static int pages(String base64) {
        String pdf;
        try {
            pdf = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
        Matcher page = PAGE.matcher(pdf);
        int pages = 0;
        while (page.find()) {
            pages++;
        }
        return pages;
    }
}
