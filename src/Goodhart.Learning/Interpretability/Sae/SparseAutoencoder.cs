using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// A sparse autoencoder over activation vectors of width d with m features (SAELens's names and layout):
/// inputs are divided by a scalar <c>input_scale</c> (set from the training data so a token's mean squared norm is d),
/// features f = sparsify((x / s - b_dec) W_enc + b_enc), reconstruction x̂ = (f W_dec + b_dec) s. ReLU+L1 keeps every
/// positive pre-activation; TopK keeps the k largest and then applies ReLU. Decoder rows (one direction per feature)
/// are kept at unit norm by the trainer (<see cref="NormaliseDecoder"/>), so a feature's activation is its size.
/// </summary>
public sealed class SparseAutoencoder : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // SAELens's names, so state-dict keys match its checkpoints
    private readonly Parameter W_enc;
    private readonly Parameter b_enc;
    private readonly Parameter W_dec;
    private readonly Parameter b_dec;
    private readonly Tensor input_scale;
#pragma warning restore IDE1006

    private SparseAutoencoder(int inputDim, SaeArchitecture architecture, int dictionarySize, int k, Tensor encoder, Tensor decoder, Device device)
        : base(nameof(SparseAutoencoder))
    {
        InputDim = inputDim;
        Architecture = architecture;
        DictionarySize = dictionarySize;
        K = k;
        W_enc = new Parameter(encoder.to(device));
        b_enc = new Parameter(zeros(dictionarySize, device: device));
        W_dec = new Parameter(decoder.to(device));
        b_dec = new Parameter(zeros(inputDim, device: device));
        input_scale = ones(1, device: device);
        RegisterComponents();
    }

    /// <summary>Width d of the activations it reads.</summary>
    public int InputDim { get; }

    /// <summary>Number of features m.</summary>
    public int DictionarySize { get; }

    /// <summary>The sparsity mechanism.</summary>
    public SaeArchitecture Architecture { get; }

    /// <summary>Features kept per token by TopK (the dictionary size for ReLU+L1).</summary>
    public int K { get; }

    /// <summary>The decoder [m, d]: row j is feature j's direction in the (normalised) activation space.</summary>
    public Parameter Decoder => W_dec;

    /// <summary>The scalar the inputs are divided by.</summary>
    public double InputScale => input_scale.cpu().item<float>();

    /// <summary>
    /// A new autoencoder for <paramref name="inputDim"/>-wide activations shaped by <paramref name="options"/>: unit-norm
    /// decoder rows drawn from <see cref="SaeOptions.Seed"/>, the encoder their transpose (Conerly et al.'s tied
    /// initialisation), biases zero, scale 1.
    /// </summary>
    public static SparseAutoencoder Create(int inputDim, SaeOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        options.Validate();
        using var generator = TorchRuntime.CreateGenerator(options.Seed, 0x5AE, CPU);
        using var raw = randn([options.DictionarySize, inputDim], generator: generator);
        using var norms = raw.norm(1, keepdim: true);
        using var decoder = raw.div(norms);
        using var encoder = decoder.t().contiguous();
        return new SparseAutoencoder(inputDim, options.Architecture, options.DictionarySize, options.Architecture == SaeArchitecture.TopK ? options.K : options.DictionarySize, encoder, decoder, device ?? TorchDevice.Default);
    }

    /// <summary>
    /// The identity dictionary for d-wide activations: m = d features, feature j reads and writes coordinate j. It
    /// reconstructs exactly every input whose coordinates are all non-negative (ReLU drops the negative ones); with
    /// <paramref name="signed"/>, m = 2d features (+e_j and -e_j) and it reconstructs every input exactly
    /// (TopK too when k is at least d: at most d of the 2d features are positive).
    /// </summary>
    public static SparseAutoencoder Identity(int inputDim, SaeArchitecture architecture, int k, bool signed = false, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        using var eye = torch.eye(inputDim);
        using var decoder = signed ? cat([eye, eye.neg()], 0) : eye.clone();
        using var encoder = decoder.t().contiguous();
        var m = (int)decoder.shape[0];
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return new SparseAutoencoder(inputDim, architecture, m, architecture == SaeArchitecture.TopK ? Math.Min(k, m) : m, encoder, decoder, device ?? CPU);
    }

    /// <summary>Feature pre-activations [..., m] of activations <paramref name="x"/> [..., d].</summary>
    public Tensor PreActivations(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.div(input_scale).sub(b_dec).matmul(W_enc).Plus(b_enc);
    }

    /// <summary>Feature activations [..., m] (non-negative; at most k non-zero per token under TopK).</summary>
    public Tensor Encode(Tensor x)
    {
        var pre = PreActivations(x);
        if (Architecture == SaeArchitecture.ReluL1 || K >= DictionarySize)
            return functional.relu(pre);
        var (values, indices) = pre.topk(K, dim: -1);
        return zeros_like(pre).scatter(-1, indices, functional.relu(values));
    }

    /// <summary>Reconstruction [..., d] of feature activations <paramref name="features"/> [..., m], in the input's units.</summary>
    public Tensor Decode(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return features.matmul(W_dec).Plus(b_dec).mul(input_scale);
    }

    /// <summary>The reconstruction of <paramref name="x"/> (decode of encode).</summary>
    public override Tensor forward(Tensor x) => Decode(Encode(x));

    /// <summary>Sets the input scale so that the mean squared norm of <paramref name="activations"/> [n, d] becomes d, and b_dec to their (scaled) mean.</summary>
    public void FitInputStatistics(Tensor activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        using var _ = no_grad();
        using var squared = activations.Squared().sum(1).mean();
        var scale = Math.Sqrt(squared.item<float>() / InputDim);
        if (!(scale > 0) || !double.IsFinite(scale))
            scale = 1;
        using var s = tensor(new[] { (float)scale }, device: input_scale.device);
        input_scale.copy_(s);
        using var mean = activations.mean([0L]).div(input_scale);
        b_dec.copy_(mean);
    }

    /// <summary>Rescales every decoder row to unit norm (the decoder-norm constraint).</summary>
    public void NormaliseDecoder()
    {
        using var _ = no_grad();
        using var norms = W_dec.norm(1, keepdim: true);
        using var epsilon = 1e-8.ToScalar();
        using var floor = norms.clamp_min(epsilon);
        W_dec.div_(floor);
    }

    /// <summary>
    /// Removes from the decoder's gradient its component along each (unit) row, so a step moves rows along the unit
    /// sphere rather than changing their norm (SAELens's <c>remove_gradient_parallel_to_decoder_directions</c>).
    /// </summary>
    public void RemoveParallelDecoderGradient()
    {
        var grad = W_dec.grad;
        if (grad is null)
            return;
        using var _ = no_grad();
        using var along = grad.mul(W_dec).sum(1, keepdim: true);
        using var parallel = along.mul(W_dec);
        grad.sub_(parallel);
    }
}
