package dev.junction.gateway.dialect.responses;

import dev.junction.plugin.Tool;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * How Responses tools that Chat-style backends cannot express are named and called there. A tool of
 * a {@code namespace} is the tool {@code <namespace>__<name>}, its namespace in the tool's extra
 * ({@code "namespace"}); a custom (freeform) tool takes one string argument, {@code input}, and is
 * marked by {@code "type": "custom"} in its extra. The encoders turn calls back into the items the
 * client declared.
 */
final class ResponsesToolNames {

    /** The separator between a namespace and a tool name in a flat name. */
    static final String SEPARATOR = "__";

    private ResponsesToolNames() {}

    static String flat(String namespace, String name) {
        return namespace == null ? name : namespace + SEPARATOR + name;
    }

    /** The name a client knows {@code tool} by: its flat name without the namespace. */
    static String name(Tool tool) {
        String namespace = namespace(tool);
        return namespace == null ? tool.name() : tool.name().substring(namespace.length() + SEPARATOR.length());
    }

    /** The namespace {@code tool} came from, or {@code null}. */
    static String namespace(Tool tool) {
        return tool.extra().getValue("namespace") instanceof String namespace
                        && tool.name().startsWith(namespace + SEPARATOR)
                ? namespace
                : null;
    }

    static boolean custom(Tool tool) {
        return "custom".equals(tool.extra().getValue("type"));
    }

    /** The arguments of a custom tool's call: {@code {"input": input}}. */
    static String customArguments(String input) {
        return new JsonObject().put("input", input).encode();
    }

    /**
     * The freeform input in the {@code arguments} of a custom tool's call: its {@code input} string,
     * or the arguments themselves when the model did not follow the schema.
     */
    static String customInput(String arguments) {
        try {
            Object input = new JsonObject(arguments).getValue("input");
            return input instanceof String text ? text : arguments;
        } catch (DecodeException | ClassCastException e) {
            return arguments;
        }
    }
}
