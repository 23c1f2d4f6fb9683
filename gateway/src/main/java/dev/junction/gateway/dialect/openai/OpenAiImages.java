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
public final class OpenAiImages {

    /**
     * The parts of a {@code data:<media type>;base64,<data>} URL.
     *
     * @param data the base64 text after the marker
     */
    public record DataUrl(String mediaType, String data) {}

    private static final Set<String> IMAGE_URL_FIELDS = Set.of("url");

    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    private OpenAiImages() {}

    static ContentPart.Image decode(JsonObject part, String path) {
        JsonObject image = JsonFields.requiredObject(part, "image_url", path + ".image_url");
        JsonFields.string(image, "detail", path + ".image_url.detail");
        String urlPath = path + ".image_url.url";
        return image(JsonFields.requiredString(image, "url", urlPath), JsonFields.others(image, IMAGE_URL_FIELDS), urlPath);
    }

    /** An image from a URL as OpenAI's APIs take it: a data URL inline, any other by reference. */
    public static ContentPart.Image image(String url, JsonObject extra, String urlPath) {
        DataUrl data = dataUrl(url, urlPath);
        return data == null
                ? new ContentPart.Image(null, null, url, extra)
                : new ContentPart.Image(data.mediaType(), data.data(), null, extra);
    }

    /**
     * The parts of {@code url} if it is a data URL, else {@code null}.
     *
     * @throws InvalidRequestException for a data URL that is not base64 with a media type
     */
    public static DataUrl dataUrl(String url, String urlPath) {
        if (!url.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length())) {
            return null;
        }
        int marker = url.indexOf(BASE64_MARKER);
        if (marker <= DATA_PREFIX.length()) {
            throw new InvalidRequestException(
                    "Invalid '" + urlPath + "': a data URL must have the form data:<media type>;base64,<data>.",
                    urlPath);
        }
        return new DataUrl(url.substring(DATA_PREFIX.length(), marker), url.substring(marker + BASE64_MARKER.length()));
    }
}
