package dev.junction.plugins.openai;

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
import java.util.List;
import java.util.Objects;

/**
 * Encodes a canonical request as a Responses API body ({@code POST /responses}): the system
 * instructions as {@code instructions} (one part) or leading {@code developer} messages (several,
 * so their boundaries stay), the conversation as {@code input} items ({@link ResponsesInput}),
 * flat function tools with {@code strict} (false unless the client set it: the API's default is
 * true, which refuses most schemas), {@code text.format}, {@code max_output_tokens},
 * {@code reasoning.effort}, and {@code store: false} since the gateway keeps the conversation.
 *
 * <p>For a client that spoke the Responses dialect, every field of {@code extra} is forwarded
 * (built-in tools such as {@code web_search} join the function tools; objects such as
 * {@code reasoning} and {@code text} are merged field by field), so the upstream gets what the
 * client sent. A field written here is never replaced, except {@code store} and {@code include},
 * which are the client's when it set them. Pure.
 */
final class ResponsesRequestEncoder {

    private static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
    /** The request's extra field that holds Codex's {@code additional_tools} input items. */
    private static final String ADDITIONAL_TOOLS = "additional_tools";
    /**
     * Fields of a Responses client's extra that are the gateway's, not the upstream's: it keeps the
     * conversation and sends it whole, so the upstream never knows its response ids; the
     * {@code additional_tools} items go into {@code input}.
     */
    private static final List<String> GATEWAY_FIELDS = List.of(ADDITIONAL_TOOLS, "previous_response_id", "conversation");
    /** The Responses API refuses a {@code max_output_tokens} below this. */
    static final int MIN_OUTPUT_TOKENS = 16;

    private ResponsesRequestEncoder() {}

    /**
     * The body for {@code request}.
     *
     * @throws BackendException with {@link ErrorKind#INVALID_REQUEST} when the Responses API
     *     could not take the request as asked ({@code top_k}, stop sequences)
     */
    static JsonObject encode(ChatRequest request, OpenAiSettings settings) {
        boolean sameDialect = ResponsesInput.DIALECT.equals(request.dialect());
        JsonObject body = new JsonObject().put("model", settings.http().upstreamModel(request.model()));
        JsonArray input = new JsonArray();
        if (sameDialect && request.extra().getValue(ADDITIONAL_TOOLS) instanceof JsonArray items) {
            input.addAll(items.copy()); // Codex's tool-declaring items, which come first
        }
        List<ContentPart> system = request.system();
        if (system.size() == 1 && system.get(0) instanceof ContentPart.Text text) {
            body.put("instructions", text.text());
        } else {
            system.forEach(part -> input.add(ResponsesInput.developer(List.of(part), "system")));
        }
        input.addAll(ResponsesInput.encode(request.messages(), sameDialect));
        body.put("input", input);
        tools(request, sameDialect, body);
        sampling(request.sampling(), body);
        if (request.responseFormat() != null) {
            body.put("text", new JsonObject().put("format", format(request.responseFormat())));
        }
        if (request.reasoning() != null && request.reasoning().effort() != null) {
            body.put("reasoning", new JsonObject().put("effort", request.reasoning().effort()));
        }
        if (request.user() != null) {
            body.put("user", sameDialect ? request.user() : UserId.bounded(request.user()));
        }
        if (sameDialect && !request.metadata().isEmpty()) {
            body.put("metadata", request.metadata().copy());
        }
        body.put("stream", request.stream());
        if (sameDialect) {
            JsonObject extra = request.extra().copy();
            GATEWAY_FIELDS.forEach(extra::remove);
            Extras.merge(extra, body);
        }
        if (!body.containsKey("store")) {
            body.put("store", false);
        }
        if (!body.containsKey("include") && Boolean.FALSE.equals(body.getValue("store"))
                && (body.containsKey("reasoning") || hasReasoning(input))) {
            body.put("include", new JsonArray().add(ENCRYPTED_REASONING));
        }
        return body;
    }

