package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.testkit.ScriptedBackend.Flaw;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract passes a backend that keeps it, and fails one that breaks any of its rules. */
class BackendContractSelfTest {

    /** The contract played by a {@link ScriptedBackend} with {@code flaw}. */
    static final class ScriptedContract extends BackendContractTest {
        private final Flaw flaw;
        private final boolean blocking;

        ScriptedContract(Flaw flaw, boolean blocking) {
            this.flaw = flaw;
            this.blocking = blocking;
        }

        @Override
        protected BackendFactory factory() {
            return ScriptedBackend.factory(flaw, blocking);
        }

        @Override
        protected Scenario prepare(Kind kind) {
            String model = switch (kind) {
                case TEXT -> "text";
                case FAILURE -> "fail";
                case SLOW -> "slow";
            };
            Scenario scenario = Scenario.of(new JsonObject(), ChatRequest.builder(model).build());
            return kind == Kind.FAILURE ? scenario.failingWith(ErrorKind.RATE_LIMITED) : scenario;
        }

        @Override
        protected Stream<BadOption> badOptions() {
            return Stream.of(new BadOption(new JsonObject().put("bad", true), "bad"));
        }
    }

    @ParameterizedTest(name = "blocking: {0}")
    @ValueSource(booleans = {false, true})
    void a_backend_that_keeps_the_contract_passes_it(boolean blocking) {
        for (Consumer<ScriptedContract> test : Stream.<Consumer<ScriptedContract>>of(
                        BackendContractTest::a_text_answer_starts_with_message_start_and_keeps_the_grammar,
                        BackendContractTest::a_text_answer_ends_exactly_once,
                        BackendContractTest::a_failure_carries_the_kind_of_what_went_wrong,
                        BackendContractTest::a_failed_answer_ends_exactly_once,
                        BackendContractTest::a_cancel_is_honoured_within_a_second,
                        BackendContractTest::nothing_follows_a_cancel,
                        BackendContractSelfTest::badOptionTests)
                .toList()) {
            assertThatCode(() -> run(new ScriptedContract(Flaw.NONE, blocking), test)).doesNotThrowAnyException();
        }
    }

    @Test
    void a_missing_message_start_fails() {
        assertFails(Flaw.NO_MESSAGE_START,
                BackendContractTest::a_text_answer_starts_with_message_start_and_keeps_the_grammar, "the first event");
    }

    @Test
    void an_event_after_the_finish_fails() {
        assertFails(Flaw.EVENT_AFTER_FINISH, BackendContractTest::a_text_answer_ends_exactly_once, "after the terminal");
    }

    @Test
    void a_failure_of_another_kind_fails() {
        assertFails(Flaw.WRONG_FAILURE_KIND,
                BackendContractTest::a_failure_carries_the_kind_of_what_went_wrong, "the failure's kind");
    }

    @Test
    void a_backend_that_goes_on_after_a_cancel_fails() {
        assertFails(Flaw.IGNORES_CANCEL, BackendContractTest::nothing_follows_a_cancel, "events after the cancel");
        assertFails(Flaw.IGNORES_CANCEL, BackendContractTest::a_cancel_is_honoured_within_a_second, "a second after");
    }

    @Test
    void a_blocking_backend_whose_call_does_not_return_soon_after_a_cancel_fails() {
        assertThatThrownBy(() -> run(new ScriptedContract(Flaw.RETURNS_LATE_AFTER_CANCEL, true),
                        BackendContractTest::a_cancel_is_honoured_within_a_second))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the backend's chat call to return");
    }

    @Test
    void a_factory_that_takes_a_bad_option_fails() {
        assertFails(Flaw.ACCEPTS_ANY_OPTION, BackendContractSelfTest::badOptionTests, "options.bad");
    }

    private static void badOptionTests(ScriptedContract contract) {
        contract.bad_options_are_rejected_naming_the_option().forEach(test -> {
            try {
                test.getExecutable().execute();
            } catch (Throwable e) {
                throw e instanceof AssertionError assertion ? assertion : new AssertionError(e);
            }
        });
    }

    private static void assertFails(Flaw flaw, Consumer<ScriptedContract> test, String why) {
        assertThatThrownBy(() -> run(new ScriptedContract(flaw, false), test))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(why);
    }

    private static void run(ScriptedContract contract, Consumer<ScriptedContract> test) throws Exception {
        contract.startVertx();
        try {
            test.accept(contract);
        } finally {
            contract.stopBackendAndVertx();
        }
    }
}
