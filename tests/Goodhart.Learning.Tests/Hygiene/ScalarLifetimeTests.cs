using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Hygiene;

/// <summary>
/// TorchSharp 0.107 turns a double, float, int or long into a native <see cref="Scalar"/> by implicit conversion; the
/// .NET object can be finalised (freeing the native scalar) while libtorch still reads it, which under allocation
/// pressure crashed sampling (<c>Unknown scalar type</c>) and an AdamW step. The rule: every Scalar handed to a
/// native call is owned and disposed after it. This test reads the compiled IL of Goodhart.Learning and fails on any
/// implicit conversion to Scalar, and on any call into TorchSharp that makes one itself from a number we pass (an
/// operator such as <c>t * 0.5</c>, <c>clamp_min(0)</c>) or from numbers of its own (its optimisers' <c>step</c>).
/// </summary>
public class ScalarLifetimeTests
{
    private static readonly Assembly TorchSharpAssembly = typeof(Scalar).Assembly;
    private static readonly Dictionary<MethodBase, bool> Converts = [];

    [Fact]
    public void Goodhart_Learning_never_hands_torch_a_scalar_it_does_not_own()
    {
        var violations = new List<string>();
        foreach (var method in IlCalls.Methods(typeof(TorchRuntime).Assembly))
        {
            foreach (var target in IlCalls.Calls(method))
            {
                if (IsImplicitScalar(target) || (target.DeclaringType?.Assembly == TorchSharpAssembly && MakesScalars(target, depth: 3)))
                {
                    violations.Add($"{method.DeclaringType?.FullName}.{method.Name} calls {target.DeclaringType?.Name}.{target.Name}({string.Join(", ", target.GetParameters().Select(p => p.ParameterType.Name))})");
                }
            }
        }

        Assert.True(violations.Count == 0, "Scalars made implicitly:\n" + string.Join("\n", violations.Distinct().Order()));
    }

    [Fact]
    public void The_scan_sees_an_implicit_scalar_and_an_operator_that_makes_one()
    {
        var method = typeof(ScalarLifetimeTests).GetMethod(nameof(Risky), BindingFlags.NonPublic | BindingFlags.Static)!;

        var risky = IlCalls.Calls(method).Where(t => IsImplicitScalar(t) || (t.DeclaringType?.Assembly == TorchSharpAssembly && MakesScalars(t, 3))).ToArray();

        Assert.NotEmpty(risky);
    }

    private static Tensor Risky(Tensor t) => t.clamp_min(0) * 0.5;

    [Fact]
    public void Goodhart_Learning_never_calls_a_torchsharp_optimizers_step()
    {
        // TorchSharp's optimisers make their Scalars inside closures the scan above does not follow, so their step
        // is banned by name: every trainer steps through Training.OwnedAdamStep (or DQN's ScalarSafeAdam).
        var violations = IlCalls.Methods(typeof(TorchRuntime).Assembly)
            .SelectMany(method => IlCalls.Calls(method).Where(IsOptimizerStep).Select(target =>
                $"{method.DeclaringType?.FullName}.{method.Name} calls {target.DeclaringType?.Name}.{target.Name}"))
            .Distinct()
            .Order()
            .ToArray();

        Assert.True(violations.Length == 0, "TorchSharp optimiser steps:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_optimizer_step_scan_sees_an_adamw_step()
    {
        var method = typeof(ScalarLifetimeTests).GetMethod(nameof(StepsTorchsAdamW), BindingFlags.NonPublic | BindingFlags.Static)!;

        Assert.Contains(IlCalls.Calls(method), IsOptimizerStep);
    }

    private static void StepsTorchsAdamW(TorchSharp.Modules.AdamW optimizer) => optimizer.step();

    private static bool IsOptimizerStep(MethodBase target) =>
        target.Name == "step" && target.DeclaringType is { } type && typeof(optim.Optimizer).IsAssignableFrom(type);

    private static bool IsImplicitScalar(MethodBase target) =>
        target.DeclaringType == typeof(Scalar) && target.Name == "op_Implicit";

    /// <summary>Whether a TorchSharp method (or what it calls inside TorchSharp, to <paramref name="depth"/> levels) converts a number to a Scalar implicitly.</summary>
    private static bool MakesScalars(MethodBase method, int depth)
    {
        if (Converts.TryGetValue(method, out var known))
        {
            return known;
        }

        Converts[method] = false; // recursion guard
        var result = IlCalls.Calls(method).Any(t =>
            IsImplicitScalar(t) || (depth > 0 && t.DeclaringType?.Assembly == TorchSharpAssembly && MakesScalars(t, depth - 1)));
        Converts[method] = result;
        return result;
    }
}
