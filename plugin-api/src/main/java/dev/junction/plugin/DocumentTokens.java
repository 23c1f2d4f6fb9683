package dev.junction.plugin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input tokens a document costs, estimated: a text document by its characters (about four to a
 * token, like any text); a PDF at {@value #PDF_PAGE_TOKENS} tokens a page (the upper end of what
 * Anthropic documents: each page's text, and its image), its pages counted from the
 * {@code /Type /Page} objects of the file (of its first {@value #SCANNED_BASE64_CHARS} base64
 * characters, scaled up to the whole, so that a large file costs a bounded time); a PDF whose pages
 * cannot be counted (compressed object streams), or a document by URL, as one page. Pure.
 */
final class DocumentTokens {

    /** What one PDF page costs: its text and the page as an image. */
    static final int PDF_PAGE_TOKENS = 3000;

    /** How much of a PDF's base64 is decoded to count its pages. */
    static final int SCANNED_BASE64_CHARS = 4 * 1024 * 1024;

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
        int scanned = Math.min(base64.length(), SCANNED_BASE64_CHARS);
        String pdf;
        try {
            pdf = new String(
                    Base64.getMimeDecoder().decode(base64.substring(0, scanned - scanned % 4)), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
        Matcher page = PAGE.matcher(pdf);
        long pages = 0;
        while (page.find()) {
            pages++;
        }
        return (int) Math.min(Integer.MAX_VALUE / PDF_PAGE_TOKENS, (pages * base64.length() + scanned - 1) / Math.max(1, scanned));
    }
}
