using System.CommandLine;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// <c>goodhart rlhf implicit [--members K] [--bootstrap]</c>: trains K DPO policies on the labelled pairs, whose implicit
/// rewards beta (log pi - log pi_ref) are reward models of their own (Rafailov et al. 2023), for the <c>implicit*</c>
/// proxies of <c>bon</c> and <c>ppo</c>; reports their held-out accuracy against the rater and against gold.
/// </summary>
internal static class RlhfImplicitCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var bootstrap = new Option<bool>("--bootstrap") { Description = "Train each member on its own bootstrap resample of the pairs (more diverse members)." };
        var command = new Command("implicit", "Train DPO implicit reward models (--members of them, at the first --beta) for the implicit, implicit-mean, implicit-wco and implicit-uwo proxies (writes implicit-K.safetensors, implicit.json).") { bootstrap };
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            var evaluations = StageProgress.Run(["implicit"], p => p.Stage("implicit", log => RlhfFolderStages.ImplicitRewardModels(settings, folder, parse.GetValue(bootstrap), log)));
            RlhfTables.RewardModels(evaluations);
            return 0;
        }));
        return command;
    }
}
