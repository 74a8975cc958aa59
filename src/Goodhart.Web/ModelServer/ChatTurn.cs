namespace Goodhart.Web.ModelServer;

/// <summary>One message of a chat request: its role (<c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>) and its text (text parts joined).</summary>
public sealed record ChatTurn(string Role, string Text);
