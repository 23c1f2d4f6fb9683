package dev.junction.gateway.cluster;

import dev.junction.gateway.config.ClusterConfig;
import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.GatewayConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clustered event bus's options from a node's {@code cluster:} settings: the address and port it
 * binds, the address other nodes dial, and TLS between nodes when {@code cluster.tls} is set (each
 * node presents its key and accepts only peers its trust store vouches for); plain otherwise.
 */
public final class EventBusSettings {

    private EventBusSettings() {}

    /**
     * The event bus options of a node configured by {@code config}.
     *
     * @throws ConfigException naming {@code cluster.tls.keyStore} or {@code trustStore} when the file is missing
     */
    public static EventBusOptions of(GatewayConfig config) {
        ClusterConfig cluster = config.cluster();
        // With a wildcard host the bus binds the address Hazelcast picked, which other nodes can dial.
        EventBusOptions options = new EventBusOptions()
                .setHost(HazelcastSettings.isWildcard(cluster.host()) ? null : cluster.host())
                .setPort(cluster.busPort());
        if (!cluster.publicHost().isEmpty()) {
            options.setClusterPublicHost(cluster.publicHost());
        }
        cluster.tls().ifPresent(tls -> {
            List<String> missing = new ArrayList<>();
            present(tls.keyStore(), "cluster.tls.keyStore", missing);
            present(tls.trustStore(), "cluster.tls.trustStore", missing);
            if (!missing.isEmpty()) {
                throw ConfigException.invalid(config.source().file(), missing);
            }
            options.setSsl(true)
                    .setClientAuth(ClientAuth.REQUIRED)
                    .setTrustAll(false)
                    .setKeyCertOptions(store(tls.keyStore(), tls.keyStorePassword()))
                    .setTrustOptions(store(tls.trustStore(), tls.trustStorePassword()));
        });
        return options;
    }

    /**
     * A JKS store, or PKCS#12 when the file name ends in {@code .p12} or {@code .pfx}. The classic
     * option types, not the generic {@code KeyStoreOptions}: the clustered event bus copies its
     * options through JSON, which knows only these.
     */
    static KeyStoreOptionsBase store(Path file, String password) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        KeyStoreOptionsBase store = name.endsWith(".p12") || name.endsWith(".pfx") ? new PfxOptions() : new JksOptions();
        return store.setPath(file.toString()).setPassword(password);
    }

    private static void present(Path file, String path, List<String> missing) {
        if (!Files.isRegularFile(file)) {
            missing.add(path + ": no such file: " + file);
        }
    }
}
