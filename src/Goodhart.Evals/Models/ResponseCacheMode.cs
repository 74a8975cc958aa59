namespace Goodhart.Evals.Models;

/// <summary>How the response cache is used (Microsoft.Extensions.AI.Evaluation's Disabled / Enabled / EnabledOfflineOnly).</summary>
public enum ResponseCacheMode
{
    /// <summary>No cache: every call goes to the model.</summary>
    Off,

    /// <summary>Replay hits; call the model on a miss and record its answer.</summary>
    ReadWrite,

    /// <summary>Replay hits; a miss is an error (<see cref="ResponseCacheMissException"/>) and the model is never called.</summary>
    OfflineOnly,
}
