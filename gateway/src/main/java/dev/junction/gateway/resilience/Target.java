package dev.junction.gateway.resilience;

import dev.junction.gateway.config.ResilienceConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One backend a chat request may be sent to, the model to ask it for, and the backend's settings. */
record Target(String backendId, String model, ResilienceConfig config) {

    /**
     * The backends a request may try, in order: the routed one, its fallbacks, then theirs
     * (breadth first), each backend once. A fallback written {@code "<id>/<model>"} is asked for that
     * model, any other for {@code model}.
     *
     * @param configs every backend's settings by id
     */
    static List<Target> chain(String backendId, String model, Map<String, ResilienceConfig> configs) {
        List<Target> chain = new ArrayList<>();
        chain.add(new Target(backendId, model, configs.getOrDefault(backendId, ResilienceConfig.DEFAULTS)));
        Set<String> visited = new HashSet<>(Set.of(backendId));
        for (int i = 0; i < chain.size(); i++) {
            for (ResilienceConfig.Fallback fallback : chain.get(i).config().fallbacks()) {
                ResilienceConfig config = configs.get(fallback.backendId());
                if (config != null && visited.add(fallback.backendId())) {
                    chain.add(new Target(fallback.backendId(), fallback.model() != null ? fallback.model() : model, config));
                }
            }
        }
        return chain;
    }
}
