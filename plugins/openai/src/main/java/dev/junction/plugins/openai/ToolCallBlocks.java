package dev.junction.plugins.openai;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns the streamed pieces of {@code delta.tool_calls} into one tool call block per upstream
 * tool-call index. OpenAI sends one call after the other, and each streams live. A server that
 * interleaves the pieces of several calls cannot be streamed as they come (blocks do not
 * interleave), so the pieces of a later call wait until the open call's arguments are a complete
 * JSON value, or until the answer finishes; each piece stays one {@link ChatEvent.ToolArgumentsDelta}
 * and pieces of different calls are never merged. Not thread-safe: one per stream.
 */
final class ToolCallBlocks {

    /** One tool call of the answer, by its upstream index. */
    private static final class Call {
        final int upstreamIndex;
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
        final List<String> waiting = new ArrayList<>();
        int block = -1;
        boolean closed;

        Call(int upstreamIndex) {
            this.upstreamIndex = upstreamIndex;
        }

        boolean started() {
            return block >= 0;
        }
    }

    private final Blocks blocks;
    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private Call open;

    ToolCallBlocks(Blocks blocks) {
        this.blocks = blocks;
    }

    /** Whether the answer has had a tool call so far. */
    boolean any() {
        return !calls.isEmpty();
    }

    /**
     * One entry of {@code delta.tool_calls}: any of {@code id}, {@code name} and {@code arguments}
     * may be {@code null}.
     *
     * @throws BackendException with {@link ErrorKind#UPSTREAM} when a call's block was already
     *     closed (a server that returns to a call after other content)
     */
    void piece(int upstreamIndex, String id, String name, String arguments, Consumer<ChatEvent> out) {
        Call call = calls.computeIfAbsent(upstreamIndex, Call::new);
        boolean hasArguments = arguments != null && !arguments.isEmpty();
        if (call.closed) {
            if (hasArguments) {
                throw new BackendException(
                        ErrorKind.UPSTREAM,
                        "the upstream sent more arguments for tool call " + upstreamIndex + " after it had ended");
            }
            return;
        }
        if (call.id == null && id != null && !id.isEmpty()) {
            call.id = id;
        }
        if (call.name == null && name != null && !name.isEmpty()) {
            call.name = name;
        }
        if (hasArguments) {
            call.arguments.append(arguments);
            if (call == open) {
                out.accept(new ChatEvent.ToolArgumentsDelta(call.block, arguments));
            } else {
                call.waiting.add(arguments);
            }
        }
        advance(out);
    }

    /**
     * Ends every call: closes the open block, then starts, fills and closes each waiting call in
     * order. Called when the answer finishes or other content follows the calls.
     *
     * @throws BackendException with {@link ErrorKind#UPSTREAM} when a call never got its name
     */
    void finishAll(Consumer<ChatEvent> out) {
        closeOpen(out);
        for (Call call : calls.values()) {
            if (!call.closed) {
                start(call, out);
                closeOpen(out);
            }
        }
    }

    private void advance(Consumer<ChatEvent> out) {
        while (true) {
            if (open == null) {
                Call next = firstNotStarted();
                if (next == null || next.name == null) {
                    return;
                }
                start(next, out);
            } else if (firstNotStarted() != null && complete(open)) {
                closeOpen(out);
            } else {
                return;
            }
        }
    }

    private void start(Call call, Consumer<ChatEvent> out) {
        if (call.name == null) {
            throw new BackendException(
                    ErrorKind.UPSTREAM, "the upstream sent tool call " + call.upstreamIndex + " without a name");
        }
        if (call.id == null) {
            call.id = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        }
        call.block = blocks.startToolCall(call.id, call.name, out);
        open = call;
        for (String piece : call.waiting) {
            out.accept(new ChatEvent.ToolArgumentsDelta(call.block, piece));
        }
        call.waiting.clear();
    }

    private void closeOpen(Consumer<ChatEvent> out) {
        if (open != null) {
            blocks.close(out);
            open.closed = true;
            open = null;
        }
    }

    private Call firstNotStarted() {
        for (Call call : calls.values()) {
            if (!call.started() && !call.closed) {
                return call;
            }
        }
        return null;
    }

    /** Whether a call's arguments so far are a whole JSON value: nothing valid can follow. */
    private static boolean complete(Call call) {
        if (call.arguments.isEmpty()) {
            return false;
        }
        try {
            Json.decodeValue(call.arguments.toString());
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }
}
