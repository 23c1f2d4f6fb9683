package dev.junction.plugins.echo;

import dev.junction.plugin.Backend;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Message;
import java.util.Iterator;
import java.util.List;

/**
 * Replies with the text of the last user message, one text delta per word (each word keeps the
 * white space before it, so the deltas join to the original text). Usage counts words: the prompt
 * is all text of the system and every message, the completion is the reply. With a token limit the
 * reply stops after that many words and finishes with {@link FinishReason#MAX_TOKENS}. The words go
 * out as fast as the client takes them, no faster ({@link ChatSink#ready()}).
 */
final class EchoBackend implements Backend {

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void chat(ChatRequest request, ChatSink sink) {
        String text = lastUserText(request);
        int words = Words.count(text);
        int promptTokens = Words.count(promptText(request));
        Integer limit = request.sampling().maxTokens();
        int replyLength = limit == null ? words : Math.min(limit, words);

        sink.emit(new ChatEvent.MessageStart(null, request.model()));
        sink.emit(ChatEvent.Usage.of(promptTokens, 0));
        sink.emit(ChatEvent.BlockStart.text(0));
        new Reply(sink, Words.iterate(text), replyLength, replyLength < words, promptTokens).pump();
    }

    /**
     * The words of one reply, emitted while the client can take them; when it cannot, the rest
     * waits for the sink's ready callback (on an event loop: never blocks).
     */
    private static final class Reply {

        private final ChatSink sink;
        private final Iterator<String> words;
        private final int length;
        private final boolean cut;
        private final int promptTokens;
        private int sent;

        /** @param cut whether the reply stops short of the user's text (the token limit) */
        Reply(ChatSink sink, Iterator<String> words, int length, boolean cut, int promptTokens) {
            this.sink = sink;
            this.words = words;
            this.length = length;
            this.cut = cut;
            this.promptTokens = promptTokens;
        }

        void pump() {
            while (sent < length && sink.ready()) {
                sink.emit(new ChatEvent.TextDelta(0, words.next()));
                sent++;
            }
            if (sink.cancelled()) {
                return;
            }
            if (sent < length) {
                sink.onReady(this::pump);
                return;
            }
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Usage.of(promptTokens, length));
            sink.emit(ChatEvent.Finish.of(cut ? FinishReason.MAX_TOKENS : FinishReason.END_TURN));
        }
    }

    private static String lastUserText(ChatRequest request) {
        List<Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Message.Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static String promptText(ChatRequest request) {
        StringBuilder all = new StringBuilder();
        request.system().forEach(part -> appendText(all, part));
        request.messages().forEach(message -> message.content().forEach(part -> appendText(all, part)));
        return all.toString();
    }

    private static void appendText(StringBuilder out, ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            out.append(text.text()).append(' ');
        } else if (part instanceof ContentPart.ToolResult result) {
            result.content().forEach(inner -> appendText(out, inner));
        }
    }
}
