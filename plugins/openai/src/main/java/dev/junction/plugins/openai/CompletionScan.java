package dev.junction.plugins.openai;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonObject;

/**
 * What a relay reads of the Chat Completions JSON passing by (a chunk's data, or a whole
 * completion), without parsing the rest: each {@code finish_reason} that is set, the {@code usage}
 * object, a top-level {@code error}. Keys are found by their text, which a JSON string cannot hold
 * unescaped, so text inside the answer never matches. Not thread-safe: one per answer.
 */
final class CompletionScan {

    private String finishReason;

    /** Reads one chunk or completion; returns its usage, or {@code null} when it carries none. */
    ChatEvent.Usage read(String json) {
        for (int at = valueAt(json, "\"finish_reason\"", 0); at >= 0; at = valueAt(json, "\"finish_reason\"", at)) {
            if (json.charAt(at) == '"') {
                int end = json.indexOf('"', at + 1);
                finishReason = end < 0 ? finishReason : json.substring(at + 1, end);
            }
        }
        int usage = valueAt(json, "\"usage\"", 0);
        if (usage < 0 || json.charAt(usage) != '{') {
            return null;
        }
        return ChatChunk.usage(new JsonObject(json.substring(usage, closing(json, usage))));
    }

    /** Whether {@code json} is the usage-only chunk: no choices, a usage (OpenAI's last chunk). */
    static boolean usageOnly(String json) {
        int choices = valueAt(json, "\"choices\"", 0);
        if (choices < 0 || json.charAt(choices) != '[') {
            return false;
        }
        int next = skipSpace(json, choices + 1);
        return next < json.length() && json.charAt(next) == ']';
    }

    /** The value of a top-level {@code error} in {@code json}, or {@code null}. */
    static Object error(String json) {
        int at = valueAt(json, "\"error\"", 0);
        if (at < 0 || json.charAt(at) == 'n') {
            return null;
        }
        return JsonFields.parse(json).getValue("error");
    }

    /** The reason of the last choice that finished; {@code null} when none did. */
    FinishReason finish() {
        if (finishReason == null) {
            return null;
        }
        FinishReason named = ChatStreamDecoder.named(finishReason);
        return named == null ? FinishReason.END_TURN : named;
    }

    /** Where the value of the next {@code key} at or after {@code from} starts; -1 when there is none. */
    private static int valueAt(String json, String key, int from) {
        for (int at = json.indexOf(key, from); at >= 0; at = json.indexOf(key, at + 1)) {
            int colon = skipSpace(json, at + key.length());
            if (colon < json.length() && json.charAt(colon) == ':') {
                int value = skipSpace(json, colon + 1);
                return value < json.length() ? value : -1;
            }
        }
        return -1;
    }

    private static int skipSpace(String json, int at) {
        while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The end (exclusive) of the object that opens at {@code open}, strings skipped. */
    private static int closing(String json, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return json.length();
    }
}
