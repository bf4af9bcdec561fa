using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;

namespace G2G.Web.Components;

/// <summary>
/// The Razor component UI: pages that only show (home, sign-in, errors) render as static server-side HTML; work pages
/// (the inbox …) run interactively on the server (Blazor Server) with MudBlazor components (docs/architecture.md,
/// "UI rendering").
/// </summary>
internal static class UiExtensions
{
    /// <summary>Registers Razor components, the interactive server render mode and MudBlazor.</summary>
    public static IServiceCollection AddG2GUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, Shell.CircuitCallers>();
        // The header's badges: one poll per node, each circuit's watches paused while its browser is away.
        services.AddSingleton<Shell.IBadgeCounter, Shell.DatabaseBadgeCounter>();
        services.AddSingleton<Shell.BadgeBoard>();
        services.AddHostedService(sp => sp.GetRequiredService<Shell.BadgeBoard>());
        services.AddScoped<Shell.CircuitBadges>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<Shell.CircuitBadges>());
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, Shell.MudChineseText>();
        services.AddScoped<Work.OrgDirectory>();
        services.AddScoped<Design.IDirectorySearch, Design.DirectorySearch>();
        services.AddScoped<Work.ProcedureStarter>();
        services.AddScoped<Work.ProcedureNames>();
        services.AddScoped<Shell.DatabaseTurns>();
        services.AddScoped<Work.TaskClaims>();
        services.AddScoped<Work.FormFileStore>();
        services.AddScoped<Work.InstanceUrging>();
        services.AddOptions<Shell.ShellOptions>().BindConfiguration("Ui")
            .Validate(o => o.BadgeRefreshSeconds is >= 1 and <= 300, "Ui:BadgeRefreshSeconds must be between 1 and 300 (seconds).").ValidateOnStart();
        return services;
    }

    /// <summary>Error and status pages plus antiforgery, which Razor component endpoints require.</summary>
    public static WebApplication UseG2GUi(this WebApplication app)
    {
        // The API answers its own errors as problem+json (UseG2GApi); only pages get the error and not-found pages.
        app.UseWhen(http => !Api.ApiExtensions.IsApi(http.Request.Path), ui =>
        {
            if (!app.Environment.IsDevelopment())
                ui.UseExceptionHandler("/Error", createScopeForErrors: true);
            ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Maps static assets (fingerprinted, compressed) and the component pages.</summary>
    public static WebApplication MapG2GUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
