package dev.junction.plugins.openai;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;

/**
 * A canonical document as a Chat Completions content part: inline data (a PDF) as a {@code file}
 * part whose {@code file_data} is a data URL, named by the document's title; a text document as a
 * {@code text} part (its title, a blank line, its text), since a {@code file} part takes PDFs. A
 * document by URL is refused: a {@code file} part takes its data inline or an uploaded file's id.
 */
final class DocumentParts {

    static final String DEFAULT_FILENAME = "document.pdf";

    private DocumentParts() {}

    static JsonObject of(ContentPart.Document document) {
        if (document.data() != null) {
            String mediaType = document.mediaType() == null ? "application/pdf" : document.mediaType();
            JsonObject file = new JsonObject()
                    .put("filename", document.title() == null ? DEFAULT_FILENAME : document.title())
                    .put("file_data", "data:" + mediaType + ";base64," + document.data());
            return new JsonObject().put("type", "file").put("file", file);
        }
        if (document.text() != null) {
            String text = document.title() == null ? document.text() : document.title() + "\n\n" + document.text();
            return new JsonObject().put("type", "text").put("text", text);
        }
        throw new BackendException(
                ErrorKind.INVALID_REQUEST,
                "a document by URL cannot be sent to Chat Completions, whose file parts take the data inline; "
                        + "send the document as base64 data");
    }
}
