package dev.junction.plugins.gemini;

import dev.junction.http.UpstreamClient;
import dev.junction.http.VertxUpstreamClient;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Creates {@link GeminiBackend}s from their options ({@link GeminiOptions}); the API key, when set,
 * goes in the {@code x-goog-api-key} header of every request.
 */
@Extension
public class GeminiBackendFactory implements BackendFactory {

    /** The header the Gemini API reads its key from. */
    static final String API_KEY_HEADER = "x-goog-api-key";

    @Override
    public Backend create(BackendContext context) {
        GeminiOptions options = GeminiOptions.parse(context.options());
        String apiKey = options.http().apiKey();
        UpstreamClient client = VertxUpstreamClient.create(
                context.vertx(), context.id(), options.http(), apiKey == null ? Map.of() : Map.of(API_KEY_HEADER, apiKey));
        return new GeminiBackend(context.id(), options, client);
    }
}
