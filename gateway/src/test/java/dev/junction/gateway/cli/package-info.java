/**
 * The real coding-agent CLIs end to end, offline.
 *
 * <p>{@link dev.junction.gateway.cli.RealClis} installs Claude Code, Codex and Gemini CLI with npm
 * at pinned versions into {@code gateway/target/real-clis} (once; about 740 MB, 10–20 s on a cold
 * npm cache; skipped when present). Each CLI talks to a fake upstream on 127.0.0.1
 * ({@link dev.junction.gateway.cli.FakeAnthropic}, {@link dev.junction.gateway.cli.FakeOpenAiResponses},
 * {@link dev.junction.gateway.cli.FakeGemini}) set up as {@link dev.junction.gateway.cli.Offline}
 * describes, so no test leaves loopback. The suite runs in {@code mvn verify} and needs Node.js 20+
 * with npm on the {@code PATH}, and the npm registry for the first install.
 *
 * <ul>
 *   <li>{@code RealCliOfflineTest}: each CLI directly against its fake (documents the setup, catches
 *       version drift);
 *   <li>{@code *ThroughGatewayTest}: the official OpenAI and Anthropic SDKs through the gateway and
 *       the claude-code, codex and gemini-cli plugins to the CLIs and their fakes;
 *   <li>{@code AbortedCliStreamsTest}: 50 streams aborted by their clients leave no CLI process.
 * </ul>
 */
package dev.junction.gateway.cli;
