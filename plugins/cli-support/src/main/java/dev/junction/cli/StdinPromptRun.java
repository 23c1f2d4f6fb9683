package dev.junction.cli;

import java.util.List;
import java.util.Map;

/**
 * A {@link CliRun} whose whole input is one prompt on stdin, closed once written: the shape of CLIs
 * run in print mode. Subclasses read the output.
 */
public abstract class StdinPromptRun implements CliRun {

    private final List<String> arguments;
    private final Map<String, String> environment;
    private final String prompt;

    protected StdinPromptRun(List<String> arguments, Map<String, String> environment, String prompt) {
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.prompt = prompt;
    }

    @Override
    public final List<String> arguments() {
        return arguments;
    }

    @Override
    public final Map<String, String> environment() {
        return environment;
    }

    @Override
    public final void start(CliInput stdin) {
        stdin.write(prompt);
        stdin.close();
    }
}
