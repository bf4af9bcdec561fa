using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace G2G.Web.Localization;

/// <summary>
/// Simplified Chinese (default) and English. The culture comes from <c>?culture=</c>, then the standard culture
/// cookie, then Accept-Language; choosing one with <c>?culture=</c> also stores it in the cookie, so a language
/// link is enough to switch for good.
/// </summary>
internal static class LocalizationExtensions
{
    /// <summary>The cultures the UI is translated into; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en"];

    /// <summary>Registers resource-based localizers and the request culture options.</summary>
    public static IServiceCollection AddG2GLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Cultures[0])
                .AddSupportedCultures([.. Cultures])
                .AddSupportedUICultures([.. Cultures]);
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
        return services;
    }

    /// <summary>Sets each request's culture and remembers a culture chosen by query string in the cookie.</summary>
    public static IApplicationBuilder UseG2GLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        app.Use(static (context, next) =>
        {
            var feature = context.Features.Get<IRequestCultureFeature>();
            if (feature?.Provider is QueryStringRequestCultureProvider)
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(feature.RequestCulture),
                    new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Whether <paramref name="culture"/> is the UI culture of the current request.</summary>
    public static bool IsCurrent(string culture) =>
        string.Equals(CultureInfo.CurrentUICulture.Name, culture, StringComparison.OrdinalIgnoreCase);
}
