package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.gateway.dialect.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict request JSON: what is refused, with a message of ours naming where, and what still passes. */
class RequestJsonTest {

    private static Object parse(String json) {
        return RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        duplicate key           | {"model":"a","model":"b"}                       | key 'model' twice          | model
        nested duplicate        | {"m":[{"role":"user","role":"x"}]}              | key 'role' twice           | m[0].role
        line comment            | {"model":"a" // hi\\n}                           | comments are not allowed   | model
        block comment           | {/* hi */"model":"a"}                           | comments are not allowed   |
        hash comment            | {"model":"a"} # hi                              | not valid JSON             |
        overflowing number      | {"temperature":1e400}                           | (1e400) is too large       | temperature
        negative overflow       | {"a":{"b":[-2e999]}}                            | is too large               | a.b[0]
        NaN                     | {"temperature":NaN}                             | 'NaN'                      | temperature
        Infinity                | {"temperature":Infinity}                        | not valid JSON             | temperature
        trailing value          | {"a":1} {"b":2}                                 | more than one JSON value   |
        truncated               | {"a":                                           | not valid JSON             | a
        single quotes           | {'a':1}                                         | not valid JSON             |
        """)
    void refuses_lenient_json_naming_where(String what, String json, String message, String param) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parse(json.replace("\\n", "\n")));
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).contains(message);
        assertThat(e.param()).isEqualTo(param);
        HostileInputTest.assertCleanMessage(e.getMessage());
    }

    @Test
    void refuses_nesting_deeper_than_the_limit_with_its_own_message() {
        String deep = "{\"a\":" + "[".repeat(RequestJson.MAX_DEPTH) + "]".repeat(RequestJson.MAX_DEPTH) + "}";
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parse(deep));
        assertThat(e.getMessage()).isEqualTo("The request body nests deeper than 100 levels.");
        assertThat(e.param()).startsWith("a[0][0]");
        String justDeepEnough = "[".repeat(RequestJson.MAX_DEPTH) + "]".repeat(RequestJson.MAX_DEPTH);
        assertThat(parse(justDeepEnough)).isInstanceOf(List.class);
        // Far past any parser's own limit: still our message.
        assertThatThrownBy(() -> parse("[".repeat(100_000)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The request body nests deeper than 100 levels.");
    }

    @Test
    void refuses_long_numbers_and_keys_with_its_own_message() {
        InvalidRequestException number =
                catchThrowableOfType(InvalidRequestException.class, () -> parse("{\"max_tokens\":" + "9".repeat(5000) + "}"));
        assertThat(number.getMessage()).isEqualTo("The number at 'max_tokens' is longer than 100 characters.");
        HostileInputTest.assertCleanMessage(number.getMessage());
        InvalidRequestException key =
                catchThrowableOfType(InvalidRequestException.class, () -> parse("{\"" + "k".repeat(20_000) + "\":1}"));
        assertThat(key.getMessage()).isEqualTo("A key in the request body is longer than 10000 characters.");
        assertThat(parse("{\"n\":" + "1".repeat(100) + "}")).isInstanceOf(Map.class);
    }

    @Test
    void accepts_a_string_of_any_length() {
        String big = "A".repeat(21_000_000);
        Map<?, ?> parsed = (Map<?, ?>) parse("{\"data\":\"" + big + "\"}");
        assertThat((String) parsed.get("data")).hasSize(21_000_000);
    }

    @Test
    void keeps_the_values_the_decoders_read() {
        Map<?, ?> parsed = (Map<?, ?>) parse(
                "{\"s\":\"h\\u00e9\",\"i\":7,\"l\":12345678901,\"d\":0.5,\"t\":true,\"n\":null,\"a\":[1,{\"b\":2}]}");
        assertThat(parsed.get("s")).isEqualTo("hé");
        assertThat(parsed.get("i")).isEqualTo(7);
        assertThat(parsed.get("l")).isEqualTo(12345678901L);
        assertThat(parsed.get("d")).isEqualTo(0.5);
        assertThat(parsed.get("t")).isEqualTo(true);
        assertThat(parsed.containsKey("n")).isTrue();
        assertThat(parsed.get("a")).isEqualTo(List.of(1, Map.of("b", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "overlong slash,        C0AF",
        "overlong 3-byte slash, E080AF",
        "overlong 4-byte,       F08080AF",
        "surrogate,             EDA080",
        "beyond U+10FFFF,       F4908080",
        "lone continuation,     80",
        "truncated sequence,    E282",
    })
    void refuses_invalid_utf8(String what, String hex) {
        byte[] bytes = bytes("{\"model\":\"echo", hex, "echo\"}");
        assertThatThrownBy(() -> RequestJson.parse(bytes))
                .as(what)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("The request body is not valid UTF-8");
        assertThat(Utf8.firstInvalid(bytes)).isEqualTo(14);
    }

    @Test
    void accepts_valid_utf8_of_every_length() {
        assertThat(Utf8.firstInvalid("a é € 𝄞 \uD7FF \uE000 \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    private static byte[] bytes(String before, String hex, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + hex.length() / 2 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < hex.length() / 2; i++) {
            all[head.length + i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        System.arraycopy(tail, 0, all, head.length + hex.length() / 2, tail.length);
        return all;
    }
}
