namespace G2G.Web.Components;

/// <summary>
/// The Razor component UI, rendered as static server-side HTML: this machine's package source lacks the
/// assets package that carries blazor.web.js, so there are no interactive render modes
/// (docs/architecture.md, "UI rendering").
/// </summary>
internal static class UiExtensions
{
    /// <summary>Registers Razor components for static server-side rendering.</summary>
    public static IServiceCollection AddG2GUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
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
        app.MapRazorComponents<App>();
        return app;
    }
}
