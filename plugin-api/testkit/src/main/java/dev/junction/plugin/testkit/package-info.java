/**
 * What a backend plugin's tests need, for {@code test} scope: the contract every backend keeps, a
 * client to record answers with, a fake HTTP upstream and golden files.
 *
 * <p>A plugin holds itself to the contract by extending {@link
 * dev.junction.plugin.testkit.BackendContractTest} (or, for a backend that calls an HTTP API,
 * {@link dev.junction.plugin.testkit.HttpBackendContractTest}):
 *
 * <pre>{@code
 * class EchoContractTest extends BackendContractTest {
 *     protected BackendFactory factory() {
 *         return new EchoBackendFactory();
 *     }
 *
 *     protected Scenario prepare(Kind kind) {
 *         ChatRequest hello = ChatRequest.builder("echo").messages(Message.text(Message.Role.USER, "Hi there")).build();
 *         return switch (kind) {
 *             case TEXT -> Scenario.of(new JsonObject(), hello);
 *             case FAILURE -> null; // echo cannot fail: those tests are skipped
 *             case SLOW -> Scenario.of(new JsonObject(), hello).withPausedClient();
 *         };
 *     }
 * }
 * }</pre>
 *
 * Its own tests drive the backend with a {@link dev.junction.plugin.testkit.RecordingSink}, let a
 * {@link dev.junction.plugin.testkit.FakeUpstream} answer (a {@link
 * dev.junction.plugin.testkit.SseReplay} of a recorded stream, a JSON error) and say what it
 * received, check answers with {@link dev.junction.plugin.testkit.StreamGrammar}, and compare with
 * {@link dev.junction.plugin.testkit.Golden} files.
 *
 * @since 1.0.0
 */
package dev.junction.plugin.testkit;
