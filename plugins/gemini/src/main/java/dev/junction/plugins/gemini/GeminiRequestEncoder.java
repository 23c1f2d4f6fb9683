package dev.junction.plugins.gemini;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A canonical request as the body of {@code generateContent} and {@code streamGenerateContent}.
 * Pure and thread-safe. Typed only where Gemini's shape differs from the canonical one; tool
 * schemas and the response schema pass through untouched ({@code parametersJsonSchema},
 * {@code responseJsonSchema} take JSON Schema as it is).
 *
 * <p>Dropped, for want of a Gemini field: {@code user}, {@code metadata}, {@code extra},
 * forwarded headers (they belong to the client's own dialect), {@code toolChoice.parallel},
 * a response format's name and strictness. The reasoning a client asked for is a thinking budget
 * ({@link ThinkingBudget}) unless the backend's {@code thinkingConfig} option is set.
 */
final class GeminiRequestEncoder {

    private final boolean syntheticSignatures;
    private final JsonObject thinkingConfig;

    /**
     * @param syntheticSignatures see {@link GeminiContents#encode}
     * @param thinkingConfig sent as {@code generationConfig.thinkingConfig}, or {@code null}
     */
    GeminiRequestEncoder(boolean syntheticSignatures, JsonObject thinkingConfig) {
        this.syntheticSignatures = syntheticSignatures;
        this.thinkingConfig = thinkingConfig == null ? null : thinkingConfig.copy();
    }

    /**
     * The whole body.
     *
     * @throws BackendException {@link ErrorKind#INVALID_REQUEST} for what Gemini cannot take
     */
    JsonObject encode(ChatRequest request) {
        JsonObject body = prompt(request);
        JsonObject generationConfig = generationConfig(request);
        if (!generationConfig.isEmpty()) {
            body.put("generationConfig", generationConfig);
        }
        return body;
    }

    /** What {@code countTokens} counts: the body without its generation settings. */
    JsonObject prompt(ChatRequest request) {
        JsonObject body = new JsonObject().put("contents", GeminiContents.encode(request.messages(), syntheticSignatures));
        if (!request.system().isEmpty()) {
            body.put("systemInstruction", systemInstruction(request));
        }
        if (!request.tools().isEmpty()) {
            JsonArray declarations = new JsonArray();
            for (Tool tool : request.tools()) {
                JsonObject declaration = new JsonObject().put("name", tool.name());
                if (tool.description() != null) {
                    declaration.put("description", tool.description());
                }
                declarations.add(declaration.put("parametersJsonSchema", tool.inputSchema().copy()));
            }
            body.put("tools", new JsonArray().add(new JsonObject().put("functionDeclarations", declarations)));
            if (request.toolChoice() != null) {
                body.put("toolConfig", new JsonObject().put("functionCallingConfig", functionCalling(request.toolChoice())));
            }
        }
        return body;
    }

    private static JsonObject systemInstruction(ChatRequest request) {
        JsonArray parts = new JsonArray();
        for (ContentPart part : request.system()) {
            if (!(part instanceof ContentPart.Text text)) {
                throw GeminiContents.invalid("Gemini takes only text as system instructions.");
            }
            parts.add(new JsonObject().put("text", text.text()));
        }
        return new JsonObject().put("parts", parts);
    }

    private static JsonObject functionCalling(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> new JsonObject().put("mode", "AUTO");
            case NONE -> new JsonObject().put("mode", "NONE");
            case REQUIRED -> new JsonObject().put("mode", "ANY");
            case NAMED -> new JsonObject().put("mode", "ANY").put("allowedFunctionNames", new JsonArray().add(choice.name()));
        };
    }

    private JsonObject generationConfig(ChatRequest request) {
        Sampling sampling = request.sampling();
        JsonObject config = new JsonObject();
        putIfSet(config, "temperature", sampling.temperature());
        putIfSet(config, "topP", sampling.topP());
        putIfSet(config, "topK", sampling.topK());
        putIfSet(config, "maxOutputTokens", sampling.maxTokens());
        if (!sampling.stop().isEmpty()) {
            config.put("stopSequences", new JsonArray(sampling.stop()));
        }
        putIfSet(config, "seed", sampling.seed());
        ResponseFormat format = request.responseFormat();
        if (format != null) {
            config.put("responseMimeType", "application/json");
            if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
                config.put("responseJsonSchema", format.schema().copy());
            }
        }
        JsonObject thinking = thinkingConfig != null ? thinkingConfig.copy() : ThinkingBudget.config(request);
        if (thinking != null) {
            config.put("thinkingConfig", thinking);
        }
        return config;
    }

    private static void putIfSet(JsonObject config, String key, Object value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
