package dev.junction.gateway.fuzz;

import dev.junction.gateway.fuzz.Endpoints.Endpoint;
import dev.junction.gateway.fuzz.Endpoints.Kind;
import java.util.List;
import java.util.Random;

/**
 * Mutations of a valid request's headers, method and path: content types and encodings,
 * {@code anthropic-version}, credentials, {@code Origin} and {@code Host} (a keyless gateway must
 * refuse web pages and rebound DNS names), oversized and odd headers, wrong methods, unknown and
 * mangled paths in each family.
 */
final class HeaderMutations {

    private HeaderMutations() {}

    static FuzzCase apply(Endpoint endpoint, HttpMessage valid, int port, Random random) {
        HttpMessage m = valid.copy();
        boolean api = endpoint.family() != Family.EITHER;
        boolean body = valid.body.length > 0;
        return switch (random.nextInt(12)) {
            case 0 -> body ? contentType(endpoint, m, random) : wrongMethod(endpoint, m, random);
            case 1 -> body ? contentEncoding(endpoint, m, random) : unknownPath(endpoint, m, random);
            case 2 -> header(endpoint, m, "anthropic-version", List.of("", "garbage", "v".repeat(6_000), "2023-06-01, 2099-01-01"), random);
            case 3 -> credentials(endpoint, m, random);
            case 4 -> api ? expect("Origin of a web page", Expect.REJECT, endpoint, m.set("Origin", random.nextBoolean() ? "http://evil.example" : "null"))
                    : header(endpoint, m, "Accept", List.of("text/html", "*/*", "application/json;q=0"), random);
            case 5 -> host(endpoint, m, port, random);
            case 6 -> oversized(endpoint, m, random);
            case 7 -> expect("non-ASCII header value", Expect.ANY, endpoint, m.add("X-Fuzz", "caf\u00e9 \u00ff\u0080"));
            case 8, 9 -> wrongMethod(endpoint, m, random);
            default -> random.nextBoolean() ? unknownPath(endpoint, m, random) : mangledPath(endpoint, m, port, random);
        };
    }

    private static FuzzCase contentType(Endpoint endpoint, HttpMessage m, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> expect("no Content-Type", Expect.REJECT, endpoint, m.remove("Content-Type"));
            case 1 -> expect("non-JSON Content-Type", Expect.REJECT, endpoint, m.set("Content-Type",
                    List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x").get(random.nextInt(3))));
            case 2 -> expect("Content-Type with charset", Expect.ACCEPT, endpoint, m.set("Content-Type", "application/json; charset=utf-8"));
            case 3 -> expect("odd JSON Content-Type", Expect.ANY, endpoint, m.set("Content-Type",
                    List.of("APPLICATION/JSON", "application/json, text/html", "application/vnd.api+json").get(random.nextInt(3))));
            case 4 -> expect("two Content-Types", Expect.ANY, endpoint, m.add("Content-Type", "text/plain"));
            default -> expect("huge Content-Type", Expect.REJECT, endpoint, m.set("Content-Type", "application/" + "j".repeat(5_000)));
        };
    }

    private static FuzzCase contentEncoding(Endpoint endpoint, HttpMessage m, Random random) {
        if (random.nextInt(4) == 0) {
            return expect("Content-Encoding identity", Expect.ANY, endpoint, m.set("Content-Encoding", "identity"));
        }
        return expect("Content-Encoding other than identity", Expect.REJECT, endpoint, m.set("Content-Encoding",
                List.of("gzip", "br", "deflate", "gzip, identity", "x-fuzz").get(random.nextInt(5))));
    }

    private static FuzzCase credentials(Endpoint endpoint, HttpMessage m, Random random) {
        m.remove("Authorization").remove("x-api-key");
        return switch (random.nextInt(5)) {
            case 0 -> expect("huge bearer key", Expect.ANY, endpoint, m.set("Authorization", "Bearer " + "k".repeat(6_000)));
            case 1 -> expect("Basic credentials", Expect.ANY, endpoint, m.set("Authorization", "Basic Zm9vOmJhcg=="));
            case 2 -> expect("empty Authorization", Expect.ANY, endpoint, m.set("Authorization", ""));
            case 3 -> expect("huge x-api-key", Expect.ANY, endpoint, m.set("x-api-key", "k".repeat(6_000)));
            default -> expect("two keys", Expect.ANY, endpoint, m.add("Authorization", "Bearer a").add("Authorization", "Bearer b").add("x-api-key", "c"));
        };
    }

    private static FuzzCase host(Endpoint endpoint, HttpMessage m, int port, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> expect("foreign Host (DNS rebinding)", endpoint.family() == Family.EITHER ? Expect.ANY : Expect.REJECT, endpoint,
                    m.set("Host", random.nextBoolean() ? "evil.example" : "evil.example:" + port));
            case 1 -> expect("loopback Host name", Expect.ANY, endpoint, m.set("Host", List.of("localhost:" + port, "[::1]:" + port, "127.0.0.1").get(random.nextInt(3))));
            case 2 -> expect("no Host", Expect.REJECT, endpoint, m.remove("Host")).framed();
            case 3 -> expect("two Hosts", Expect.ANY, endpoint, m.add("Host", "other.example")).framed();
            default -> expect("huge Host", Expect.ANY, endpoint, m.set("Host", "h".repeat(5_000))).framed();
        };
    }

