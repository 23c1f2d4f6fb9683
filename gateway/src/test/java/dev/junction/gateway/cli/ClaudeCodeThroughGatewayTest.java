package dev.junction.gateway.cli;

import java.nio.file.Path;

/** Claude Code (plugin claude-code) end to end against a fake Anthropic Messages API. */
class ClaudeCodeThroughGatewayTest extends RealCliThroughGatewayTest {

    @Override
    String model() {
        return "claude";
    }

    @Override
    FakeUpstream startUpstream() {
        return FakeAnthropic.start();
    }

    @Override
    String backend(RealClis clis, FakeUpstream upstream, Path dir) {
        return RealCliBackends.claude(clis, (FakeAnthropic) upstream, dir, 2);
    }
}
