package dev.junction.plugins.codex;

import dev.junction.cli.TempFiles;
import dev.junction.cli.Transcript;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code input} of {@code turn/start}: the prompt as one text item, then the images in the order
 * of the prompt's {@code [image N]} markers. Inline images are written to files Codex reads
 * ({@code localImage}); http(s) images are passed by URL ({@code image}).
 */
final class TurnInput {

    private TurnInput() {}

    /**
     * @throws BackendException with {@code INVALID_REQUEST} for an image URL that is not http(s)
     */
    static JsonArray of(ChatRequest request, TempFiles files) {
        JsonArray input = new JsonArray().add(new JsonObject().put("type", "text").put("text", Transcript.prompt(request)));
        List<ContentPart.Image> images = Transcript.images(request);
        for (int i = 0; i < images.size(); i++) {
            input.add(image(images.get(i), i + 1, files));
        }
        return input;
    }

    private static JsonObject image(ContentPart.Image image, int number, TempFiles files) {
        if (image.data() != null) {
            String path = files.writeBase64(image.data(), TempFiles.extensionOf(image.mediaType())).toString();
            return new JsonObject().put("type", "localImage").put("path", path);
        }
        String url = image.url();
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new JsonObject().put("type", "image").put("url", url);
        }
        int colon = url.indexOf(':');
        String kind = colon > 0 ? url.substring(0, colon) + ": URLs" : "relative URLs";
        throw new BackendException(
                ErrorKind.INVALID_REQUEST,
                "image " + number + ": codex takes images as base64 data or http(s) URLs, not " + kind);
    }
}
