using System.CommandLine;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart reproduce gridworlds</c>: an alias of <c>goodhart run gridworld-reproduction</c> (the shipped recipe:
/// every env's default level x every learner and the oracle x five seeds; the table is written as
/// reproduction-table.md beside the report).
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var what = new Argument<string>("experiment") { Description = "What to reproduce: gridworlds." };
        var scale = new Option<string?>("--scale") { Description = "A named scale of the recipe (tiny, quarter)." };
        var jobs = RunCommand.JobsOption();
        var output = new Option<string?>("--output") { Description = "Output folder (default: goodhart-runs/experiments/gridworld-reproduction[-SCALE])." };
        var store = CommonOptions.Store();
        var set = new Option<string[]>("--set") { Description = "Override a configuration field: path=value (repeatable), e.g. --set episodes=5000." };
        var command = new Command("reproduce", "Reproduce the AI Safety Gridworlds pattern with the tabular learners (= goodhart run gridworld-reproduction).")
        {
            what, scale, jobs, output, store, set,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(what) != "gridworlds")
                throw new Core.UnknownNameException("experiment", parse.GetValue(what)!, ["gridworlds"]);
            return RunCommand.Execute("gridworld-reproduction", parse.GetValue(scale), parse.GetValue(jobs), parse.GetValue(output), parse.GetValue(store)!, parse.GetValue(set) ?? []);
        }));
        return command;
    }
}
