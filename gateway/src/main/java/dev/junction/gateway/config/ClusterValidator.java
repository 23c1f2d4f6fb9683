package dev.junction.gateway.config;

import static dev.junction.gateway.config.ConfigPaths.child;
import static dev.junction.gateway.config.ConfigPaths.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code cluster:} section for {@link ConfigValidator}, each problem as
 * {@code "path: message"}: the keys' types and ranges, the {@code host:port} form of the members,
 * that at most one discovery (members, multicast, Kubernetes) is chosen, and that TLS names both
 * stores with their passwords. Pure: whether the stores exist is checked when the node starts.
 */
final class ClusterValidator {

    private static final Set<String> CLUSTER_KEYS = Set.of(
            "enabled", "name", "host", "port", "publicHost", "busPort", "members", "multicast", "kubernetes", "tls");
    private static final Set<String> KUBERNETES_KEYS = Set.of("serviceName", "namespace");
    private static final List<String> TLS_KEYS = List.of("keyStore", "keyStorePassword", "trustStore", "trustStorePassword");
    /** {@code host:port} or {@code [ipv6]:port}. */
    private static final Pattern MEMBER = Pattern.compile("(\\[[^\\]]+]|[^:\\[\\]]+):([0-9]{1,5})");

    private final List<String> errors = new ArrayList<>();

    private ClusterValidator() {}

    /** The problems of {@code cluster}, the section's value (null when absent). */
    static List<String> validate(Object cluster) {
        ClusterValidator validator = new ClusterValidator();
        if (cluster instanceof JsonObject section) {
            validator.section(section);
        } else if (cluster != null) {
            validator.error("cluster", "must be an object");
        }
        return validator.errors;
    }

    /**
     * The boolean a value means: a YAML boolean, or {@code "true"}/{@code "false"} (what a
     * {@code ${VAR}} expands to); null for anything else.
     */
    static Boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text.trim());
        }
        return null;
    }

    private void section(JsonObject cluster) {
        ConfigChecks.unknownKeys(cluster, "cluster", CLUSTER_KEYS, errors);
        flag(cluster, "enabled");
        flag(cluster, "multicast");
        Object name = cluster.getValue("name");
        if (name != null && !ConfigValidator.isNonEmptyString(name)) {
            error("cluster.name", "must be a non-empty string");
        }
        Object host = cluster.getValue("host");
        if (host != null && !(host instanceof String text && isHost(text))) {
            error("cluster.host", "must be a host name or IP address without a port, e.g. 10.0.0.5 or 0.0.0.0");
        }
        Object publicHost = cluster.getValue("publicHost");
        if (publicHost != null && !(publicHost instanceof String text && (text.isEmpty() || isHost(text)))) {
            error("cluster.publicHost", "must be a host name or IP address without a port, or empty");
        }
        port(cluster, "port", 1);
        port(cluster, "busPort", 0);
        members(cluster.getValue("members"));
        kubernetes(cluster.getValue("kubernetes"));
        tls(cluster.getValue("tls"));
        discoveries(cluster);
    }

    private void flag(JsonObject cluster, String key) {
        Object value = cluster.getValue(key);
        if (value != null && bool(value) == null) {
            error(child("cluster", key), "must be true or false");
        }
    }

    private void port(JsonObject cluster, String key, int min) {
        Object value = cluster.getValue(key);
        Long number = ConfigValidator.integer(value);
        if (value != null && (number == null || number < min || number > 65535)) {
            error(child("cluster", key), "must be an integer from " + min + " to 65535");
        }
    }

    private void members(Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonArray list)) {
            error("cluster.members", "must be a list of host:port");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof String member && isMember(member))) {
                error(index("cluster.members", i), "must be host:port, e.g. 10.0.0.1:5701 or [fd00::1]:5701");
            }
        }
    }

    private static boolean isMember(String text) {
        Matcher member = MEMBER.matcher(text.trim());
        if (!member.matches() || !isHost(member.group(1))) {
            return false;
        }
        int port = Integer.parseInt(member.group(2));
        return port >= 1 && port <= 65535;
    }

    /**
     * A host name or IP address as {@link WebNames#host} reads it, but not an IPv4 address with a
     * port, which its IPv6 pattern lets through (in IPv6 an embedded IPv4 address comes last).
     */
    private static boolean isHost(String text) {
        String host = WebNames.host(text);
        return host != null && !(host.contains(":") && host.indexOf('.') >= 0 && host.indexOf('.') < host.lastIndexOf(':'));
    }

    private void kubernetes(Object value) {
        JsonObject kubernetes = ConfigChecks.objectOf(value, "cluster.kubernetes", KUBERNETES_KEYS, errors);
        if (kubernetes == null) {
            return;
        }
        if (!ConfigValidator.isNonEmptyString(kubernetes.getValue("serviceName"))) {
            error("cluster.kubernetes.serviceName", "required: the service whose pods are the members");
        }
        Object namespace = kubernetes.getValue("namespace");
        if (namespace != null && !ConfigValidator.isNonEmptyString(namespace)) {
            error("cluster.kubernetes.namespace", "must be a non-empty string; leave it out for the pod's own namespace");
        }
    }

    private void tls(Object value) {
        JsonObject tls = ConfigChecks.objectOf(value, "cluster.tls", Set.copyOf(TLS_KEYS), errors);
        if (tls == null) {
            return;
        }
        for (String key : TLS_KEYS) {
            if (!ConfigValidator.isNonEmptyString(tls.getValue(key))) {
                error(child("cluster.tls", key), "required, a non-empty string");
            }
        }
    }

    /** Members, multicast and Kubernetes are three ways of finding the others: one at most. */
    private void discoveries(JsonObject cluster) {
        List<String> chosen = new ArrayList<>();
        if (cluster.getValue("members") instanceof JsonArray members && !members.isEmpty()) {
            chosen.add("members");
        }
        if (Boolean.TRUE.equals(bool(cluster.getValue("multicast")))) {
            chosen.add("multicast");
        }
        if (cluster.getValue("kubernetes") instanceof JsonObject) {
            chosen.add("kubernetes");
        }
        if (chosen.size() > 1) {
            error("cluster", "choose one way to find the other nodes, not " + String.join(" and ", chosen));
        }
    }

    private void error(String path, String message) {
        errors.add(path + ": " + message);
    }
}
