using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>The AdamW setup shared by the RLHF trainers: weight decay on matrices only, none on biases and LayerNorms.</summary>
internal static class RlhfOptimizers
{
    public static AdamW AdamW(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    {
        var all = parameters.Where(p => p.requires_grad).ToArray();
        var matrices = all.Where(p => p.dim() >= 2).ToArray();
        var vectors = all.Where(p => p.dim() < 2).ToArray();
        return optim.AdamW(
            [
                new AdamW.ParamGroup(matrices, learningRate, beta1, beta2, epsilon, weightDecay),
                new AdamW.ParamGroup(vectors, learningRate, beta1, beta2, epsilon, 0.0),
            ],
            learningRate,
            beta1,
            beta2,
            epsilon);
    }
}
