package dev.junction.plugins.codex;

import dev.junction.cli.CliInput;
import dev.junction.cli.CliRun;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One request answered by {@code codex app-server}, spoken to in JSON-RPC over stdio (one JSON
 * object a line, no {@code "jsonrpc"} member, integer ids): {@code initialize}, then the
 * {@code initialized} notification and {@code thread/start} (ephemeral), then {@code turn/start}
 * with the prompt. The turn's notifications become events through {@link TurnEvents}; the stream
 * ends at {@code turn/completed}, at a fatal {@code error} notification or at an error response.
 *
 * <p>Codex may ask the client for approvals or input (only when {@code approvalPolicy} is not
 * {@code never}): approvals are declined, anything else gets an error response. Lines that are not
 * JSON objects are ignored.
 */
final class CodexRun implements CliRun {

    private static final int INITIALIZE = 0;
    private static final int THREAD_START = 1;
    private static final int TURN_START = 2;
    private static final String CLIENT_VERSION =
            Objects.requireNonNullElse(CodexRun.class.getPackage().getImplementationVersion(), "0");

    private final List<String> arguments;
    private final JsonObject threadParams;
    private final JsonArray input;
    private final TurnEvents turn = new TurnEvents();
    private String model;
    private volatile String threadId;
    private volatile String turnId;
    private volatile boolean ended;
    private int nextId = TURN_START + 1;

    /**
     * @param threadParams the {@code thread/start} parameters
     * @param input the {@code turn/start} input items (the prompt first)
     * @param model the model to report until Codex names the one it uses
     */
    CodexRun(List<String> arguments, JsonObject threadParams, JsonArray input, String model) {
        this.arguments = List.copyOf(arguments);
        this.threadParams = threadParams.copy();
        this.input = input.copy();
        this.model = model;
    }

    @Override
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public void start(CliInput stdin) {
        JsonObject clientInfo = new JsonObject()
                .put("name", "junction")
                .put("title", "Junction")
                .put("version", CLIENT_VERSION);
        send(stdin, request(INITIALIZE, "initialize", new JsonObject().put("clientInfo", clientInfo)));
    }

    @Override
    public void onLine(String line, CliInput stdin, Consumer<ChatEvent> events) {
        JsonObject message = parse(line);
        if (message == null) {
            return;
        }
        Consumer<ChatEvent> tracked = event -> {
            ended |= event.terminal();
            events.accept(event);
        };
        try {
            boolean hasId = message.getValue("id") != null;
            String method = message.getString("method");
            if (method != null && hasId) {
                answer(message, method, stdin);
            } else if (method != null) {
                onNotification(method, message.getJsonObject("params", new JsonObject()), tracked);
            } else if (hasId) {
                onResponse(message, stdin, tracked);
            }
        } catch (ClassCastException e) {
            // a member of an unexpected type: not a message this run understands
        }
    }

    @Override
    public ChatEvent onExit(int exitCode, String stderrTail) {
        String tail = stderrTail == null ? "" : stderrTail.strip();
        return ChatEvent.Failed.of(
                ErrorKind.UPSTREAM,
                "Codex exited with code " + exitCode + " before the turn completed" + (tail.isEmpty() ? "" : ": " + tail));
    }

    @Override
    public void interrupt(CliInput stdin) {
        if (threadId != null && turnId != null && !ended) {
            send(stdin, request(nextId++, "turn/interrupt",
                    new JsonObject().put("threadId", threadId).put("turnId", turnId)));
        }
    }

    private void onResponse(JsonObject response, CliInput stdin, Consumer<ChatEvent> events) {
        Object id = response.getValue("id");
        JsonObject error = response.getJsonObject("error");
        if (error != null) {
            if (!(id instanceof Number number) || number.intValue() <= TURN_START) {
                String message = "Codex app-server refused a request: " + error.getString("message", error.encode());
                events.accept(ChatEvent.Failed.of(CodexErrors.classify(message, null), message));
            }
            return;
        }
        JsonObject result = response.getJsonObject("result", new JsonObject());
        if (!(id instanceof Number number)) {
            return;
        }
        switch (number.intValue()) {
            case INITIALIZE -> {
                send(stdin, new JsonObject().put("method", "initialized"));
                send(stdin, request(THREAD_START, "thread/start", threadParams));
            }
            case THREAD_START -> {
                threadId = result.getJsonObject("thread", new JsonObject()).getString("id");
                model = result.getString("model", model);
                send(stdin, request(TURN_START, "turn/start",
                        new JsonObject().put("threadId", threadId).put("input", input)));
            }
            case TURN_START -> started(result.getJsonObject("turn", new JsonObject()).getString("id"), events);
            default -> {
                // the answer to turn/interrupt: the turn ends with turn/completed
            }
        }
    }

    private void onNotification(String method, JsonObject params, Consumer<ChatEvent> events) {
        switch (method) {
            case "turn/started" -> started(params.getJsonObject("turn", new JsonObject()).getString("id"), events);
            case "item/agentMessage/delta" -> turn.text(params.getString("itemId", ""), params.getString("delta"), events);
            case "item/reasoning/summaryTextDelta", "item/reasoning/textDelta" ->
                    turn.thinking(params.getString("delta"), events);
            case "item/completed" -> {
                JsonObject item = params.getJsonObject("item", new JsonObject());
                if ("agentMessage".equals(item.getString("type"))) {
                    turn.agentMessage(item.getString("id", ""), item.getString("text"), events);
                }
            }
            case "thread/tokenUsage/updated" ->
                    turn.usage(params.getJsonObject("tokenUsage", new JsonObject()).getJsonObject("total", new JsonObject()));
            case "turn/completed" -> turn.complete(params.getJsonObject("turn", new JsonObject()), events);
            case "error" -> {
                JsonObject error = params.getJsonObject("error", new JsonObject());
                boolean retrying = params.getBoolean("willRetry", false)
                        || error.getString("message", "").startsWith("Reconnecting");
                if (!retrying) {
                    events.accept(TurnEvents.failure(error));
                }
            }
            default -> {
                // configWarning, thread/status/changed, item/started, account/rateLimits/updated, ...
            }
        }
    }

    private void started(String id, Consumer<ChatEvent> events) {
        if (id != null) {
            turnId = id;
            turn.start(id, model, events);
        }
    }

    /** Answers a request from the server: approvals are declined, anything else is refused. */
    private void answer(JsonObject request, String method, CliInput stdin) {
        JsonObject response = new JsonObject().put("id", request.getValue("id"));
        if (method.endsWith("requestApproval")) {
            response.put("result", new JsonObject().put("decision", "decline"));
        } else {
            response.put("error", new JsonObject()
                    .put("code", -32601)
                    .put("message", "the Junction gateway cannot answer " + method));
        }
        send(stdin, response);
    }

    private static JsonObject request(int id, String method, JsonObject params) {
        return new JsonObject().put("method", method).put("id", id).put("params", params);
    }

    private static void send(CliInput stdin, JsonObject message) {
        stdin.write(message.encode() + "\n");
    }

    private static JsonObject parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            return null;
        }
    }
}
