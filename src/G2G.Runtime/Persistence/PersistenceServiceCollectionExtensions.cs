using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G2G.Runtime.Persistence;

/// <summary>Registers the runtime's database.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DatabaseSettings"/> and <see cref="G2GDbContext"/> for the provider named by
    /// <c>Database:Provider</c>. Settings are read when first needed, not here, so configuration sources added
    /// after this call (test hosts, late overrides) still apply; a bad setting therefore surfaces at start-up
    /// from <see cref="DatabaseMigrationExtensions.MigrateG2GDatabaseAsync"/>.
    /// </summary>
    public static IServiceCollection AddG2GPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(provider => DatabaseSettings.FromConfiguration(
            configuration,
            provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.AddDbContext<G2GDbContext>((provider, options) =>
            provider.GetRequiredService<DatabaseSettings>().Configure(options));
        return services;
    }
}
