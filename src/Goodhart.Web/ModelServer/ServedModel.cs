using Goodhart.Learning.Models;

namespace Goodhart.Web.ModelServer;

/// <summary>A policy the server answers with: its id, the loaded language model, where it came from and when.</summary>
public sealed class ServedModel : IDisposable
{
    /// <summary>A served policy; the model is owned (disposed with this).</summary>
    public ServedModel(string id, CausalLanguageModel policy, string source, DateTimeOffset created, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(policy);
        Id = id;
        Policy = policy;
        Source = source;
        Created = created;
        Description = description;
    }

    /// <summary>What clients pass as <c>model</c>.</summary>
    public string Id { get; }

    /// <summary>The policy.</summary>
    public CausalLanguageModel Policy { get; }

    /// <summary>The checkpoint file it was loaded from.</summary>
    public string Source { get; }

    /// <summary>When the checkpoint was written (OpenAI's <c>created</c>).</summary>
    public DateTimeOffset Created { get; }

    /// <summary>How the policy was trained, when known.</summary>
    public string? Description { get; }

    /// <summary>OpenAI's <c>owned_by</c>.</summary>
    public static string OwnedBy => "goodhart";

    /// <inheritdoc />
    public void Dispose() => Policy.Dispose();
}
