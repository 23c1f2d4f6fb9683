package dev.junction.plugins.openai;

import dev.junction.http.VertxUpstreamClient;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import org.pf4j.Extension;

/**
 * Creates {@link OpenAiBackend}s: reads the options (a wrong one fails with its name,
 * {@code options.<key>}) and opens one HTTP client per backend, which sends
 * {@code Authorization: Bearer <apiKey>} when a key is set. The plugin's README lists the options.
 */
@Extension
public class OpenAiBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        OpenAiSettings settings = OpenAiSettings.parse(context.options());
        return new OpenAiBackend(
                context.id(),
                settings,
                VertxUpstreamClient.create(context.vertx(), context.id(), settings.http(), settings.fixedHeaders()));
    }
}
