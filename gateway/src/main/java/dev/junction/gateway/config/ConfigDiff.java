package dev.junction.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reload changes, as its log line tells it. Pure.
 *
 * @param added backends the new configuration has and the old did not
 * @param removed backends the old configuration had and the new does not
 * @param changed backends with another plugin or other options: they get a new instance
 * @param updated backends whose models or resilience settings alone changed (the front end's
 *     business): the same instance serves them
 * @param keys how many API keys the new configuration has
 * @param adminKey what became of {@code auth.adminKey}: {@code set}, {@code changed} or
 *     {@code removed}; null when it did not change
 */
public record ConfigDiff(
        List<String> added, List<String> removed, List<String> changed, List<String> updated, int keys, String adminKey) {

    public ConfigDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        updated = List.copyOf(updated);
    }

    /** What going from {@code before} to {@code after} changes. */
    public static ConfigDiff between(GatewayConfig before, GatewayConfig after) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        after.backends().forEach((id, backend) -> {
            BackendConfig old = before.backends().get(id);
            if (old == null) {
                added.add(id);
            } else if (!old.sameBackend(backend)) {
                changed.add(id);
            } else if (!old.equals(backend)) {
                updated.add(id);
            }
        });
        List<String> removed = before.backends().keySet().stream()
                .filter(id -> !after.backends().containsKey(id))
                .toList();
        return new ConfigDiff(
                added, removed, changed, updated, after.auth().keys().size(), adminKey(before.auth(), after.auth()));
    }

    private static String adminKey(AuthConfig before, AuthConfig after) {
        if (before.adminKey().equals(after.adminKey())) {
            return null;
        }
        return before.adminKey().isEmpty() ? "set" : after.adminKey().isEmpty() ? "removed" : "changed";
    }

    /**
     * The settings of {@code next} that differ from those the gateway {@code started} with and
     * apply only after a restart: where it listens, its HTTP server instances, its connection limits,
     * where its plugins are, how it joins a cluster and how it keeps Responses API answers.
     */
    public static List<String> needingRestart(GatewayConfig started, GatewayConfig next) {
        List<String> paths = new ArrayList<>();
        if (!started.server().host().equals(next.server().host())) {
            paths.add("server.host");
        }
        if (started.server().port() != next.server().port()) {
            paths.add("server.port");
        }
        if (started.server().instances() != next.server().instances()) {
            paths.add("server.instances");
        }
        if (!started.server().limits().equals(next.server().limits())) {
            paths.add("server.limits");
        }
        if (!started.plugins().dir().equals(next.plugins().dir())) {
            paths.add("plugins.dir");
        }
        if (started.plugins().scanIntervalMillis() != next.plugins().scanIntervalMillis()) {
            paths.add("plugins.scanIntervalMillis");
        }
        if (!started.cluster().equals(next.cluster())) {
            paths.add("cluster");
        }
        if (!started.responses().equals(next.responses())) {
            paths.add("responses");
        }
        return paths;
    }

    /**
     * For example {@code "backends added [b], changed [a]; 2 API keys; admin key changed"}; never a
     * key itself.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        part(parts, "added", added);
        part(parts, "removed", removed);
        part(parts, "changed", changed);
        part(parts, "updated", updated);
        String backends = parts.isEmpty() ? "backends unchanged" : "backends " + String.join(", ", parts);
        return backends + "; " + keys + (keys == 1 ? " API key" : " API keys")
                + (adminKey == null ? "" : "; admin key " + adminKey);
    }

    private static void part(List<String> parts, String label, List<String> ids) {
        if (!ids.isEmpty()) {
            parts.add(label + " " + ids);
        }
    }
}
