package dev.junction.plugins.anthropic;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A canonical request as the body and headers of {@code POST /v1/messages} (and of
 * {@code /v1/messages/count_tokens}). Pure: no I/O, the same request always gives the same body.
 *
 * <p>What it does with each canonical field is listed in the plugin's README. In short: fields the
 * Messages API has are translated; {@link Sampling#seed()} is dropped (Anthropic has no seed, and a
 * seed is best effort everywhere); an OpenAI client's {@code metadata} and {@code extra} are dropped
 * (they mean nothing to Anthropic); an Anthropic client's {@code extra} fields (of the request, of
 * each part and of each tool: its {@code cache_control}) and {@code anthropic-*} headers are
 * forwarded untouched. Another client's request gets prompt-cache breakpoints
 * ({@link CacheBreakpoints}) unless it placed its own or {@code options.autoCache} is off, and
 * extended thinking when it asked for reasoning ({@link ExtendedThinking}).
 */
final class MessagesRequest {

    static final String DIALECT = ClientDialect.ANTHROPIC;

    /** The prefix of the beta under which the Messages API takes system messages among the messages. */
    private static final String MID_CONVERSATION_SYSTEM_BETA = "mid-conversation-system";

    /** The fields {@code count_tokens} accepts; it refuses the others ({@code max_tokens}, {@code stream}, ...). */
    private static final Set<String> COUNT_TOKENS_FIELDS = Set.of(
            "model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers",
            "context_management", "output_config", "output_format", "cache_control");

    private MessagesRequest() {}

    /**
     * The streaming Messages API body for {@code request}.
     *
     * @throws dev.junction.plugin.BackendException with {@code INVALID_REQUEST} naming what the
     *     Messages API cannot express (a tool call's arguments that are not a JSON object, an image
     *     in the system instructions, an inline image without a media type)
     */
    static JsonObject body(ChatRequest request, AnthropicOptions options) {
        boolean foreign = !sameDialect(request);
        Sampling sampling = request.sampling();
        JsonObject body = new JsonObject()
                .put("model", options.http().upstreamModel(request.model()))
                .put("max_tokens", sampling.maxTokens() != null ? sampling.maxTokens() : options.maxTokens());
        Object system = MessagesContent.system(request.system(), foreign);
        if (system != null) {
            body.put("system", system);
        }
        body.put("messages", MessagesContent.messages(request.messages(), foreign, systemMessagesAccepted(request)));
        putIfSet(body, "temperature", sampling.temperature());
        putIfSet(body, "top_p", sampling.topP());
        putIfSet(body, "top_k", sampling.topK());
        if (!sampling.stop().isEmpty()) {
            body.put("stop_sequences", new JsonArray(sampling.stop()));
        }
        if (!request.tools().isEmpty()) {
            body.put("tools", tools(request, foreign));
        }
        JsonObject toolChoice = toolChoice(request.toolChoice(), !request.tools().isEmpty());
        if (toolChoice != null) {
            body.put("tool_choice", toolChoice);
        }
        JsonObject metadata = metadata(request, foreign);
        if (!metadata.isEmpty()) {
            body.put("metadata", metadata);
        }
        if (request.responseFormat() != null) {
            body.put("output_config", new JsonObject().put("format", format(request.responseFormat())));
        }
        if (foreign) {
            ExtendedThinking.apply(request.reasoning(), body);
        }
        body.put("stream", true);
        if (!foreign) {
            carry(request.extra(), body);
        } else if (options.autoCache()) {
            CacheBreakpoints.place(body);
        }
        return body;
    }

    /** The {@code count_tokens} body: the Messages body without the fields that endpoint refuses. */
    static JsonObject countTokensBody(ChatRequest request, AnthropicOptions options) {
        JsonObject body = body(request, options);
        body.fieldNames().removeIf(field -> !COUNT_TOKENS_FIELDS.contains(field));
        return body;
    }

