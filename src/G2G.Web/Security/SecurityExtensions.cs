using System.Threading.RateLimiting;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace G2G.Web.Security;

/// <summary>
/// Who may come in and how: people sign in with a password (Identity: hashed passwords, lockout) and carry a
/// session cookie; other systems send a bearer token. Sign-in is rate limited per client address; requests made
/// with the cookie that change something must carry the antiforgery token (CSRF). docs/api.md, "Signing in".
/// </summary>
internal static class SecurityExtensions
{
    /// <summary>Picks the bearer-token scheme when an Authorization header is sent, else the session cookie.</summary>
    public const string Scheme = "G2G";

    public const string CookieName = ".G2G.Session";
    public const string CsrfHeader = "X-CSRF-TOKEN";
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddG2GSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Session cookies and antiforgery tokens are encrypted with these keys: every node must share them.
        var keys = Path.GetFullPath(configuration["Security:DataProtectionKeysPath"] is { Length: > 0 } path ? path : Path.Combine("App_Data", "keys"),
            environment.ContentRootPath);
        services.AddDataProtection().SetApplicationName("G2G").PersistKeysToFileSystem(new DirectoryInfo(keys));
        // The event log's key file lives beside them unless Runtime:EventLog:KeyFile names another place.
        if (string.IsNullOrEmpty(configuration[$"{G2G.Runtime.Audit.EventLogOptions.Section}:KeyFile"]))
            services.PostConfigure<G2G.Runtime.Audit.EventLogOptions>(options => options.KeyFile = Path.Combine(keys, "event-log-keys.json"));
        services.AddHttpContextAccessor();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<PhantomLockout>();
        services.AddIdentityCore<G2GUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<G2GDbContext>()
            .AddSignInManager();
        // Settings are read when first used, so every configuration source of the host applies (tests add theirs late).
        services.AddOptions<IdentityOptions>().Configure<IConfiguration>((options, settings) =>
        {
            options.Lockout.MaxFailedAccessAttempts = settings.GetValue("Security:SignIn:MaxFailedAttempts", 5);
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.GetValue("Security:SignIn:LockoutMinutes", 15));
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme).Configure<IConfiguration>((options, settings) =>
            options.ExpireTimeSpan = TimeSpan.FromHours(settings.GetValue("Security:SessionHours", 8)));
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Session cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                // The API answers 401/403 as problem+json; only pages are sent to the sign-in page.
                options.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
            });
        // Identity's SignInManager signs in to its own scheme names; G2G signs in with the cookie above, so
        // these only have to exist for SignInManager to be constructed.
        services.AddAuthentication().AddCookie(IdentityConstants.ApplicationScheme).AddCookie(IdentityConstants.TwoFactorUserIdScheme)
            .AddCookie(IdentityConstants.ExternalScheme);
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeader;
            options.Cookie.Name = ".G2G.Antiforgery";
        });
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignInRateLimit, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Security:SignIn:PermitsPerMinute", 60);
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.OnRejected = (context, token) => SessionApi.RejectedAsync(context, token);
        });
        return services;
    }

    /// <summary>Authentication, the caller of each request, the CSRF check of the API, and rate limiting.</summary>
    public static WebApplication UseG2GSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments(ApiExtensions.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
