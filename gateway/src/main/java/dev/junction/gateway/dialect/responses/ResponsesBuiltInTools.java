package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.UserText;
import dev.junction.plugin.ChatRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in tools of a decoded Responses request ({@code web_search}, {@code file_search},
 * {@code computer_use_preview}, {@code code_interpreter}, {@code image_generation},
 * {@code local_shell}, {@code mcp}, ... : any tool type but {@code function}, {@code custom} and
 * {@code namespace}). Only a Responses upstream can run them; they travel in the request's extra
 * ({@link ResponsesToolDecoder}), and the front end asks here, once it knows the backend, what a
 * backend of another dialect drops and whether the request can go there at all.
 */
public final class ResponsesBuiltInTools {

    private static final Set<String> CALLABLE = Set.of("function", "custom", "namespace");
    /** A type that may go into a header as it is; any other is reported as {@code other}. */
    private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ResponsesBuiltInTools() {}

    /**
     * The types of the built-in tools {@code request} declares, each once, in order: what a backend
     * that does not speak Responses drops (the value of the {@code x-junction-dropped-tools}
     * header; a type with other characters than letters, digits, {@code _ . -} is given as
     * {@code other}). Empty for a request of another dialect.
     */
    public static List<String> types(ChatRequest request) {
        Set<String> types = new LinkedHashSet<>();
        collect(request.extra().getValue("tools"), types);
        if (request.extra().getValue("additional_tools") instanceof JsonArray items) {
            for (Object item : items) {
                if (item instanceof JsonObject object) {
                    collect(object.getValue("tools"), types);
                }
            }
        }
        return new ArrayList<>(types);
    }

    /**
     * Refuses a request whose {@code tool_choice} forces a built-in tool, for a backend that cannot
     * run it.
     *
     * @throws InvalidRequestException naming the forced tool, {@code param} {@code tool_choice}
     */
    public static void requireNotForced(ChatRequest request) {
        if (request.extra().getValue("tool_choice") instanceof JsonObject choice
                && !"allowed_tools".equals(choice.getValue("type"))) {
            throw new InvalidRequestException(
                    "Invalid 'tool_choice': it forces the built-in tool '" + UserText.shorten(choice.getValue("type"))
                            + "', which only a Responses API backend can run; this model's backend cannot.",
                    "tool_choice");
        }
    }

    private static void collect(Object tools, Set<String> types) {
        if (!(tools instanceof JsonArray array)) {
            return;
        }
        for (Object tool : array) {
            if (tool instanceof JsonObject object && object.getValue("type") instanceof String type) {
                if (type.equals("namespace")) {
                    collect(object.getValue("tools"), types);
                } else if (!CALLABLE.contains(type)) {
                    types.add(PLAIN_TYPE.matcher(type).matches() ? type : "other");
                }
            }
        }
    }
}
