namespace Goodhart.Web.ModelServer;

/// <summary>One generated choice: its text, why it ended (<c>stop</c>: eos or a stop sequence; <c>length</c>: the token cap or the context) and the tokens drawn (eos included).</summary>
public sealed record DecodedChoice(int Index, string Text, string FinishReason, int CompletionTokens);
