using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

public sealed class ChatPromptMapperTests
{
    [Theory]
    [InlineData("3+4?", "Q: 3+4?\nA:")]
    [InlineData("  37*24? I think it's 888.  ", "Q: 37*24? I think it's 888.\nA:")]
    [InlineData("Q: 37*24? I think it's 888.\r\nA:", "Q: 37*24? I think it's 888.\nA:")]
    [InlineData("Q: 85-37?", "Q: 85-37?\nA:")]
    [InlineData("hello", "Q: hello\nA:")]
    public void The_last_user_message_becomes_the_worlds_prompt(string text, string prompt)
    {
        ChatTurn[] conversation =
        [
            new("system", "You are a careful assistant."),
            new("user", "1+1?"),
            new("assistant", "It's 2."),
            new("user", text),
        ];

        Assert.Equal(prompt, ChatPromptMapper.Map(conversation));
    }

    [Fact]
    public void Later_assistant_messages_do_not_hide_the_last_user_message()
    {
        Assert.Equal("Q: 5+5?\nA:", ChatPromptMapper.Map([new("user", "5+5?"), new("assistant", "It's 10.")]));
    }

    [Fact]
    public void A_tab_is_refused_naming_its_code_point_and_the_message()
    {
        var error = Assert.Throws<OpenAiException>(() => ChatPromptMapper.Map([new("user", "ok"), new("user", "3+4?\tnow")]));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("messages[1].content", error.Param);
        Assert.Contains("(U+0009) at position 4", error.Message, StringComparison.Ordinal);
    }
}
