package dev.junction.gateway.metrics;

import io.vertx.core.http.HttpMethod;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of Vert.x's own meters (vertx-micrometer-metrics) the gateway keeps, and their labels: the
 * HTTP server's by method and status code, never by path; pools by type and name; JVM meters. An
 * unusual method counts as {@code OTHER}, so that a client cannot make series up. The event bus has
 * none: its meters cost a fifth of the gateway's CPU per request (every answer event is a bus
 * message), and the gateway's own meters count requests per backend.
 */
final class VertxMeters {

    /** Any method Vert.x does not name: a client may send any token as a method. */
    private static final String UNUSUAL_METHOD = "(?!(?:"
            + HttpMethod.values().stream().map(method -> Pattern.quote(method.name())).collect(Collectors.joining("|"))
            + ")$).*";

    private VertxMeters() {}

    /** The options of a new gateway's meters. */
    static MicrometerMetricsOptions options() {
        return new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                // Applied once per new series (Micrometer maps an id when it registers it), not per request.
                .addLabelMatch(new Match()
                        .setDomain(MetricsDomain.HTTP_SERVER)
                        .setLabel(Label.HTTP_METHOD.toString())
                        .setType(MatchType.REGEX)
                        .setValue(UNUSUAL_METHOD)
                        .setAlias("OTHER"))
                // vertx-micrometer-metrics keeps registries in a static table by this name: one per gateway.
                .setRegistryName("junction-" + UUID.randomUUID());
    }
}
