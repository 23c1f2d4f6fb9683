package dev.junction.gateway.http;

import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.anthropic.AnthropicDialect;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import dev.junction.gateway.dialect.responses.ResponsesDialect;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's endpoints, declared once: method, path, dialect family, what handles it, whether it
 * reads a JSON body, and the name the access log and the metrics give it. The routes
 * ({@link ApiRouter}), the dialect of an error on any path (including unknown ones: 404 for an
 * unknown path, 405 for a known path asked with another method) and the endpoint names all derive
 * from it. Pure data, thread-safe.
 *
 * <p>Paths match case-sensitively, as the APIs they imitate do, against the router's normalized path
 * ({@code /v1/./models} is {@code /v1/models}). The family of a path that matches no endpoint is
 * decided case-insensitively: {@code /v1/messages*} and {@code /anthropic/*} (so {@code /V1/MESSAGES}
 * too) are Anthropic, {@code /openai/*} is OpenAI, and anything else follows the request's
 * {@code anthropic-version} header (which the Anthropic SDK always sends), OpenAI without it.
 */
final class ApiEndpoints {

    /** Which dialect an endpoint, or an unknown path, answers in. */
    enum Family {
        OPENAI,
        ANTHROPIC,
        /** A path both SDK families call ({@code /v1/models}): the {@code anthropic-version} header decides. */
        SHARED;

        Dialect dialect(HttpServerRequest request) {
            return switch (this) {
                case OPENAI -> OPENAI_DIALECT;
                case ANTHROPIC -> ANTHROPIC_DIALECT;
                case SHARED -> request.headers().contains("anthropic-version") ? ANTHROPIC_DIALECT : OPENAI_DIALECT;
            };
        }
    }

    /** What serves an endpoint; {@link ApiRouter} makes the handler of each from one configuration. */
    enum Kind {
        CHAT,
        EMBEDDINGS,
        COUNT_TOKENS,
        MODEL_LIST,
        /** One model, its id the rest of the path (ids may hold slashes: {@code backend/model}). */
        MODEL,
        /** The base URL itself, which clients probe ({@code HEAD /}) before they call the API. */
        ROOT
    }

    /**
     * One endpoint.
     *
     * @param path the literal path, or for {@link Kind#MODEL} the prefix the model id follows
     * @param name the endpoint's name in the access log and the metrics (bounded)
     */
    record Endpoint(HttpMethod method, String path, Family family, Kind kind, String name) {

        /** Model requests read a JSON body, after the key's limits. */
        boolean jsonBody() {
            return method.equals(HttpMethod.POST);
        }

        /** Whether the id follows the path rather than the path being exact. */
        boolean takesId() {
            return kind == Kind.MODEL;
        }

        /** The router's regular expression for an endpoint that {@link #takesId}, the id in group {@code id}. */
        String pathRegex() {
            return Pattern.quote(path) + "(?<id>.+)";
        }

        boolean matches(String normalizedPath) {
            return takesId()
                    ? normalizedPath.length() > path.length() && normalizedPath.startsWith(path)
                    : normalizedPath.equals(path);
        }
    }

    static final OpenAiDialect OPENAI_DIALECT = new OpenAiDialect();
    static final AnthropicDialect ANTHROPIC_DIALECT = new AnthropicDialect();
    static final ResponsesDialect RESPONSES_DIALECT = new ResponsesDialect();

    /** Every endpoint, in routing order. */
    static final List<Endpoint> ALL = declare();

    /** Name for the access log and metrics of a path no endpoint serves. */
    static final String OTHER = "other";

    private static final Map<String, List<Endpoint>> EXACT = exact();
    private static final List<Endpoint> WITH_ID = ALL.stream().filter(Endpoint::takesId).toList();

    private ApiEndpoints() {}

    private static List<Endpoint> declare() {
        List<Endpoint> all = new ArrayList<>();
        for (String base : List.of("/v1", "/openai/v1")) {
            all.add(new Endpoint(HttpMethod.POST, base + "/chat/completions", Family.OPENAI, Kind.CHAT, "chat_completions"));
            all.add(new Endpoint(HttpMethod.POST, base + "/embeddings", Family.OPENAI, Kind.EMBEDDINGS, "embeddings"));
            all.add(new Endpoint(HttpMethod.POST, base + "/responses", Family.OPENAI, Kind.CHAT, "responses"));
        }
        for (String base : List.of("/v1", "/anthropic/v1")) {
            all.add(new Endpoint(HttpMethod.POST, base + "/messages", Family.ANTHROPIC, Kind.CHAT, "messages"));
            all.add(new Endpoint(
                    HttpMethod.POST, base + "/messages/count_tokens", Family.ANTHROPIC, Kind.COUNT_TOKENS, "count_tokens"));
        }
        Map<String, Family> modelBases = Map.of("/v1", Family.SHARED, "/openai/v1", Family.OPENAI, "/anthropic/v1", Family.ANTHROPIC);
        for (String base : List.of("/v1", "/openai/v1", "/anthropic/v1")) {
            all.add(new Endpoint(HttpMethod.GET, base + "/models", modelBases.get(base), Kind.MODEL_LIST, "models"));
            all.add(new Endpoint(HttpMethod.GET, base + "/models/", modelBases.get(base), Kind.MODEL, "models"));
        }
        all.add(new Endpoint(HttpMethod.GET, "/", Family.SHARED, Kind.ROOT, "root"));
        all.add(new Endpoint(HttpMethod.HEAD, "/", Family.SHARED, Kind.ROOT, "root"));
        return List.copyOf(all);
    }

    private static Map<String, List<Endpoint>> exact() {
        Map<String, List<Endpoint>> exact = new HashMap<>();
        ALL.stream().filter(endpoint -> !endpoint.takesId())
                .forEach(endpoint -> exact.computeIfAbsent(endpoint.path(), path -> new ArrayList<>()).add(endpoint));
        exact.replaceAll((path, endpoints) -> List.copyOf(endpoints));
        return Map.copyOf(exact);
    }

    /** The endpoints at {@code normalizedPath}, whatever their method (empty for an unknown path). */
    static List<Endpoint> at(String normalizedPath) {
        List<Endpoint> exact = EXACT.get(normalizedPath);
        if (exact != null) {
            return exact;
        }
        return WITH_ID.stream().filter(endpoint -> endpoint.matches(normalizedPath)).toList();
    }

    /** The endpoint {@code method} asks for at {@code normalizedPath}, if any. */
    static Optional<Endpoint> of(HttpMethod method, String normalizedPath) {
        return at(normalizedPath).stream().filter(endpoint -> endpoint.method().equals(method)).findFirst();
    }

    /** The access log's and the metrics' name for a request: its endpoint's, else {@link #OTHER}. */
    static String name(HttpMethod method, String normalizedPath) {
        return of(method, normalizedPath).map(Endpoint::name).orElse(OTHER);
    }

    /** The dialect that answers {@code ctx}, whether or not its path is an endpoint. */
    static Dialect dialectOf(RoutingContext ctx) {
        return family(ctx.normalizedPath()).dialect(ctx.request());
    }

    /** The family whose dialect answers anything at {@code normalizedPath}, known or not. */
    static Family family(String normalizedPath) {
        List<Endpoint> known = at(normalizedPath);
        if (!known.isEmpty()) {
            return known.get(0).family();
        }
        String lower = normalizedPath.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/v1/messages") || lower.startsWith("/anthropic/") || lower.equals("/anthropic")) {
            return Family.ANTHROPIC;
        }
        if (lower.startsWith("/openai/") || lower.equals("/openai")) {
            return Family.OPENAI;
        }
        return Family.SHARED;
    }
}
