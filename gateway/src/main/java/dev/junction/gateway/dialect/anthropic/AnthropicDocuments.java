package dev.junction.gateway.dialect.anthropic;

import static dev.junction.gateway.dialect.anthropic.JsonFields.at;
import static dev.junction.gateway.dialect.anthropic.JsonFields.invalid;
import static dev.junction.gateway.dialect.anthropic.JsonFields.optionalString;
import static dev.junction.gateway.dialect.anthropic.JsonFields.others;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredObject;
import static dev.junction.gateway.dialect.anthropic.JsonFields.requiredString;

import dev.junction.gateway.dialect.UserText;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Decodes a Messages API {@code document} block (a PDF or a plain-text document) into a
 * {@link ContentPart.Document}: a {@code base64} source gives its data and media type, a
 * {@code text} source its text, a {@code url} source its URL. The block's other fields
 * ({@code context}, {@code citations}, {@code cache_control}) go into {@code extra}, for an
 * Anthropic upstream. Sources the canonical model has no form for ({@code content}, {@code file})
 * are refused with their path.
 */
final class AnthropicDocuments {

    private static final Set<String> DOCUMENT_FIELDS = Set.of("type", "source", "title");

    private AnthropicDocuments() {}

    static ContentPart.Document decode(JsonObject block, String path) {
        String sourcePath = at(path, "source");
        JsonObject source = requiredObject(block, "source", sourcePath);
        String type = requiredString(source, "type", at(sourcePath, "type"));
        String title = optionalString(block, "title", at(path, "title"));
        JsonObject extra = others(block, DOCUMENT_FIELDS);
        return switch (type) {
            case "base64" -> new ContentPart.Document(
                    requiredString(source, "media_type", at(sourcePath, "media_type")),
                    requiredString(source, "data", at(sourcePath, "data")),
                    null,
                    null,
                    title,
                    extra);
            case "text" -> {
                String mediaType = optionalString(source, "media_type", at(sourcePath, "media_type"));
                yield new ContentPart.Document(
                        mediaType == null ? "text/plain" : mediaType,
                        null,
                        requiredString(source, "data", at(sourcePath, "data")),
                        null,
                        title,
                        extra);
            }
            case "url" -> new ContentPart.Document(
                    null, null, null, requiredString(source, "url", at(sourcePath, "url")), title, extra);
            default -> throw invalid(
                    at(sourcePath, "type"),
                    "unsupported document source type \"" + UserText.shorten(type) + "\" (base64, text and url are)");
        };
    }
}
