package dev.junction.gateway.dialect;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ContentPart;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Gathers the events of one answer into a {@link ChatResult}. Not thread-safe: fed from the one
 * context that receives the stream.
 */
public final class ChatResultCollector {

    private final String fallbackModel;
    private final TreeMap<Integer, BlockBuilder> blocks = new TreeMap<>();
    private String id;
    private String model;
    private ChatEvent.Usage usage = ChatEvent.Usage.of(0, 0);

    /** @param fallbackModel the model name to report when the backend gives none */
    public ChatResultCollector(String fallbackModel) {
        this.fallbackModel = fallbackModel;
    }

    /** Takes one non-terminal event. */
    public void accept(ChatEvent event) {
        if (event instanceof ChatEvent.MessageStart start) {
            id = start.id();
            model = start.model();
        } else if (event instanceof ChatEvent.BlockStart start) {
            blocks.put(start.index(), new BlockBuilder(start));
        } else if (event instanceof ChatEvent.TextDelta delta) {
            block(delta.index()).text.append(delta.text());
        } else if (event instanceof ChatEvent.ToolArgumentsDelta delta) {
            block(delta.index()).text.append(delta.json());
        } else if (event instanceof ChatEvent.ThinkingDelta delta) {
            BlockBuilder block = block(delta.index());
            if (delta.text() != null) {
                block.text.append(delta.text());
            }
            if (delta.signature() != null) {
                block.signature = delta.signature();
            }
        } else if (event instanceof ChatEvent.Usage latest) {
            usage = latest;
        }
    }

    /** The answer, once {@code finish} arrived. */
    public ChatResult finish(ChatEvent.Finish finish) {
        List<ContentPart> content = new ArrayList<>(blocks.size());
        blocks.values().forEach(block -> content.add(block.build()));
        return new ChatResult(
                id,
                model == null ? fallbackModel : model,
                content,
                finish.reason(),
                finish.stopSequence(),
                usage);
    }

    private BlockBuilder block(int index) {
        BlockBuilder block = blocks.get(index);
        if (block == null) {
            // A delta without its start: treat it as a text block rather than lose it.
            block = new BlockBuilder(ChatEvent.BlockStart.text(index));
            blocks.put(index, block);
        }
        return block;
    }

    private static final class BlockBuilder {
        final ChatEvent.BlockStart start;
        final StringBuilder text = new StringBuilder();
        String signature;

        BlockBuilder(ChatEvent.BlockStart start) {
            this.start = start;
        }

        ContentPart build() {
            return switch (start.kind()) {
                case TEXT -> new ContentPart.Text(text.toString());
                case TOOL_CALL -> new ContentPart.ToolCall(start.toolCallId(), start.toolName(), text.toString());
                case THINKING -> new ContentPart.Thinking(text.toString(), signature);
                case REDACTED_THINKING -> new ContentPart.RedactedThinking(signature == null ? "" : signature);
            };
        }
    }
}
