namespace Goodhart.Evals.Guardrails;

/// <summary>What happens when the model classifier errors, times out or answers unparseably.</summary>
public enum GuardrailFailMode
{
    /// <summary>Treat the failure as an unsafe verdict and block (the safe default).</summary>
    Closed,

    /// <summary>Record the failure as a log-only verdict and let the message through.</summary>
    Open,
}
