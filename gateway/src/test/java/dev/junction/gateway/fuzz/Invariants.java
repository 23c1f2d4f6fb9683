package dev.junction.gateway.fuzz;

import dev.junction.gateway.fuzz.RawHttp.Answer;
import dev.junction.gateway.fuzz.RawHttp.Outcome;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What every answer to a fuzz case must keep: no 5xx, no hang, no silence for a whole request,
 * no Java internals, errors in the path family's dialect with a JSON body under
 * {@link #MAX_ERROR_BYTES} that echoes at most {@link #MAX_ECHO} characters of the request (one
 * value of 200 characters, with the few characters around it that the message quotes), and
 * the status the case expects ({@link Expect}). Each broken rule is one line, the name of a
 * failure class.
 */
final class Invariants {

    static final int MAX_ERROR_BYTES = 4096;
    /** 200 characters of one value, plus its neighbours in the request (a quote, {@code POST }). */
    static final int MAX_ECHO = 210;
    /** Words that only a stack trace, an exception message or a library's message would carry. */
    static final List<String> INTERNALS = List.of(
            "Exception", "Caused by", "at dev.", "at io.", "at java.", "dev.junction", "com.fasterxml", "jackson",
            "Jackson", "io.vertx", "io.netty", "java.", "jdk.", "StreamReadConstraints", "StreamReadFeature", ".java:");

    private Invariants() {}

    static List<String> check(FuzzCase sent, Outcome outcome) {
        List<String> broken = new ArrayList<>();
        List<Answer> answers = outcome.answers();
        if (outcome.timedOut()) {
            broken.add("hang: no " + (answers.isEmpty() ? "answer" : "end of the answers") + " before the deadline");
        } else if (answers.isEmpty() && !sent.mayGoUnanswered()) {
            broken.add(outcome.problem() == null ? "connection closed without an answer" : "unreadable answer: " + kind(outcome.problem()));
        } else if (answers.size() < sent.answers() && !sent.mayGoUnanswered()) {
            broken.add("fewer answers than pipelined requests");
        }
        String request = new String(sent.wire(), StandardCharsets.ISO_8859_1);
        for (Answer answer : answers) {
            check(sent, answer, request, broken);
        }
        return broken;
    }

    private static void check(FuzzCase sent, Answer answer, String request, List<String> broken) {
        int status = answer.status();
        if (status >= 500) {
            broken.add("5xx: " + status);
        }
        if (sent.expect() == Expect.ACCEPT && (status < 200 || status >= 300)) {
            broken.add("valid request refused: " + status);
        }
        if (sent.expect() == Expect.REJECT && status < 400) {
            broken.add("accepted what must be refused: " + status);
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        for (String word : INTERNALS) {
            if (text.contains(word) && !request.contains(word)) {
                broken.add("Java internals in the answer: '" + word + "'");
                break;
            }
        }
        if (status >= 400 && !sent.head()) {
            checkError(sent, answer, text, request, broken);
        }
    }

    private static void checkError(FuzzCase sent, Answer answer, String text, String request, List<String> broken) {
        if (answer.bodyLength() == 0) {
            if (!sent.framing()) {
                broken.add("error without a body");
            }
            return;
        }
        if (answer.bodyLength() > MAX_ERROR_BYTES) {
            broken.add("error body over " + MAX_ERROR_BYTES + " bytes");
        }
        if (Echoes.longest(text, request) > MAX_ECHO) {
            broken.add("error echoes over " + MAX_ECHO + " characters of the request");
        }
        String type = answer.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/json")) {
            broken.add("error Content-Type not JSON");
        }
        JsonObject body;
        try {
            body = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            broken.add("error body not a JSON object");
            return;
        }
        if (!sent.family().isErrorShape(body)) {
            String shape = Family.isOpenAiError(body) ? "OpenAI" : Family.isAnthropicError(body) ? "Anthropic" : "unknown";
            broken.add("wrong dialect: " + shape + " error shape where " + sent.family() + " is due");
        }
    }

    /** An exception's class without its message: the failure class must not depend on details. */
    private static String kind(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? problem : problem.substring(0, colon);
    }
}
