namespace Goodhart.Core;

/// <summary>Input a user supplied (an option, a config value, a file) is invalid; the message says which and why.</summary>
public sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
