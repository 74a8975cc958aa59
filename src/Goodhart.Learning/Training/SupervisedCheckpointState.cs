using System.Text.Json;

namespace Goodhart.Learning.Training;

/// <summary>The JSON file beside a supervised checkpoint's tensors: steps taken and the run's options.</summary>
public sealed record SupervisedCheckpointState(int GlobalStep, SupervisedOptions Options)
{
    /// <summary>Indented snake_case JSON (<c>global_step</c>, as in Hugging Face's trainer_state.json).</summary>
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
