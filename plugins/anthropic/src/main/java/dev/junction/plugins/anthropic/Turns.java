package dev.junction.plugins.anthropic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds the Messages API's {@code messages} turn by turn: consecutive blocks of one role become one
 * turn, because the API wants user and assistant turns to alternate.
 *
 * <p>An instruction given mid-conversation goes one of two ways. {@link #system} keeps it as a
 * {@code "role": "system"} message at its place, for an upstream that accepts them (the
 * {@code mid-conversation-system} beta). {@link #reminder} translates it into a user-turn text block
 * (what Claude Code itself writes as a {@code <system-reminder>}): it joins the nearest user turn,
 * after that turn's tool results (the API wants those first in a turn), so roles still alternate and
 * a tool result still follows its call.
 */
final class Turns {

    private final JsonArray turns = new JsonArray();
    private final JsonArray reminders = new JsonArray();
    private String lastRole;

    /** Adds {@code blocks} of a user or assistant message. */
    void add(String role, JsonArray blocks) {
        if (role.equals("user")) {
            blocks = withReminders(blocks);
        } else {
            flushReminders();
        }
        if (role.equals(lastRole)) {
            turns.getJsonObject(turns.size() - 1).getJsonArray("content").addAll(blocks);
        } else {
            turns.add(new JsonObject().put("role", role).put("content", blocks));
            lastRole = role;
        }
    }

    /** A system message kept in place, its content as the client's {@code system} would be. */
    void system(Object content) {
        flushReminders();
        turns.add(new JsonObject().put("role", "system").put("content", content));
        lastRole = "system";
    }

    /** A system message translated into a text block of the nearest user turn. */
    void reminder(JsonObject textBlock) {
        reminders.add(textBlock);
    }

    /** The turns, with the reminders still pending in a user turn at the end. */
    JsonArray finish() {
        flushReminders();
        return turns;
    }

    /** {@code blocks} with the pending reminders after its leading tool results. */
    private JsonArray withReminders(JsonArray blocks) {
        if (reminders.isEmpty()) {
            return blocks;
        }
        int toolResults = 0;
        while (toolResults < blocks.size()
                && "tool_result".equals(blocks.getJsonObject(toolResults).getString("type"))) {
            toolResults++;
        }
        JsonArray merged = new JsonArray();
        for (int i = 0; i < toolResults; i++) {
            merged.add(blocks.getValue(i));
        }
        merged.addAll(reminders);
        for (int i = toolResults; i < blocks.size(); i++) {
            merged.add(blocks.getValue(i));
        }
        reminders.clear();
        return merged;
    }

    /** The pending reminders, appended to the last turn if it is the user's, else a user turn of their own. */
    private void flushReminders() {
        if (reminders.isEmpty()) {
            return;
        }
        JsonArray pending = reminders.copy();
        reminders.clear();
        if ("user".equals(lastRole)) {
            turns.getJsonObject(turns.size() - 1).getJsonArray("content").addAll(pending);
        } else {
            turns.add(new JsonObject().put("role", "user").put("content", pending));
            lastRole = "user";
        }
    }
}
