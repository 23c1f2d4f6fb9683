package dev.junction.plugins.codex;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code codex app-server}: the subcommand, then {@code -c key=value} overrides,
 * each as two arguments. Values come from the configuration only; the prompt travels on stdin.
 *
 * <p>The fixed overrides keep Codex offline apart from its model provider (no update check,
 * analytics, feedback, plugins or apps) and make an unreachable provider fail after a few
 * reconnects instead of being retried forever. The {@code config} option comes after them, so it
 * can change them; the retry bounds of {@code maxRetries} come last.
 */
final class AppServerArguments {

    static final List<String> FIXED = List.of(
            "check_for_update_on_startup=false",
            "analytics.enabled=false",
            "feedback.enabled=false",
            "features.plugins=false",
            "features.remote_plugin=false",
            "features.apps=false",
            "features.unbounded_connection_retries=false");

    private AppServerArguments() {}

    static List<String> of(CodexSettings settings) {
        List<String> overrides = new ArrayList<>(FIXED);
        settings.config().forEach((key, value) -> overrides.add(key + "=" + value));
        settings.customProvider().ifPresent(provider -> {
            overrides.add("model_providers." + provider + ".request_max_retries=" + settings.maxRetries());
            overrides.add("model_providers." + provider + ".stream_max_retries=" + settings.maxRetries());
        });
        List<String> arguments = new ArrayList<>(List.of("app-server"));
        overrides.forEach(override -> arguments.addAll(List.of("-c", override)));
        return List.copyOf(arguments);
    }
}
