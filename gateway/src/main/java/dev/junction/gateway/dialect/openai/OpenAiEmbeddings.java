package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.DecodedEmbeddingRequest;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.plugin.EmbeddingRequest;
import dev.junction.plugin.Embeddings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/embeddings}: the request ({@code model}, {@code input} as a string or an array of
 * strings, {@code dimensions}, {@code encoding_format}, {@code user}; other fields carried in
 * {@link EmbeddingRequest#extra()}) and the {@code list} of {@code embedding} objects it answers.
 * Token arrays as input are refused: backends embed text.
 */
final class OpenAiEmbeddings {

    private static final Set<String> KNOWN_FIELDS = Set.of("model", "input", "dimensions", "encoding_format", "user");
    private static final String TOKEN_ARRAYS =
            "Invalid 'input': token arrays are not supported by this gateway; send a string or an array of strings.";

    private OpenAiEmbeddings() {}

    static DecodedEmbeddingRequest decode(JsonObject body) {
        String model = JsonFields.requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw new InvalidRequestException("Invalid 'model': must not be empty.", "model");
        }
        List<String> input = input(body.getValue("input"));
        Integer dimensions = JsonFields.positiveInteger(body, "dimensions", "dimensions");
        String encoding = JsonFields.string(body, "encoding_format", "encoding_format");
        if (encoding != null && !encoding.equals("float") && !encoding.equals("base64")) {
            throw JsonFields.unsupportedValue("encoding_format", encoding, "'float' and 'base64'");
        }
        JsonObject extra = body.copy();
        KNOWN_FIELDS.forEach(extra::remove);
        EmbeddingRequest request =
                new EmbeddingRequest(model, input, dimensions, JsonFields.string(body, "user", "user"), extra);
        return new DecodedEmbeddingRequest(request, "base64".equals(encoding));
    }

    static JsonObject encode(Embeddings embeddings, DecodedEmbeddingRequest request) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < embeddings.vectors().size(); i++) {
            List<Double> vector = embeddings.vectors().get(i);
            data.add(new JsonObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .put("embedding", request.base64() ? base64(vector) : new JsonArray(new ArrayList<>(vector))));
        }
        return new JsonObject()
                .put("object", "list")
                .put("data", data)
                .put("model", embeddings.model() == null ? request.request().model() : embeddings.model())
                .put("usage", new JsonObject()
                        .put("prompt_tokens", embeddings.inputTokens())
                        .put("total_tokens", embeddings.inputTokens()));
    }

    /** The vector as OpenAI's base64 encoding: little-endian IEEE 754 float32s. */
    static String base64(List<Double> vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        vector.forEach(value -> bytes.putFloat(value.floatValue()));
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static List<String> input(Object value) {
        if (value == null) {
            throw JsonFields.missing("input");
        }
        if (value instanceof String text) {
            return List.of(nonEmpty(text, "input"));
        }
        if (!(value instanceof JsonArray array)) {
            throw JsonFields.wrongType("input", "a string or an array of strings", value);
        }
        if (array.isEmpty()) {
            throw new InvalidRequestException("Invalid 'input': expected at least one string, but got an empty array.", "input");
        }
        List<String> texts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (item instanceof Number || item instanceof JsonArray) {
                throw new InvalidRequestException(TOKEN_ARRAYS, "input");
            }
            if (!(item instanceof String text)) {
                throw JsonFields.wrongType("input[" + i + "]", "a string", item);
            }
            texts.add(nonEmpty(text, "input[" + i + "]"));
        }
        return texts;
    }

    private static String nonEmpty(String text, String path) {
        if (text.isEmpty()) {
            throw new InvalidRequestException("Invalid '" + path + "': must not be an empty string.", path);
        }
        return text;
    }
}
