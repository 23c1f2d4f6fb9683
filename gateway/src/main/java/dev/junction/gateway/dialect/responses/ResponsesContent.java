package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.openai.JsonFields;
import dev.junction.gateway.dialect.openai.OpenAiImages;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes the content of a message or a tool output: a string, or an array of parts.
 * {@code input_text}, {@code output_text} and {@code refusal} become text (an output text's
 * {@code annotations} and {@code logprobs} are not kept); {@code input_image} an image (a data URL
 * inline, another URL by reference, {@code detail} in the part's extra); {@code input_file} a
 * document ({@code file_data} as a data URL or bare base64, or {@code file_url};
 * {@code filename} is its title). Files and images given by {@code file_id} are refused: the gateway
 * has no file store.
 */
final class ResponsesContent {

    /** The part types a place may hold. */
    enum Allowed {
        INSTRUCTION("'input_text'", Set.of("input_text")),
        USER("'input_text', 'input_image' and 'input_file'", Set.of("input_text", "input_image", "input_file")),
        ASSISTANT("'output_text', 'refusal' and 'input_text'", Set.of("output_text", "refusal", "input_text")),
        TOOL_OUTPUT(USER.supported, USER.types);

        final String supported;
        final Set<String> types;

        Allowed(String supported, Set<String> types) {
            this.supported = supported;
            this.types = types;
        }
    }

    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "annotations", "logprobs");
    private static final Set<String> IMAGE_FIELDS = Set.of("type", "image_url", "file_id");
    private static final Set<String> FILE_FIELDS = Set.of("type", "file_data", "file_url", "file_id", "filename");

    private ResponsesContent() {}

    /** The {@code content} of a message item at {@code path}. */
    static List<ContentPart> decode(JsonObject item, String path, Allowed allowed) {
        return decode(item.getValue("content"), path + ".content", allowed);
    }

    /** {@code raw} (a string or an array of parts) found at {@code path}. */
    static List<ContentPart> decode(Object raw, String path, Allowed allowed) {
        if (raw instanceof String text) {
            return text.isEmpty() && allowed != Allowed.USER ? List.of() : List.of(new ContentPart.Text(text));
        }
        if (raw == null) {
            throw JsonFields.missing(path);
        }
        if (!(raw instanceof JsonArray array)) {
            throw JsonFields.wrongType(path, "a string or an array of content parts", raw);
        }
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String partPath = path + "[" + i + "]";
            parts.add(part(JsonFields.element(array, i, partPath), partPath, allowed));
        }
        return parts;
    }

    private static ContentPart part(JsonObject part, String path, Allowed allowed) {
        String type = JsonFields.requiredString(part, "type", path + ".type");
        if (!allowed.types.contains(type)) {
            throw JsonFields.unsupportedValue(path + ".type", type, allowed.supported);
        }
        return switch (type) {
            case "refusal" -> new ContentPart.Text(JsonFields.requiredString(part, "refusal", path + ".refusal"));
            case "input_image" -> image(part, path);
            case "input_file" -> file(part, path);
            default -> new ContentPart.Text(
                    JsonFields.requiredString(part, "text", path + ".text"), JsonFields.others(part, TEXT_FIELDS));
        };
    }

    private static ContentPart.Image image(JsonObject part, String path) {
        JsonFields.string(part, "detail", path + ".detail");
        String url = JsonFields.string(part, "image_url", path + ".image_url");
        if (url == null) {
            refuseFileId(part, path);
            throw JsonFields.missing(path + ".image_url");
        }
        return OpenAiImages.image(url, JsonFields.others(part, IMAGE_FIELDS), path + ".image_url");
    }

    private static ContentPart.Document file(JsonObject part, String path) {
        String title = JsonFields.string(part, "filename", path + ".filename");
        JsonObject extra = JsonFields.others(part, FILE_FIELDS);
        String data = JsonFields.string(part, "file_data", path + ".file_data");
        if (data != null) {
            OpenAiImages.DataUrl url = OpenAiImages.dataUrl(data, path + ".file_data");
            return url == null
                    ? new ContentPart.Document(null, data, null, null, title, extra)
                    : new ContentPart.Document(url.mediaType(), url.data(), null, null, title, extra);
        }
        String url = JsonFields.string(part, "file_url", path + ".file_url");
        if (url == null) {
            refuseFileId(part, path);
            throw JsonFields.missing(path + ".file_data");
        }
        return new ContentPart.Document(null, null, null, url, title, extra);
    }

    private static void refuseFileId(JsonObject part, String path) {
        if (JsonFields.string(part, "file_id", path + ".file_id") != null) {
            throw new InvalidRequestException(
                    "Invalid '" + path + ".file_id': files by id are not supported by this gateway; send the content"
                            + " inline or by URL.",
                    path + ".file_id");
        }
    }
}
