package dev.junction.gateway.http;

import dev.junction.gateway.config.KeyLimits;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.policy.ApiKeys;
import dev.junction.gateway.policy.limit.Admission;
import dev.junction.gateway.policy.limit.RateLimiter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a model request to its key's limits, after {@link AuthHandler} and before the body is read.
 * A key without limits passes untouched. Otherwise the {@link RateLimiter} admits the request, which
 * then carries the rate-limit headers ({@link RateLimitHeaders}) and is ended in the limiter, with its
 * token usage, exactly once when its response ends or its client goes away
 * ({@link RequestFacts#onEnd}); or it refuses it with 429, a {@code Retry-After} of at least one
 * second and the same headers, in the route's dialect, naming the limit and the key's name (never the
 * key). If the limiter itself fails, the request passes (and is logged): limits must not take the
 * gateway down.
 */
final class RateLimitHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

    private final RateLimiter limiter;
    private final ApiFamily family;
    private final RateLimitHeaders headers;

    RateLimitHandler(RateLimiter limiter, ApiFamily family, RateLimitHeaders headers) {
        this.limiter = limiter;
        this.family = family;
        this.headers = headers;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiKeys.Key key = ctx.get(AuthHandler.API_KEY);
        if (key == null || !key.limits().any()) {
            ctx.next();
            return;
        }
        // The body handler comes next and resumes the request; until then no body may be lost.
        ctx.request().pause();
        limiter.admit(key.name(), key.limits()).onComplete(admission -> decide(ctx, key, admission));
    }

    private void decide(RoutingContext ctx, ApiKeys.Key key, AsyncResult<Admission> result) {
        if (result.failed()) {
            LOG.warn("Request {}: rate limiter failed, admitting the request: {}",
                    RequestFacts.of(ctx).requestId, result.cause().toString());
            ctx.next();
            return;
        }
        Admission admission = result.result();
        headers.put(ctx.response().headers(), admission);
        if (!admission.admitted()) {
            ctx.request().resume();
            ErrorResponses.send(
                    ctx, family, new ApiError(429, message(key, admission), null, admission.retryAfterSeconds()));
            return;
        }
        RequestFacts facts = RequestFacts.of(ctx);
        facts.onEnd(() -> limiter.end(key.name(), tokens(facts))
                .onFailure(failure -> LOG.warn("Request {}: rate limiter failed to count its end: {}",
                        facts.requestId, failure.toString())));
        ctx.next();
    }

    private static long tokens(RequestFacts facts) {
        long input = facts.inputTokens == null ? 0 : facts.inputTokens;
        long output = facts.outputTokens == null ? 0 : facts.outputTokens;
        return input + output;
    }

    private static String message(ApiKeys.Key key, Admission admission) {
        int seconds = admission.retryAfterSeconds();
        Admission.Limit refused = admission.refused();
        return "Rate limit reached for API key '" + key.name() + "': " + refused.describe(limit(key.limits(), refused))
                + ". Try again in " + seconds + (seconds == 1 ? " second." : " seconds.");
    }

    private static long limit(KeyLimits limits, Admission.Limit limit) {
        return switch (limit) {
            case REQUESTS_PER_MINUTE -> limits.requestsPerMinute();
            case TOKENS_PER_MINUTE -> limits.tokensPerMinute();
            case CONCURRENT_REQUESTS -> limits.concurrentRequests();
        };
    }
}