    /**
     * The client's own {@code anthropic-*} headers ({@code anthropic-beta}), when it spoke the
     * Anthropic dialect; {@code anthropic-version} stays the backend's. None for other clients.
     */
    static Map<String, String> headers(ChatRequest request) {
        Map<String, String> headers = new TreeMap<>();
        if (sameDialect(request)) {
            request.headers().forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("anthropic-") && !lower.equals("anthropic-version")) {
                    headers.put(lower, value);
                }
            });
        }
        return headers;
    }

    /**
     * Whether system messages may stay in place among the messages: the Anthropic client sent the
     * {@code mid-conversation-system} beta, which {@link #headers} forwards, so the upstream accepts
     * them. Otherwise each becomes a user-turn {@code <system-reminder>}.
     */
    static boolean systemMessagesAccepted(ChatRequest request) {
        if (!sameDialect(request)) {
            return false;
        }
        String betas = request.headers().getOrDefault("anthropic-beta", "");
        for (String beta : betas.split(",")) {
            if (beta.trim().toLowerCase(Locale.ROOT).startsWith(MID_CONVERSATION_SYSTEM_BETA)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDialect(ChatRequest request) {
        return DIALECT.equals(request.dialect());
    }

    /** The tool definitions; an Anthropic client's own tool fields ({@code cache_control}) come along. */
    private static JsonArray tools(ChatRequest request, boolean foreign) {
        JsonArray tools = new JsonArray();
        for (Tool tool : request.tools()) {
            JsonObject entry = new JsonObject().put("name", tool.name());
            if (tool.description() != null) {
                entry.put("description", tool.description());
            }
            entry.put("input_schema", tool.inputSchema().copy());
            tools.add(MessagesContent.withExtra(entry, tool.extra(), foreign));
        }
        return tools;
    }

    /** {@code auto} and {@code none} without tools say nothing and are left out. */
    private static JsonObject toolChoice(ToolChoice choice, boolean hasTools) {
        if (choice == null) {
            return null;
        }
        JsonObject json = switch (choice.mode()) {
            case AUTO -> hasTools ? new JsonObject().put("type", "auto") : null;
            case NONE -> hasTools ? new JsonObject().put("type", "none") : null;
            case REQUIRED -> new JsonObject().put("type", "any");
            case NAMED -> new JsonObject().put("type", "tool").put("name", choice.name());
        };
        if (json != null && choice.mode() != ToolChoice.Mode.NONE && Boolean.FALSE.equals(choice.parallel())) {
            json.put("disable_parallel_tool_use", true);
        }
        return json;
    }

    /**
     * Anthropic's metadata takes only {@code user_id}: an Anthropic client's metadata goes as it
     * came, another dialect's (OpenAI's stored-completion tags) is dropped; the user is its id.
     */
    private static JsonObject metadata(ChatRequest request, boolean foreign) {
        JsonObject metadata = foreign ? new JsonObject() : request.metadata().copy();
        if (request.user() != null) {
            metadata.put("user_id", request.user());
        }
        return metadata;
    }

    /**
     * Structured outputs, generally available as {@code output_config.format} (no beta header). A
     * JSON Schema output is always enforced, so {@code strict} has nothing to say and {@code name}
     * has no field; "any JSON object" is the schema {@code {"type":"object"}}.
     */
    private static JsonObject format(ResponseFormat format) {
        JsonObject schema = format.type() == ResponseFormat.Type.JSON_SCHEMA
                ? format.schema().copy()
                : new JsonObject().put("type", "object");
        return new JsonObject().put("type", "json_schema").put("schema", schema);
    }

    /**
     * Adds the client's unknown fields: a field the body lacks goes in as is; when both hold an
     * object ({@code output_config} with {@code effort} beside the translated {@code format}), the
     * client's keys that the body lacks are added to it. A translated field is never overwritten.
     */
    private static void carry(JsonObject extra, JsonObject body) {
        for (String field : extra.fieldNames()) {
            Object value = extra.getValue(field);
            Object existing = body.getValue(field);
            if (!body.containsKey(field)) {
                body.put(field, MessagesContent.copy(value));
            } else if (existing instanceof JsonObject target && value instanceof JsonObject source) {
                for (String key : source.fieldNames()) {
                    if (!target.containsKey(key)) {
                        target.put(key, MessagesContent.copy(source.getValue(key)));
                    }
                }
            }
        }
    }

    private static void putIfSet(JsonObject body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
