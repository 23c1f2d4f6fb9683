package dev.junction.gateway.cli;

import java.nio.file.Path;

/** Codex (plugin codex) end to end against a fake OpenAI Responses API. */
class CodexThroughGatewayTest extends RealCliThroughGatewayTest {

    private Path codexHome;

    @Override
    String model() {
        return "codex";
    }

    @Override
    FakeUpstream startUpstream() {
        return FakeOpenAiResponses.start();
    }

    @Override
    String backend(RealClis clis, FakeUpstream upstream, Path dir) {
        codexHome = Offline.codexHome();
        return RealCliBackends.codex(clis, (FakeOpenAiResponses) upstream, dir, codexHome, 2);
    }

    @Override
    void cleanUp() {
        Offline.deleteTree(codexHome);
    }
}
