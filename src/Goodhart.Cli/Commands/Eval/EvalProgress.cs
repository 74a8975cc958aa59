using Goodhart.Evals.Harness;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// Progress of a running eval: a stderr line about every 5% of the sample-epochs (only when stderr is a terminal, so
/// logs and pipes stay clean), called after each sample-epoch is logged.
/// </summary>
internal static class EvalProgress
{
    public static Action<SampleResult> Create(int total)
    {
        if (Console.IsErrorRedirected || total <= 0)
            return _ => { };
        var step = Math.Max(1, total / 20);
        var done = 0;
        var errored = 0;
        return result =>
        {
            done++;
            if (result.IsErrored)
                errored++;
            if (done % step == 0 || done == total)
                Console.Error.WriteLine($"eval: {done}/{total} sample-epochs done{(errored > 0 ? $", {errored} errored" : string.Empty)}");
        };
    }
}
