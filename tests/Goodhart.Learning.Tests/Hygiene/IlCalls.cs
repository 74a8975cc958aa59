using System.Reflection;
using System.Reflection.Emit;

namespace Goodhart.Learning.Tests.Hygiene;

/// <summary>Reads a method's IL and lists the methods it calls (call, callvirt, newobj, ldftn operands): a Roslyn-free view of compiled code.</summary>
internal static class IlCalls
{
    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every method, constructor and accessor declared in <paramref name="assembly"/>, compiler-generated ones (lambdas, iterators) included.</summary>
    public static IEnumerable<MethodBase> Methods(Assembly assembly) =>
        assembly.GetTypes().SelectMany(t => t
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Cast<MethodBase>()
            .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)));

    /// <summary>The methods <paramref name="method"/> calls, in IL order.</summary>
    public static IEnumerable<MethodBase> Calls(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is InvalidOperationException or BadImageFormatException or NotSupportedException)
        {
            il = null;
        }

        if (il is null)
        {
            return [];
        }

        var calls = new List<MethodBase>();
        var i = 0;
        while (i < il.Length)
        {
            var value = (short)il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var code = Codes[value];
            if (code.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, i);
                try
                {
                    var generics = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
                    var methodGenerics = method.IsGenericMethod ? method.GetGenericArguments() : null;
                    if (method.Module.ResolveMethod(token, generics, methodGenerics) is { } target)
                    {
                        calls.Add(target);
                    }
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
                {
                    // a target that cannot be resolved here is not a TorchSharp call we could judge
                }
            }

            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }

        return calls;
    }
}
