package dev.junction.gateway.http;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

/** Serves the HTTP surface on the event loop. Never blocks: backend work happens behind the bus. */
public final class HttpServerVerticle extends VerticleBase {

    private final GatewayConfig config;
    private final BackendHost host;
    private volatile int port;

    public HttpServerVerticle(GatewayConfig config, BackendHost host) {
        this.config = config;
        this.host = host;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.server().host())
                        .setPort(config.server().port())
                        .setCompressionSupported(false))
                .requestHandler(ApiRouter.create(vertx, config, host))
                .listen()
                .onSuccess(server -> port = server.actualPort());
    }

    /** The port the server listens on (the chosen one when the configuration said 0). */
    public int port() {
        return port;
    }
}
