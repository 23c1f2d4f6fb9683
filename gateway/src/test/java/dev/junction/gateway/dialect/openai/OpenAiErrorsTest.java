package dev.junction.gateway.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorsTest {

    private final OpenAiFamily dialect = OpenAiFamily.INSTANCE;

    @ParameterizedTest
    @CsvSource({
        "INVALID_REQUEST, 400",
        "AUTHENTICATION, 502",
        "PERMISSION, 403",
        "NOT_FOUND, 404",
        "RATE_LIMITED, 429",
        "OVERLOADED, 503",
        "TIMEOUT, 504",
        "UNAVAILABLE, 503",
        "UPSTREAM, 502",
        "INTERNAL, 500"
    })
    void maps_each_failure_kind_to_its_status(ErrorKind kind, int status) {
        assertThat(dialect.status(kind)).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "400, invalid_request_error, null",
                "401, invalid_request_error, invalid_api_key",
                "403, request_forbidden, null",
                "404, invalid_request_error, null",
                "409, invalid_request_error, null",
                "413, invalid_request_error, null",
                "422, invalid_request_error, null",
                "429, requests, rate_limit_exceeded",
                "500, server_error, null",
                "502, server_error, null",
                "503, server_error, null",
                "504, server_error, null"
            })
    void gives_each_status_the_type_and_code_of_the_real_api(int status, String type, String code) {
        JsonObject error = dialect.errorBody(ApiError.of(status, "nope")).getJsonObject("error");

        assertThat(error.getString("type")).isEqualTo(type);
        assertThat(error.getString("code")).isEqualTo(code);
    }

    @Test
    void an_unknown_model_has_code_model_not_found() {
        JsonObject error = dialect.errorBody(new ApiError(404, "no such model", "model", null)).getJsonObject("error");

        assertThat(error.getString("code")).isEqualTo("model_not_found");
        assertThat(error.getString("param")).isEqualTo("model");
    }

    @Test
    void renders_an_invalid_request_with_its_param() {
        JsonObject body = dialect.errorBody(ApiError.invalidRequest("Missing required parameter: 'model'.", "model"));

        assertThat(body)
                .isEqualTo(new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("message", "Missing required parameter: 'model'.")
                                        .put("type", "invalid_request_error")
                                        .put("param", "model")
                                        .put("code", null)));
    }

    @Test
    void writes_param_and_code_as_explicit_nulls() {
        JsonObject error = dialect.errorBody(ApiError.of(500, "boom")).getJsonObject("error");

        assertThat(error.fieldNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.getValue("param")).isNull();
    }
}
