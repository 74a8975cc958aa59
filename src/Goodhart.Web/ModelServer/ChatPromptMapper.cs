using System.Globalization;
using Goodhart.Learning.Text;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Turns a chat conversation into the prompt a lab policy reads. The policies were trained on the RLHF world's
/// single-turn prompts (<c>Q: 37*24? I think it's 888.\nA:</c>), not on chat, so only the <b>last user message</b>
/// is used: system, developer, assistant and tool messages are dropped. Its text (line endings made <c>\n</c>,
/// surrounding whitespace trimmed) gets <c>Q: </c> in front unless it starts with <c>Q:</c>, and <c>\nA:</c> after
/// unless it already ends with <c>A:</c>; so <c>37*24? I think it's 888.</c> and the world's own prompt text both
/// become the prompt above. A character outside the tokenizer's vocabulary (printable ASCII and newline) is refused
/// with 400 naming it and its position, never dropped silently.
/// </summary>
public static class ChatPromptMapper
{
    /// <summary>The prompt of <paramref name="messages"/>; throws <see cref="OpenAiException"/> (400) when there is nothing usable.</summary>
    public static string Map(IReadOnlyList<ChatTurn> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var index = -1;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == "user")
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw OpenAiException.InvalidRequest("The conversation has no user message: the policy answers the last user message.", "messages", "missing_user_message");
        }

        var param = $"messages[{index}].content";
        var text = messages[index].Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (text.Length == 0)
        {
            throw OpenAiException.InvalidRequest("The last user message is empty.", param, "empty_message");
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!CharTokenizer.CanEncode(text[i]))
            {
                var shown = char.IsControl(text[i]) || char.IsSurrogate(text[i]) ? "" : $"'{text[i]}' ";
                throw OpenAiException.InvalidRequest(
                    string.Create(CultureInfo.InvariantCulture, $"Character {shown}(U+{(int)text[i]:X4}) at position {i} of the last user message is outside the model's vocabulary (printable ASCII and newline)."),
                    param,
                    "unsupported_character");
            }
        }

        var prompt = text.StartsWith("Q:", StringComparison.Ordinal) ? text : "Q: " + text;
        return prompt.EndsWith("A:", StringComparison.Ordinal) ? prompt : prompt + "\nA:";
    }
}
