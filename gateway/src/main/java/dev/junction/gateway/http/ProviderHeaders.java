package dev.junction.gateway.http;

import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one list of client headers that are provider feature switches the gateway does not manage
 * itself, so that a backend speaking the client's own dialect may forward them upstream.
 *
 * <p>Only feature headers belong here. Never credentials ({@code authorization}, {@code x-api-key})
 * nor what a plugin sets for its upstream ({@code anthropic-version}, organisation and project
 * headers that select the gateway's own account).
 */
final class ProviderHeaders {

    /** Lower-case names of the forwardable headers. */
    static final Set<String> FORWARDABLE = Set.of("anthropic-beta", "openai-beta");

    private ProviderHeaders() {}

    /**
     * The forwardable headers of a request, lower-case names; a header sent several times is joined
     * with commas, as HTTP allows for list-valued headers.
     */
    static Map<String, String> of(MultiMap headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : FORWARDABLE.stream().sorted().toList()) {
            List<String> values = headers.getAll(name);
            if (!values.isEmpty()) {
                forwarded.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        }
        return forwarded;
    }
}
