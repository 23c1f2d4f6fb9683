package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Decodes an {@code image_url} content part: a {@code data:<type>;base64,<data>} URL becomes an
 * inline image, any other URL an image by reference. The other fields of the {@code image_url}
 * object (the {@code detail} hint, ...) have no canonical counterpart: they go into the image's
 * {@code extra}, which the openai plugin writes back into {@code image_url} for an OpenAI client.
 * Fields of the part beside {@code image_url} are not kept: OpenAI defines none.
 */
final class OpenAiImages {

    private static final Set<String> IMAGE_URL_FIELDS = Set.of("url");

    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    private OpenAiImages() {}

    static ContentPart.Image decode(JsonObject part, String path) {
        JsonObject image = JsonFields.requiredObject(part, "image_url", path + ".image_url");
        JsonFields.string(image, "detail", path + ".image_url.detail");
        String urlPath = path + ".image_url.url";
        String url = JsonFields.requiredString(image, "url", urlPath);
        JsonObject extra = JsonFields.others(image, IMAGE_URL_FIELDS);
        if (!url.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length())) {
            return new ContentPart.Image(null, null, url, extra);
        }
        int marker = url.indexOf(BASE64_MARKER);
        if (marker <= DATA_PREFIX.length()) {
            throw new InvalidRequestException(
                    "Invalid '" + urlPath + "': a data URL must have the form data:<media type>;base64,<data>.",
                    urlPath);
        }
        String mediaType = url.substring(DATA_PREFIX.length(), marker);
        return new ContentPart.Image(mediaType, url.substring(marker + BASE64_MARKER.length()), null, extra);
    }
}
