package dev.junction.plugins.claude;

import dev.junction.plugin.ContentPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one {@code user} line of {@code --input-format=stream-json} input: the prompt and its images
 * in a single message, since every user line is a turn of its own. Each image follows a text part
 * {@code [image N]} that matches the marker in the prompt. A last text part of one space follows:
 * Claude Code reads only the last text part as typed input (a leading {@code /} runs a command,
 * {@code @path} reads a file) and drops whitespace-only parts before the API call, so the prompt
 * reaches the model as it is and is never run.
 */
final class UserLine {

    /** The whitespace-only part that ends every line. */
    static final String INERT = " ";

    private UserLine() {}

    /** The line, with its line end. Every image must carry its data. */
    static String of(String prompt, List<ContentPart.Image> images) {
        JsonArray content = new JsonArray().add(text(prompt));
        for (int i = 0; i < images.size(); i++) {
            ContentPart.Image image = images.get(i);
            content.add(text("[image " + (i + 1) + "]"));
            content.add(new JsonObject()
                    .put("type", "image")
                    .put("source", new JsonObject()
                            .put("type", "base64")
                            .put("media_type", image.mediaType())
                            .put("data", image.data())));
        }
        content.add(text(INERT));
        JsonObject message = new JsonObject().put("role", "user").put("content", content);
        return new JsonObject().put("type", "user").put("message", message).encode() + "\n";
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }
}
