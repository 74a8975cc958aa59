using System.CommandLine;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// <c>goodhart rlhf demo|sft|label|rm|implicit|bon|ppo|dpo|sweep|report</c>: the RLHF laboratory (docs/rlhf-cli.md). The
/// stages share a work folder (<c>--dir</c>); runs along the pressure axis go to the run store.
/// </summary>
internal static class RlhfCommand
{
    public static Command Create()
    {
        var command = new Command("rlhf", "RLHF laboratory: SFT, simulated raters, reward models, best-of-n, PPO, DPO and Goodhart curves against gold.");
        command.Subcommands.Add(RlhfDemoCommand.Create());
        command.Subcommands.Add(RlhfSftCommand.Create());
        command.Subcommands.Add(RlhfLabelCommand.Create());
        command.Subcommands.Add(RlhfRmCommand.Create());
        command.Subcommands.Add(RlhfImplicitCommand.Create());
        command.Subcommands.Add(RlhfBonCommand.Create());
        command.Subcommands.Add(RlhfPpoCommand.Create());
        command.Subcommands.Add(RlhfDpoCommand.Create());
        command.Subcommands.Add(RlhfSweepCommand.Create());
        command.Subcommands.Add(RlhfReportCommand.Create());
        return command;
    }
}
