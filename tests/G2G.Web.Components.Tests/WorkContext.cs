using System.Globalization;
using Bunit;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace G2G.Web.Components.Tests;

/// <summary>
/// A bunit context with what the work pages' components need: MudBlazor (its JavaScript answered loosely), the UI's
/// localization from G2G.Web's resources, and the organisation directory of the pickers (never asked in these tests:
/// no picker has a value or is searched). Runs in Chinese unless told otherwise.
/// </summary>
public abstract class WorkContext : IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected WorkContext(string culture = "zh-CN")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = Context.Services;
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddScoped<CallerContext>();
        services.AddScoped<OrganisationQueries>(_ => null!);
        services.AddScoped<G2G.Runtime.Instances.InstanceService>(_ => null!);
        services.AddScoped<TaskClaims>(); // the inbox grid's 认领, never pressed in these tests
        services.AddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        services.AddScoped<OrgDirectory>();
    }

    /// <summary>The bunit context; disposed asynchronously (MudBlazor's services are only IAsyncDisposable).</summary>
    protected BunitContext Context { get; } = new();

    protected IServiceProvider Services => Context.Services;

    /// <summary>The runtime's services (an event-log key of zeros) on the database <paramref name="database"/> configures.</summary>
    protected void AddRuntime(Action<DbContextOptionsBuilder> database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:EventLog:Keys:1"] = Convert.ToBase64String(new byte[32]) })
            .Build();
        Context.Services.AddG2GRuntime(configuration);
        Context.Services.AddSingleton(DatabaseSettings.FromConfiguration(configuration, Path.GetTempPath()));
        Context.Services.AddDbContext<G2GDbContext>(database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await Context.DisposeAsync();
    }
}
