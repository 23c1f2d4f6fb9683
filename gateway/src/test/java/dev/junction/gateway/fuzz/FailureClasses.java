package dev.junction.gateway.fuzz;

import dev.junction.gateway.fuzz.RawHttp.Answer;
import dev.junction.gateway.fuzz.RawHttp.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fuzz run's failures, grouped by class (the broken rule, the mutation and the family), each
 * with its count and its smallest reproduction. Thread-safe.
 */
final class FailureClasses {

    private final Map<String, Failure> classes = new TreeMap<>();
    private int failedRequests;

    /** One class: how often it happened and its smallest case. */
    private static final class Failure {
        int count;
        int index;
        FuzzCase example;
        String answer;
    }

    /** Records the rules {@code index} broke (nothing when it broke none). */
    synchronized void record(int index, FuzzCase sent, Outcome outcome, Iterable<String> broken) {
        boolean any = false;
        for (String rule : broken) {
            any = true;
            String key = rule + "  <-  " + sent.mutation() + " [" + sent.family().name().toLowerCase() + "]";
            Failure failure = classes.computeIfAbsent(key, k -> new Failure());
            failure.count++;
            if (failure.example == null || sent.wire().length < failure.example.wire().length) {
                failure.index = index;
                failure.example = sent;
                failure.answer = describe(outcome);
            }
        }
        if (any) {
            failedRequests++;
        }
    }

    /** A failure outside any one case (the gateway stopped answering, an access log line too long). */
    synchronized void record(String rule, String detail) {
        Failure failure = classes.computeIfAbsent(rule, k -> new Failure());
        failure.count++;
        failure.answer = detail;
    }

    synchronized boolean isEmpty() {
        return classes.isEmpty();
    }

    synchronized int failedRequests() {
        return failedRequests;
    }

    /** Every class with its count and reproduction; how to rerun the run. */
    synchronized String report(long seed, int requests) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d failure classes in %d requests (%d requests failed); rerun with -Djunction.fuzz.seed=%d"
                + " -Djunction.fuzz.requests=%d%n", classes.size(), requests, failedRequests, seed, requests));
        classes.forEach((key, failure) -> {
            out.append(String.format("%n[%dx] %s%n", failure.count, key));
            if (failure.example != null) {
                out.append("  request #").append(failure.index).append(" (").append(failure.example.endpoint()).append(", ")
                        .append(failure.example.wire().length).append(" bytes): ").append(failure.example.excerpt(600)).append('\n');
            }
            out.append("  answer: ").append(failure.answer).append('\n');
        });
        return out.toString();
    }

    private static String describe(Outcome outcome) {
        StringBuilder out = new StringBuilder();
        for (Answer answer : outcome.answers()) {
            out.append(answer.status()).append(" (").append(answer.bodyLength()).append(" bytes) ")
                    .append(Printable.excerpt(new String(answer.body(), StandardCharsets.UTF_8), 300)).append("; ");
        }
        if (outcome.timedOut()) {
            out.append("timed out after ").append(outcome.millis()).append(" ms");
        } else if (outcome.problem() != null) {
            out.append(Printable.excerpt(outcome.problem(), 200));
        } else if (outcome.answers().isEmpty()) {
            out.append("the connection closed without an answer");
        }
        return out.toString();
    }
}
