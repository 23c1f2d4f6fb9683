package dev.junction.cli;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a conversation into the one prompt a CLI takes. A single user message is passed as it is;
 * a longer conversation becomes a labelled transcript that ends with the user's last turn, so the
 * CLI answers it with the earlier turns as context; an instruction given mid-conversation is a
 * {@code System note:} at its place. Images appear as {@code [image N]} markers, in the order
 * {@link #images} lists them.
 */
public final class Transcript {

    static final String PREFACE =
            "Below is a conversation between a user and an assistant. Reply as the assistant to the user's last message.";

    private Transcript() {}

    /** The prompt for the CLI's stdin. */
    public static String prompt(ChatRequest request) {
        List<Message> messages = request.messages();
        int[] images = {0};
        if (messages.size() == 1 && messages.get(0).role() == Message.Role.USER) {
            return render(messages.get(0), images);
        }
        StringBuilder out = new StringBuilder(PREFACE).append("\n\n");
        for (Message message : messages) {
            out.append(label(message.role()))
                    .append(render(message, images))
                    .append("\n\n");
        }
        return out.append("Assistant:").toString();
    }

    private static String label(Message.Role role) {
        return switch (role) {
            case USER -> "User: ";
            case ASSISTANT -> "Assistant: ";
            case SYSTEM -> "System note: ";
        };
    }

    /** The request's system instructions as one text, or an empty string. */
    public static String system(ChatRequest request) {
        return request.system().stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(part -> ((ContentPart.Text) part).text())
                .collect(Collectors.joining("\n\n"));
    }

    /** {@link #prompt} preceded by the system instructions, for CLIs that have no option for them. */
    public static String promptWithSystem(ChatRequest request) {
        String system = system(request);
        String prompt = prompt(request);
        return system.isEmpty() ? prompt : "System instructions:\n" + system + "\n\n" + prompt;
    }

    /**
     * Refuses a conversation that holds a document (a PDF, a text file): a CLI reads one text
     * prompt, and a document has no faithful place in it.
     *
     * @throws BackendException with {@link ErrorKind#INVALID_REQUEST} naming the first document's path
     */
    public static void refuseDocuments(ChatRequest request, String displayName) {
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentPart> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                ContentPart part = content.get(j);
                boolean document = part instanceof ContentPart.Document
                        || part instanceof ContentPart.ToolResult result
                                && result.content().stream().anyMatch(ContentPart.Document.class::isInstance);
                if (document) {
                    throw new BackendException(ErrorKind.INVALID_REQUEST, "messages[" + i + "].content[" + j + "]: "
                            + displayName + " does not take documents (a CLI reads a text prompt); send the "
                            + "document's text instead, or route the model to an HTTP provider backend");
                }
            }
        }
    }

    /** Every image of the conversation, in the order of the {@code [image N]} markers. */
    public static List<ContentPart.Image> images(ChatRequest request) {
        return request.messages().stream()
                .flatMap(message -> message.content().stream())
                .flatMap(part -> part instanceof ContentPart.ToolResult result ? result.content().stream() : java.util.stream.Stream.of(part))
                .filter(ContentPart.Image.class::isInstance)
                .map(ContentPart.Image.class::cast)
                .toList();
    }

    private static String render(Message message, int[] images) {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : message.content()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(render(part, images));
        }
        return out.toString();
    }

    private static String render(ContentPart part, int[] images) {
        if (part instanceof ContentPart.Text text) {
            return text.text();
        } else if (part instanceof ContentPart.Image) {
            return "[image " + (++images[0]) + "]";
        } else if (part instanceof ContentPart.ToolCall call) {
            return "[called tool " + call.name() + " (id " + call.id() + ") with " + call.arguments() + "]";
        } else if (part instanceof ContentPart.ToolResult result) {
            StringBuilder inner = new StringBuilder();
            result.content().forEach(content -> inner.append(render(content, images)));
            return "[result of tool call " + result.toolCallId() + (result.error() ? " (error)" : "") + ": " + inner + "]";
        }
        return ""; // thinking of earlier turns is not repeated to the CLI
    }
}
