package dev.junction.gateway.fuzz;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The dialect a request's path family answers errors in: {@code /anthropic/...} and
 * {@code /v1/messages...} (whatever the letter case) speak Anthropic, {@code /openai/...} and the
 * OpenAI endpoints under {@code /v1} speak OpenAI, and the rest of {@code /v1/...} (shared by both SDK
 * families) speaks Anthropic when the request carries {@code anthropic-version}, else OpenAI; any
 * other path (and paths the fuzzer mangled beyond a family) may answer in either.
 */
enum Family {
    OPENAI,
    ANTHROPIC,
    EITHER;

    /** The family of {@code target} (a request target: path and query). */
    static Family of(String target, boolean anthropicVersion) {
        String exact = target.split("[?#]", 2)[0];
        String path = exact.toLowerCase(Locale.ROOT);
        if (path.equals("/anthropic") || path.startsWith("/anthropic/")) {
            return ANTHROPIC;
        }
        if (path.equals("/v1/messages") || path.startsWith("/v1/messages/")) {
            return ANTHROPIC;
        }
        if (path.equals("/openai") || path.startsWith("/openai/")
                || exact.equals("/v1/chat/completions") || exact.equals("/v1/embeddings")) {
            return OPENAI;
        }
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            return anthropicVersion ? ANTHROPIC : OPENAI;
        }
        return EITHER;
    }

    /** Whether {@code body} is an error in this family's shape. */
    boolean isErrorShape(JsonObject body) {
        return switch (this) {
            case OPENAI -> isOpenAiError(body);
            case ANTHROPIC -> isAnthropicError(body);
            case EITHER -> isOpenAiError(body) || isAnthropicError(body);
        };
    }

    /** {@code {"error":{"message","type","param","code"}}}, message and type strings, nothing else at the top. */
    static boolean isOpenAiError(JsonObject body) {
        if (body.size() != 1 || !(body.getValue("error") instanceof JsonObject error)) {
            return false;
        }
        return error.getValue("message") instanceof String
                && error.getValue("type") instanceof String
                && error.containsKey("param")
                && error.containsKey("code");
    }

    /** {@code {"type":"error","error":{"type","message"}}}, both strings. */
    static boolean isAnthropicError(JsonObject body) {
        if (!"error".equals(body.getValue("type")) || !(body.getValue("error") instanceof JsonObject error)) {
            return false;
        }
        return error.getValue("type") instanceof String && error.getValue("message") instanceof String;
    }
}
