package dev.junction.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the backend for a request's model. Pure and immutable.
 *
 * <p>Order of precedence: an exact entry of any backend's {@code models} (in configuration order);
 * then {@code <backend-id>/<model>}, which goes to that backend whatever its list says and passes
 * {@code <model>} on; then the first backend with a glob entry ({@code *}, {@code ?}) that matches.
 */
public final class ModelRouter {

    /**
     * Where a model goes: the backend's id, the model name to pass to it, and the configured entry
     * that matched ({@code claude-*}, or {@code <backend-id>/*} for an explicit route): a bounded
     * name for the route, unlike the model the client sent.
     */
    public record Route(String backendId, String model, String pattern) {}

    private final Map<String, List<ModelPattern>> patterns = new LinkedHashMap<>();

    /** @param backendModels each backend's {@code models} entries, in configuration order */
    public ModelRouter(Map<String, List<String>> backendModels) {
        backendModels.forEach((id, models) -> patterns.put(id, models.stream().map(ModelPattern::new).toList()));
    }

    /** The route for {@code model}, or empty when no backend serves it. */
    public Optional<Route> route(String model) {
        for (var backend : patterns.entrySet()) {
            for (ModelPattern pattern : backend.getValue()) {
                if (!pattern.isGlob() && pattern.text().equals(model)) {
                    return Optional.of(new Route(backend.getKey(), model, pattern.text()));
                }
            }
        }
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1 && patterns.containsKey(model.substring(0, slash))) {
            String backendId = model.substring(0, slash);
            return Optional.of(new Route(backendId, model.substring(slash + 1), backendId + "/*"));
        }
        for (var backend : patterns.entrySet()) {
            for (ModelPattern pattern : backend.getValue()) {
                if (pattern.isGlob() && pattern.matches(model)) {
                    return Optional.of(new Route(backend.getKey(), model, pattern.text()));
                }
            }
        }
        return Optional.empty();
    }

    /** The exact (non-glob) model names of {@code backendId}, in configuration order. */
    public List<String> exactModels(String backendId) {
        return patterns.getOrDefault(backendId, List.of()).stream()
                .filter(pattern -> !pattern.isGlob())
                .map(ModelPattern::text)
                .toList();
    }

    /** The exact model names of every backend, in configuration order. */
    public List<String> exactModels() {
        List<String> all = new ArrayList<>();
        patterns.keySet().forEach(id -> all.addAll(exactModels(id)));
        return all;
    }

    /** Whether {@code backendId} has glob entries, whose models only the backend can list. */
    public boolean hasGlobs(String backendId) {
        return patterns.getOrDefault(backendId, List.of()).stream().anyMatch(ModelPattern::isGlob);
    }

    /** Whether one of {@code backendId}'s glob entries matches {@code model}. */
    public boolean globMatches(String backendId, String model) {
        return patterns.getOrDefault(backendId, List.of()).stream()
                .anyMatch(pattern -> pattern.isGlob() && pattern.matches(model));
    }
}
