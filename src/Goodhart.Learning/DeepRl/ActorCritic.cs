using Goodhart.Core.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The network of the on-policy agents (PPO, A2C): a board torso shared by a policy head (action logits, initial
/// scale 0.01) and a value head (initial scale 1), as in CleanRL's PPO. It reads observations of <see cref="InputShape"/>
/// (<see cref="BoardObservation"/>; the board itself unless the options ask for the egocentric window).
/// </summary>
internal sealed class ActorCritic : Module<Tensor, (Tensor Logits, Tensor Values)>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match a PyTorch port
    private readonly Module<Tensor, Tensor> torso;
    private readonly Linear actor;
    private readonly Linear critic;
#pragma warning restore IDE1006

    private ActorCritic(BoardShape shape, BoardNetworkOptions options) : base(nameof(ActorCritic))
    {
        Shape = shape;
        Options = options;
        Observation = new BoardObservation(shape, options.Observation);
        torso = BoardTorso.Create(Observation.Input, options);
        actor = Linear(BoardTorso.Features(options), shape.Actions);
        critic = Linear(BoardTorso.Features(options), 1);
        RegisterComponents();
        BoardTorso.Orthogonal(actor, 0.01);
        BoardTorso.Orthogonal(critic, 1.0);
    }

    /// <summary>The env's board shape (what the policy fits).</summary>
    public BoardShape Shape { get; }

    /// <summary>How boards become the network's input (<see cref="BoardNetworkOptions.Observation"/>).</summary>
    public BoardObservation Observation { get; }

    /// <summary>The shape <see cref="forward"/> reads: the board's, or the egocentric window's.</summary>
    public BoardShape InputShape => Observation.Input;

    public BoardNetworkOptions Options { get; }

    /// <summary>A network whose initial weights are a function of <paramref name="seed"/> alone.</summary>
    public static ActorCritic Create(BoardShape shape, BoardNetworkOptions options, ulong seed)
    {
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            TorchRuntime.ManualSeed(Xoshiro256.Derive(seed, TorchRuntime.TorchStream));
            return new ActorCritic(shape, options);
        }
    }

    /// <summary>Logits [batch, actions] and values [batch] of observations [batch, planes, height, width] of <see cref="InputShape"/>.</summary>
    public override (Tensor Logits, Tensor Values) forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = torso.forward(input);
        var logits = actor.forward(features);
        var values = critic.forward(features).squeeze(-1);
        return (logits.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope());
    }
}
