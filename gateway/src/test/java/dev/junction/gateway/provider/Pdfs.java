package dev.junction.gateway.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small, well-formed PDF files, base64-encoded as clients send them. */
final class Pdfs {

    private Pdfs() {}

    /** A PDF of {@code pages} empty US-letter pages. */
    static String base64(int pages) {
        StringBuilder kids = new StringBuilder();
        StringBuilder objects = new StringBuilder();
        for (int page = 0; page < pages; page++) {
            int id = 3 + page;
            kids.append(id).append(" 0 R ");
            objects.append(id).append(" 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n");
        }
        String pdf = "%PDF-1.4\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages + " >>\nendobj\n"
                + objects
                + "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
        return Base64.getEncoder().encodeToString(pdf.getBytes(StandardCharsets.US_ASCII));
    }
}
