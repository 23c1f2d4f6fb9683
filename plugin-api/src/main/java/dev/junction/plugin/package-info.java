/**
 * The Junction plugin API: the canonical chat model and the backend extension point.
 *
 * <p>A plugin is a PF4J plugin JAR that contains one {@link dev.junction.plugin.BackendFactory}
 * extension. For every backend in the gateway's configuration that names the plugin, the gateway
 * calls {@link dev.junction.plugin.BackendFactory#create} with the backend's {@code options} and
 * hosts the resulting {@link dev.junction.plugin.Backend} in a verticle of its own. Each request
 * arrives as a {@link dev.junction.plugin.ChatRequest}; the backend answers by emitting
 * {@link dev.junction.plugin.ChatEvent}s into a {@link dev.junction.plugin.ChatSink}, ending with
 * exactly one {@link dev.junction.plugin.ChatEvent.Finish} or
 * {@link dev.junction.plugin.ChatEvent.Failed}.
 *
 * <p>The gateway's front ends translate the APIs clients speak (OpenAI Chat Completions and
 * Responses, Anthropic Messages) to and from this model; {@link dev.junction.plugin.ChatRequest#dialect()}
 * names the one a request came in, for a backend that forwards to an upstream of the same API.
 * Plugins depend on this module, vertx-core and pf4j with {@code provided} scope and bundle any
 * other library they use.
 *
 * <p>This is plugin API 1.0: the author's guide, with a complete example and the version policy
 * (semantic versioning; what a minor release may add), is the module's {@code README.md}.
 */
package dev.junction.plugin;
