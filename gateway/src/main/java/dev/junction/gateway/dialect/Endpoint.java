package dev.junction.gateway.dialect;

import io.vertx.core.http.HttpMethod;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One endpoint of the API, declared once in its dialect's package: what routing, error shapes,
 * metrics, the access log and the drain all read.
 *
 * @param path the literal path, or a template whose {@code {id}} matches one path segment and
 *     whose trailing {@code {id...}} matches the rest of the path, slashes included (model ids such
 *     as {@code backend/model})
 * @param family whose errors, model lists and keep-alive answer on this endpoint
 * @param name the endpoint's name in the access log and the metrics (bounded)
 */
public record Endpoint(HttpMethod method, String path, ApiFamily family, Service service, String name) {

    private static final String SEGMENT = "{id}";
    private static final String REST = "{id...}";

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an endpoint's path starts with /: " + path);
        }
    }

    /** Model requests (POST) read a JSON body, after the key's limits. */
    public boolean jsonBody() {
        return method.equals(HttpMethod.POST);
    }

    /** Whether the path holds an id rather than being literal. */
    public boolean takesId() {
        return path.contains(SEGMENT) || path.contains(REST);
    }

    /** The router's regular expression for an endpoint that {@link #takesId}, the id in group {@code id}. */
    public String pathRegex() {
        int rest = path.indexOf(REST);
        if (rest >= 0) {
            return Pattern.quote(path.substring(0, rest)) + "(?<id>.+)";
        }
        int segment = path.indexOf(SEGMENT);
        return Pattern.quote(path.substring(0, segment)) + "(?<id>[^/]+)"
                + Pattern.quote(path.substring(segment + SEGMENT.length()));
    }

    /** The chat dialect of a chat endpoint, else {@code null}. */
    public ChatDialect chat() {
        if (service instanceof Service.Chat chat) {
            return chat.dialect();
        }
        return service instanceof Service.StoredChat stored ? stored.dialect() : null;
    }
}
