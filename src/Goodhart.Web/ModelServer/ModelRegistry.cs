using Goodhart.Learning;
using Goodhart.Learning.Checkpoints;

namespace Goodhart.Web.ModelServer;

/// <summary>The models a server answers with, by id; owns them.</summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly Dictionary<string, ServedModel> _byId;

    /// <summary>A registry of already loaded models; ids must be distinct.</summary>
    public ModelRegistry(IEnumerable<ServedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        Models = [.. models];
        _byId = new Dictionary<string, ServedModel>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            if (!_byId.TryAdd(model.Id, model))
            {
                throw new ArgumentException($"Model id '{model.Id}' appears twice.", nameof(models));
            }
        }
    }

    /// <summary>The models in listing order.</summary>
    public IReadOnlyList<ServedModel> Models { get; }

    /// <summary>Loads every policy of <paramref name="folder"/> (see <see cref="ModelFolder"/>) on the CPU.</summary>
    public static ModelRegistry Load(string folder) => Load(ModelFolder.Find(folder));

    /// <summary>Loads the listed checkpoints on the CPU; a model without a description takes the checkpoint's <see cref="DefaultModels.DescriptionKey"/> metadata, if any.</summary>
    public static ModelRegistry Load(IEnumerable<ModelManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        TorchRuntime.Initialize();
        var models = new List<ServedModel>();
        try
        {
            foreach (var entry in entries)
            {
                var policy = ModelCheckpoint.LoadLanguageModel(entry.Path, TorchSharp.torch.CPU);
                policy.eval();
                var description = entry.Description ?? SafeTensors.LoadMetadata(entry.Path).GetValueOrDefault(DefaultModels.DescriptionKey);
                models.Add(new ServedModel(entry.Id, policy, entry.Path, File.GetLastWriteTimeUtc(entry.Path), description));
            }

            return new ModelRegistry(models);
        }
        catch
        {
            foreach (var model in models)
            {
                model.Dispose();
            }

            throw;
        }
    }

    /// <summary>The model with <paramref name="id"/>, or null.</summary>
    public ServedModel? Find(string id) => _byId.GetValueOrDefault(id);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in Models)
        {
            model.Dispose();
        }
    }
}
