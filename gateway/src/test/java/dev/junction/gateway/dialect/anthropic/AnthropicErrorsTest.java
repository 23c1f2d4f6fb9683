package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorResponse;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {

    private final AnthropicFamily dialect = AnthropicFamily.INSTANCE;

    @ParameterizedTest
    @CsvSource({
        "INVALID_REQUEST, 400",
        "AUTHENTICATION, 502",
        "PERMISSION, 403",
        "NOT_FOUND, 404",
        "RATE_LIMITED, 429",
        "OVERLOADED, 529",
        "TIMEOUT, 504",
        "UNAVAILABLE, 503",
        "UPSTREAM, 502",
        "INTERNAL, 500"
    })
    void maps_each_failure_kind_to_its_status(ErrorKind kind, int status) {
        assertThat(dialect.status(kind)).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({
        "400, invalid_request_error",
        "409, invalid_request_error",
        "415, invalid_request_error",
        "422, invalid_request_error",
        "401, authentication_error",
        "403, permission_error",
        "404, not_found_error",
        "413, request_too_large",
        "429, rate_limit_error",
        "500, api_error",
        "502, api_error",
        "503, api_error",
        "504, timeout_error",
        "529, overloaded_error"
    })
    void names_the_error_type_of_each_status(int status, String type) {
        assertThat(dialect.errorBody(ApiError.of(status, "boom")))
                .isEqualTo(new JsonObject()
                        .put("type", "error")
                        .put("error", new JsonObject().put("type", type).put("message", "boom")));
    }

    @Test
    void the_sdk_reads_an_error_body() {
        JsonObject body = dialect.errorBody(ApiError.invalidRequest("max_tokens: Field required", "max_tokens"));

        ErrorResponse error = Sdk.read(body.encode(), ErrorResponse.class).validate();

        assertThat(error.error().isInvalidRequestError()).isTrue();
        assertThat(error.error().asInvalidRequestError().message()).isEqualTo("max_tokens: Field required");
    }
}
