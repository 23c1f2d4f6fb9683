package dev.junction.gateway.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One request the fuzzer sends and what its answer must be.
 *
 * @param mutation what was done to a valid request ({@code valid} for none), the failure class's name
 * @param endpoint the endpoint the valid request was for ({@code POST /v1/messages})
 * @param family the dialect errors must come in
 * @param wire the bytes sent on a fresh connection
 * @param head whether the request is a HEAD (answers have no body)
 * @param closeOutput whether the client half-closes after sending (a truncated request)
 * @param answers how many answers the connection must carry (pipelined requests)
 * @param framing whether the wire framing itself was mutated (an error answer may then have no body)
 */
record FuzzCase(
        String mutation,
        String endpoint,
        Expect expect,
        Family family,
        byte[] wire,
        boolean head,
        boolean closeOutput,
        int answers,
        boolean framing) {

    /** A case sending {@code message} as it is written. */
    static FuzzCase of(String mutation, String endpoint, Expect expect, Family family, HttpMessage message) {
        return new FuzzCase(mutation, endpoint, expect, family, message.wire(), message.isHead(), false, 1, false);
    }

    /** Whether the connection may close without an answer: the request never ended. */
    boolean mayGoUnanswered() {
        return closeOutput;
    }

    FuzzCase expecting(Expect other) {
        return new FuzzCase(mutation, endpoint, other, family, wire, head, closeOutput, answers, framing);
    }

    FuzzCase framed() {
        return new FuzzCase(mutation, endpoint, expect, family, wire, head, closeOutput, answers, true);
    }

    /** The request as text, for a reproduction: printable ASCII kept, the rest escaped, long runs cut. */
    String excerpt(int limit) {
        return Printable.excerpt(new String(wire, StandardCharsets.ISO_8859_1), limit);
    }
}
