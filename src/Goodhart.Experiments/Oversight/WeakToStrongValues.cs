namespace Goodhart.Experiments.Oversight;

/// <summary>The names of the <c>weak-to-strong</c> kind's values (test accuracies and PGR).</summary>
public static class WeakToStrongValues
{
    /// <summary>The weak supervisor's test accuracy.</summary>
    public const string Weak = "weak";

    /// <summary>The weak supervisor's accuracy on the labels it gives the student.</summary>
    public const string WeakLabels = "weak_label_accuracy";

    /// <summary>The strong ceiling: the student trained on the true labels.</summary>
    public const string Ceiling = "strong_ceiling";

    /// <summary>The student trained on the weak labels with plain cross-entropy.</summary>
    public const string WeakToStrong = "weak_to_strong";

    /// <summary>The student trained on the weak labels with the auxiliary confidence loss.</summary>
    public const string WeakToStrongConfidence = "weak_to_strong_confidence";

    /// <summary>PGR of the plain student.</summary>
    public const string Pgr = "pgr";

    /// <summary>PGR of the student with the confidence loss.</summary>
    public const string PgrConfidence = "pgr_confidence";
}
