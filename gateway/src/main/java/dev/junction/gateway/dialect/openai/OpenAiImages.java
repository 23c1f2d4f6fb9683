package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonObject;

/**
 * Decodes an {@code image_url} content part: a {@code data:<type>;base64,<data>} URL becomes an
 * inline image, any other URL an image by reference. The {@code detail} hint has no canonical
 * counterpart and is dropped.
 */
final class OpenAiImages {

    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    private OpenAiImages() {}

    static ContentPart.Image decode(JsonObject part, String path) {
        JsonObject image = JsonFields.requiredObject(part, "image_url", path + ".image_url");
        JsonFields.string(image, "detail", path + ".image_url.detail");
        String urlPath = path + ".image_url.url";
        String url = JsonFields.requiredString(image, "url", urlPath);
        if (!url.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length())) {
            return new ContentPart.Image(null, null, url);
        }
        int marker = url.indexOf(BASE64_MARKER);
        if (marker <= DATA_PREFIX.length()) {
            throw new InvalidRequestException(
                    "Invalid '" + urlPath + "': a data URL must have the form data:<media type>;base64,<data>.",
                    urlPath);
        }
        String mediaType = url.substring(DATA_PREFIX.length(), marker);
        return new ContentPart.Image(mediaType, url.substring(marker + BASE64_MARKER.length()), null);
    }
}
