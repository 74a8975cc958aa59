using Microsoft.Extensions.DependencyInjection;

namespace Goodhart.Web.ModelServer;

/// <summary>Registers what <see cref="OpenAiEndpoints.MapOpenAiCompatibleApi"/> needs: the models, the limits, the generation queue, the rate limiter and the access filter.</summary>
public static class ModelServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the model server's services. The host owns <paramref name="models"/> (disposes it after the app);
    /// <paramref name="options"/> default to <see cref="ModelServerOptions"/>' defaults.
    /// </summary>
    public static IServiceCollection AddOpenAiCompatibleApi(this IServiceCollection services, ModelRegistry models, ModelServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(models);
        options ??= new ModelServerOptions();
        options.Validate();
        services.AddSingleton(models);
        services.AddSingleton(options);
        services.AddSingleton<GenerationQueue>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<AccessFilter>();
        return services;
    }
}
