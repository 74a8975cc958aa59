using System.Text.Json.Nodes;

namespace Goodhart.Experiments.Recipes;

/// <summary>One axis of a recipe's grid: a dotted path into the configuration and the values it takes.</summary>
/// <param name="Path">Dotted path into <c>config</c>, e.g. <c>env</c> or <c>agent_options.learning_rate</c>.</param>
/// <param name="Values">The values, in the recipe's order.</param>
public sealed record GridAxis(string Path, IReadOnlyList<JsonNode?> Values);
