package dev.junction.plugins.anthropic;

import dev.junction.http.VertxUpstreamClient;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/**
 * Creates anthropic backends: the Messages API at {@code options.baseUrl}, with the key sent as
 * {@code x-api-key} and {@code options.version} as {@code anthropic-version}. A bad option fails
 * here, naming it (see {@link AnthropicOptions}).
 */
@Extension
public class AnthropicBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        AnthropicOptions options = AnthropicOptions.parse(context.options());
        return new AnthropicBackend(
                context.id(),
                options,
                VertxUpstreamClient.create(context.vertx(), context.id(), options.http(), options.fixedHeaders()));
    }
}
