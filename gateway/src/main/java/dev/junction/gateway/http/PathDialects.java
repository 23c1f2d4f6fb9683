package dev.junction.gateway.http;

import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.anthropic.AnthropicDialect;
import dev.junction.gateway.dialect.openai.OpenAiDialect;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The dialect a request is answered in before its endpoint is known (refusals, limits): Anthropic
 * for the Anthropic path family ({@code /anthropic/...}, {@code /v1/messages...}, and
 * {@code /v1/models} sent with {@code anthropic-version}), OpenAI for everything else.
 */
final class PathDialects {

    private static final Dialect OPENAI = new OpenAiDialect();
    private static final Dialect ANTHROPIC = new AnthropicDialect();

    private PathDialects() {}

    static Dialect of(RoutingContext ctx) {
        String path = ctx.normalizedPath().toLowerCase(Locale.ROOT);
        boolean anthropic = path.startsWith("/anthropic/")
                || path.startsWith("/v1/messages")
                || (path.startsWith("/v1/models") && ctx.request().headers().contains("anthropic-version"));
        return anthropic ? ANTHROPIC : OPENAI;
    }
}
