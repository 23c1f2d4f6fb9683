package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.dialect.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The endpoint table: each path's name for the metrics and the family that answers on it, known or
 * not, with and without the Anthropic SDKs' {@code anthropic-version} header; and the check that
 * every route of the router is declared in it.
 */
class ApiEndpointsTest {

    private static Vertx vertx;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close().await();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}, {3} (with anthropic-version: {4})")
    @CsvSource({
        "POST, /v1/chat/completions,                chat_completions, openai,    openai",
        "POST, /openai/v1/chat/completions,         chat_completions, openai,    openai",
        "POST, /v1/messages,                        messages,         anthropic, anthropic",
        "POST, /anthropic/v1/messages,              messages,         anthropic, anthropic",
        "POST, /v1/messages/count_tokens,           count_tokens,     anthropic, anthropic",
        "POST, /anthropic/v1/messages/count_tokens, count_tokens,     anthropic, anthropic",
        "POST, /openai/v1/embeddings,               embeddings,       openai,    openai",
        "GET,  /v1/models,                          models,           openai,    anthropic",
        "GET,  /anthropic/v1/models/claude-x,       models,           anthropic, anthropic",
        "GET,  /v1/models/some/long/id,             models,           openai,    anthropic",
        "GET,  /v1/messages,                        other,            anthropic, anthropic",
        "GET,  /V1/MESSAGES,                        other,            anthropic, anthropic",
        "POST, /v1/messages/batches,                other,            anthropic, anthropic",
        "GET,  /ANTHROPIC/v1/anything,              other,            anthropic, anthropic",
        "GET,  /anthropic,                          other,            anthropic, anthropic",
        "POST, /openai/v1/nothing,                  other,            openai,    openai",
        "POST, /v1/responses,                       responses,        openai,    openai",
        "POST, /openai/v1/responses,                responses,        openai,    openai",
        "GET,  /v1/responses,                       other,            openai,    openai",
        "GET,  /v1/responses/resp_1,                response,         openai,    openai",
        "DELETE, /openai/v1/responses/resp_1,       response,         openai,    openai",
        "GET,  /v1/responses/resp_1/input_items,    response_input_items, openai, openai",
        "GET,  /v1/responses/resp_1/cancel,         other,            openai,    anthropic",
        "GET,  /v1/responses//input_items,          other,            openai,    anthropic",
        "POST, /v1/chat/completions/extra,          other,            openai,    anthropic",
        "POST, /v2/chat/completions,                other,            openai,    anthropic",
        "GET,  /random-8c1f/chat/completions,       other,            openai,    anthropic",
        "GET,  /,                                   root,             openai,    anthropic",
        "HEAD, /,                                   root,             openai,    anthropic",
        "POST, /,                                   other,            openai,    anthropic",
    })
    void names_the_endpoint_and_its_family_from_the_path(
            String method, String path, String name, String family, String familyWithHeader) {
        assertThat(ApiEndpoints.name(HttpMethod.valueOf(method), path)).isEqualTo(name);
        assertThat(ApiEndpoints.family(path, MultiMap.caseInsensitiveMultiMap()).name()).isEqualTo(family);
        MultiMap anthropic = MultiMap.caseInsensitiveMultiMap().add("anthropic-version", "2023-06-01");
        assertThat(ApiEndpoints.family(path, anthropic).name()).isEqualTo(familyWithHeader);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/messages,              POST",
        "/v1/models,                GET",
        "/openai/v1/models/a/b,     GET",
        "/v1/responses/resp_1,      'GET,DELETE'",
        "/v1/responses/r/input_items, GET",
        "/v1/nothing,               ''",
    })
    void knows_the_methods_of_each_path(String path, String methods) {
        assertThat(String.join(",", ApiEndpoints.at(path).stream().map(e -> e.method().name()).distinct().toList()))
                .isEqualTo(methods);
    }

    @Test
    void every_method_and_path_is_one_route_and_a_chat_route_has_one_dialect() {
        Set<String> seen = new HashSet<>();
        for (ApiEndpoints.Declared declared : ApiEndpoints.routes()) {
            assertThat(seen.add(declared.routeName())).as(declared.routeName()).isTrue();
            long chats = declared.endpoints().stream().filter(endpoint -> endpoint.chat() != null).count();
            assertThat(chats).as("chat dialects at " + declared.routeName()).isLessThanOrEqualTo(1);
            assertThat(declared.endpoints().stream().map(Endpoint::family).distinct().count())
                    .as("one endpoint per family at " + declared.routeName())
                    .isEqualTo(declared.endpoints().size());
        }
    }

    @Test
    void a_router_of_declared_routes_and_operator_paths_passes_the_coverage_check() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> ctx.next());
        router.get(RouteCoverage.HEALTH).handler(ctx -> ctx.end());
        ApiEndpoints.routes().forEach(declared -> (declared.first().takesId()
                        ? router.routeWithRegex(declared.method(), declared.first().pathRegex())
                        : router.route(declared.method(), declared.path()))
                .setName(declared.routeName())
                .handler(ctx -> ctx.end()));

        assertThat(RouteCoverage.check(router)).isSameAs(router);
    }

    @Test
    void a_route_that_no_endpoint_declares_fails_the_check() {
        Router router = Router.router(vertx);
        router.post("/v1/responses/compact").handler(ctx -> ctx.end());

        assertThatThrownBy(() -> RouteCoverage.check(router))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/v1/responses/compact");
    }

    @Test
    void a_declared_path_routed_with_another_method_fails_the_check() {
        Router router = Router.router(vertx);
        router.route(HttpMethod.DELETE, "/v1/chat/completions").setName("POST /v1/chat/completions").handler(ctx -> ctx.end());

        assertThatThrownBy(() -> RouteCoverage.check(router)).isInstanceOf(IllegalStateException.class);
    }
}
