/**
 * The OpenAI Responses API as a client dialect ({@link dev.junction.gateway.dialect.responses.ResponsesDialect},
 * {@code ChatRequest.dialect} {@code "responses"}).
 *
 * <p>What a decoded request carries for an upstream that speaks the Responses API itself, so that it
 * can rebuild the client's request without loss (other backends ignore all of it):
 *
 * <ul>
 *   <li>{@code ChatRequest.extra}: every top-level field the gateway does not model, as sent
 *       ({@code store}, {@code include}, {@code prompt_cache_key}, {@code previous_response_id},
 *       {@code client_metadata}, {@code service_tier}, {@code truncation}, {@code stream_options},
 *       ...); {@code reasoning} and {@code text} without {@code effort} and {@code format} (which
 *       are {@code ChatRequest.reasoning} and {@code responseFormat}); {@code tools}: the top-level
 *       tools that are neither {@code function} nor {@code custom} (built-in tools and
 *       namespaces); {@code additional_tools}: Codex's {@code additional_tools} input items;
 *       {@code tool_choice}: a choice the canonical one does not express ({@code allowed_tools}, or
 *       one forcing a built-in tool).
 *   <li>{@code Tool.extra}: {@code strict} and other fields of a function tool; {@code "type":
 *       "custom"} and {@code format} for a custom tool (canonically one string argument
 *       {@code input}); {@code "namespace"} for a tool of a namespace (canonically named
 *       {@code <namespace>__<name>}) and {@code "additional_tools": true} for a tool of an
 *       {@code additional_tools} item: both are sent again inside what {@code extra} keeps, not as
 *       top-level tools.
 *   <li>The first system part, when the client sent {@code instructions}, has
 *       {@code "instructions": true} in its extra; the other system parts are {@code developer} or
 *       {@code system} messages.
 *   <li>{@code ToolCall.extra}, {@code ToolResult.extra}, {@code Thinking.extra}: the item's
 *       {@code type} ({@code function_call}, {@code custom_tool_call}, {@code function_call_output},
 *       {@code custom_tool_call_output}, {@code reasoning}), {@code id}, {@code status},
 *       {@code namespace} and its other fields; a custom call's arguments are {@code {"input":
 *       "..."}}; a reasoning item's {@code summary} parts are in extra, its
 *       {@code encrypted_content} is the thinking's signature.
 * </ul>
 *
 * {@link dev.junction.gateway.dialect.responses.ResponsesBuiltInTools} tells the front end what a
 * backend of another dialect drops and refuses a {@code tool_choice} that forces a built-in tool.
 */
package dev.junction.gateway.dialect.responses;
