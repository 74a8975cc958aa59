namespace Goodhart.Core.Rlhf;

/// <summary>A token of a response: its kind, lower-cased text, character span and (for numbers) value; <c>Overflow</c> marks numbers too long to hold.</summary>
internal readonly record struct ResponseToken(ResponseTokenKind Kind, string Text, int Start, int End, long Value, bool Overflow);
