package dev.junction.gateway.cli;

import java.nio.file.Path;

/** Gemini CLI (plugin gemini-cli) end to end against a fake Gemini API. */
class GeminiCliThroughGatewayTest extends RealCliThroughGatewayTest {

    @Override
    String model() {
        return "gemini";
    }

    @Override
    FakeUpstream startUpstream() {
        return FakeGemini.start();
    }

    @Override
    String backend(RealClis clis, FakeUpstream upstream, Path dir) {
        return RealCliBackends.gemini(clis, (FakeGemini) upstream, dir, 2);
    }
}