    /**
     * Function tools (and freeform {@code custom} ones a Responses client declared), then the
     * client's built-in tools; the choice among them only when there are tools.
     */
    private static void tools(ChatRequest request, boolean sameDialect, JsonObject body) {
        JsonArray tools = new JsonArray();
        for (Tool tool : request.tools()) {
            if (!(sameDialect && declaredElsewhere(tool, request.extra()))) {
                tools.add(tool(tool, sameDialect));
            }
        }
        if (sameDialect && request.extra().getValue("tools") instanceof JsonArray builtIn) {
            for (Object entry : builtIn) {
                if (entry instanceof JsonObject extraTool && !declared(tools, extraTool)) {
                    tools.add(extraTool.copy());
                }
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        body.put("tools", tools);
        ToolChoice choice = request.toolChoice();
        if (choice != null) {
            ChatRequestEncoder.toolChoice(
                    choice, new JsonObject().put("type", "function").put("name", choice.name()), body);
        }
    }

    private static JsonObject tool(Tool tool, boolean sameDialect) {
        JsonObject out;
        if (sameDialect && "custom".equals(tool.extra().getValue("type"))) {
            out = new JsonObject().put("type", "custom").put("name", tool.name());
            putIfSet(out, "description", tool.description());
        } else {
            out = new JsonObject().put("type", "function").put("name", tool.name());
            putIfSet(out, "description", tool.description());
            out.put("parameters", tool.inputSchema().copy())
                    .put("strict", tool.extra().getValue("strict") instanceof Boolean strict && strict);
        }
        if (sameDialect) {
            Extras.carry(tool.extra(), out);
        }
        return out;
    }

    /**
     * Whether a Responses client declared {@code tool} inside something the request's extra keeps
     * whole: a {@code namespace} tool, or an {@code additional_tools} input item.
     */
    private static boolean declaredElsewhere(Tool tool, JsonObject extra) {
        if (Boolean.TRUE.equals(tool.extra().getValue(ADDITIONAL_TOOLS)) && extra.getValue(ADDITIONAL_TOOLS) instanceof JsonArray) {
            return true;
        }
        return tool.extra().getValue("namespace") instanceof String namespace
                && extra.getValue("tools") instanceof JsonArray kept
                && declared(kept, new JsonObject().put("type", "namespace").put("name", namespace));
    }

    /** Whether a tool of the same type and name is already in {@code tools}. */
    private static boolean declared(JsonArray tools, JsonObject tool) {
        for (Object entry : tools) {
            if (entry instanceof JsonObject known
                    && known.getValue("type") != null && known.getValue("type").equals(tool.getValue("type"))
                    && Objects.equals(known.getValue("name"), tool.getValue("name"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Responses API has no {@code top_k} and no stop sequences; {@code seed} is dropped; a token
     * limit below its minimum (Claude Code probes with 1) is raised to it rather than refused.
     */
    private static void sampling(Sampling sampling, JsonObject body) {
        if (sampling.topK() != null) {
            throw unsupported("top_k is");
        }
        if (!sampling.stop().isEmpty()) {
            throw unsupported("stop sequences are");
        }
        putIfSet(body, "temperature", sampling.temperature());
        putIfSet(body, "top_p", sampling.topP());
        if (sampling.maxTokens() != null) {
            body.put("max_output_tokens", Math.max(MIN_OUTPUT_TOKENS, sampling.maxTokens()));
        }
    }

    private static BackendException unsupported(String subject) {
        return new BackendException(
                ErrorKind.INVALID_REQUEST,
                subject + " not a parameter of OpenAI's Responses API; leave it out, or use a backend "
                        + "with options.api \"chat\"");
    }

    private static JsonObject format(ResponseFormat format) {
        if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            return new JsonObject().put("type", "json_object");
        }
        JsonObject out = new JsonObject()
                .put("type", "json_schema")
                .put("name", format.name() == null ? ChatRequestEncoder.DEFAULT_SCHEMA_NAME : format.name())
                .put("schema", format.schema().copy());
        putIfSet(out, "strict", format.strict());
        return out;
    }

    private static boolean hasReasoning(JsonArray input) {
        for (Object item : input) {
            if (item instanceof JsonObject object && "reasoning".equals(object.getValue("type"))) {
                return true;
            }
        }
        return false;
    }

    private static void putIfSet(JsonObject body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