    private static FuzzCase oversized(Endpoint endpoint, HttpMessage m, Random random) {
        if (random.nextBoolean()) {
            return expect("huge header", Expect.ANY, endpoint, m.add("X-Fuzz-Pad", "p".repeat(random.nextBoolean() ? 9_000 : 70_000))).framed();
        }
        int count = random.nextBoolean() ? 200 : 2_000;
        for (int i = 0; i < count; i++) {
            m.add("X-Fuzz-" + i, "v");
        }
        return expect(count + " headers", Expect.ANY, endpoint, m).framed();
    }

    private static FuzzCase header(Endpoint endpoint, HttpMessage m, String name, List<String> values, Random random) {
        return expect("odd " + name, Expect.ANY, endpoint, m.set(name, values.get(random.nextInt(values.size()))));
    }

    private static FuzzCase wrongMethod(Endpoint endpoint, HttpMessage m, Random random) {
        boolean post = endpoint.method().equals("POST");
        String method = post
                ? List.of("GET", "PUT", "DELETE", "PATCH", "FUZZ").get(random.nextInt(5))
                : List.of("POST", "PUT", "DELETE", "PATCH", "FUZZ", "HEAD", "OPTIONS").get(random.nextInt(7));
        m.method = method;
        boolean harmless = method.equals("HEAD") || method.equals("OPTIONS")
                || endpoint.kind() == Kind.ROOT && method.equals("POST");
        return FuzzCase.of("wrong method " + (post ? "on a POST endpoint" : "on a GET endpoint"), endpoint.name(),
                harmless ? Expect.ANY : Expect.REJECT, Family.of(m.target, m.header("anthropic-version") != null), m);
    }

    private static FuzzCase unknownPath(Endpoint endpoint, HttpMessage m, Random random) {
        m.target = List.of("/v1/fuzz", "/openai/v1/fuzz", "/anthropic/v1/fuzz", "/v1/messages/fuzz", "/anthropic/fuzz",
                        "/fuzz", "/V1/MESSAGES", "/V1/CHAT/COMPLETIONS", "/Anthropic/v1/messages", "/v2/chat/completions",
                        "/v1/models/" + "m".repeat(3_000), "/anthropic/v1/models/" + "m".repeat(3_000))
                .get(random.nextInt(12));
        return FuzzCase.of("unknown path", endpoint.name(), m.target.startsWith("/V1/") ? Expect.ANY : Expect.REJECT,
                Family.of(m.target, m.header("anthropic-version") != null), m);
    }

    /** Paths a router may normalise (or not): any answer but a 5xx, in either dialect. */
    private static FuzzCase mangledPath(Endpoint endpoint, HttpMessage m, int port, Random random) {
        String path = m.target;
        m.target = switch (random.nextInt(10)) {
            case 0 -> path + "/";
            case 1 -> path + "?a=1&b=%zz";
            case 2 -> path + "?" + "q".repeat(10_000);
            case 3 -> "/v1/../anthropic" + path;
            case 4 -> "/" + path.replace("/", "//");
            case 5 -> path.replace("/v1/", "/v1/%2e%2e/v1/").replace("s", "%73");
            case 6 -> path + "%00%zz%";
            case 7 -> path + "/caf\u00c3\u00a9";
            case 8 -> "http://127.0.0.1:" + port + path;
            default -> path + "#fragment";
        };
        return FuzzCase.of("mangled path", endpoint.name(), Expect.ANY, Family.EITHER, m).framed();
    }

    private static FuzzCase expect(String mutation, Expect expect, Endpoint endpoint, HttpMessage m) {
        return FuzzCase.of(mutation, endpoint.name(), expect, endpoint.family(), m);
    }
}
