package dev.junction.plugins.openai;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.ResponseFormat;
import dev.junction.plugin.Sampling;
import dev.junction.plugin.Tool;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Encodes a canonical request as a streaming Chat Completions body ({@code POST /chat/completions}).
 * Pure: no I/O. What the canonical model cannot say in OpenAI's terms is either dropped (reasoning
 * of earlier turns, a tool result's error flag) or refused with {@link ErrorKind#INVALID_REQUEST}
 * ({@code top_k} for OpenAI's own API); see the plugin's README.
 */
final class ChatRequestEncoder {

    /** The default {@code json_schema.name}: OpenAI requires one, the canonical model may have none. */
    static final String DEFAULT_SCHEMA_NAME = "response";

    private static final String OPENAI_DIALECT = ClientDialect.OPENAI;

    private ChatRequestEncoder() {}

    /**
     * Whether the client spoke an OpenAI API, so that its reasoning effort is OpenAI's to send. An
     * Anthropic client's effort (Claude Code sends one with every request) is not: a model that does
     * not reason refuses {@code reasoning_effort} with a 400.
     */
    private static boolean openAiFamily(ChatRequest request) {
        return OPENAI_DIALECT.equals(request.dialect()) || ClientDialect.RESPONSES.equals(request.dialect());
    }

    /**
     * The body for {@code request}.
     *
     * @throws BackendException with {@link ErrorKind#INVALID_REQUEST} when the upstream could not
     *     take the request as asked
     */
    static JsonObject encode(ChatRequest request, OpenAiSettings settings) {
        boolean sameDialect = OPENAI_DIALECT.equals(request.dialect());
        JsonObject body = new JsonObject()
                .put("model", settings.http().upstreamModel(request.model()))
                .put("messages", MessageEncoder.encode(request.system(), request.messages(), sameDialect));
        tools(request, sameDialect, body);
        sampling(request.sampling(), settings.flavor(), body);
        if (request.user() != null) {
            body.put("user", sameDialect ? request.user() : UserId.bounded(request.user()));
        }
        if (sameDialect && !request.metadata().isEmpty()) {
            body.put("metadata", request.metadata().copy());
        }
        if (request.responseFormat() != null) {
            body.put("response_format", responseFormat(request.responseFormat()));
        }
        if (request.reasoning() != null && request.reasoning().effort() != null && openAiFamily(request)) {
            body.put("reasoning_effort", request.reasoning().effort());
        }
        body.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        if (sameDialect) {
            Extras.carry(request.extra(), body);
        }
        return body;
    }

    /** The headers of an OpenAI client, without its key (see {@link Extras#headers}). */
    static Map<String, String> headers(ChatRequest request) {
        return Extras.headers(request, OPENAI_DIALECT);
    }

    /**
     * Tools, and the choice among them only when there are tools (OpenAI refuses it otherwise). A
     * same-dialect client's tool {@code extra} ({@code strict}) goes back into {@code function}.
     */
    private static void tools(ChatRequest request, boolean sameDialect, JsonObject body) {
        if (request.tools().isEmpty()) {
            return;
        }
        JsonArray tools = new JsonArray();
        for (Tool tool : request.tools()) {
            JsonObject function = new JsonObject().put("name", tool.name());
            if (tool.description() != null) {
                function.put("description", tool.description());
            }
            function.put("parameters", tool.inputSchema().copy());
            if (sameDialect) {
                Extras.carry(tool.extra(), function);
            }
            tools.add(new JsonObject().put("type", "function").put("function", function));
        }
        body.put("tools", tools);
        ToolChoice choice = request.toolChoice();
        if (choice != null) {
            toolChoice(choice, new JsonObject()
                    .put("type", "function")
                    .put("function", new JsonObject().put("name", choice.name())), body);
        }
    }

    /**
     * {@code tool_choice} ({@code named} when the choice names a tool, the mode's name otherwise)
     * and {@code parallel_tool_calls} when set: the same fields in Chat Completions and Responses.
     */
    static void toolChoice(ToolChoice choice, JsonObject named, JsonObject body) {
        body.put("tool_choice", switch (choice.mode()) {
            case AUTO -> "auto";
            case NONE -> "none";
            case REQUIRED -> "required";
            case NAMED -> named;
        });
        if (choice.parallel() != null) {
            body.put("parallel_tool_calls", choice.parallel());
        }
    }

    private static void sampling(Sampling sampling, OpenAiSettings.Flavor flavor, JsonObject body) {
        putIfSet(body, "temperature", sampling.temperature());
        putIfSet(body, "top_p", sampling.topP());
        if (sampling.topK() != null) {
            if (flavor == OpenAiSettings.Flavor.OPENAI) {
                throw new BackendException(
                        ErrorKind.INVALID_REQUEST,
                        "top_k is not a parameter of OpenAI's API; leave it out, or set the backend's "
                                + "options.flavor to \"compatible\" for a server that reads it");
            }
            body.put("top_k", sampling.topK());
        }
        putIfSet(
                body,
                flavor == OpenAiSettings.Flavor.OPENAI ? "max_completion_tokens" : "max_tokens",
                sampling.maxTokens());
        if (!sampling.stop().isEmpty()) {
            body.put("stop", new JsonArray(sampling.stop()));
        }
        putIfSet(body, "seed", sampling.seed());
    }

    private static JsonObject responseFormat(ResponseFormat format) {
        if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            return new JsonObject().put("type", "json_object");
        }
        JsonObject schema = new JsonObject()
                .put("name", format.name() == null ? DEFAULT_SCHEMA_NAME : format.name())
                .put("schema", format.schema().copy());
        if (format.strict() != null) {
            schema.put("strict", format.strict());
        }
        return new JsonObject().put("type", "json_schema").put("json_schema", schema);
    }

    private static void putIfSet(JsonObject body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
