using System.Security.Claims;
using G2G.Runtime.Security;
using G2G.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace G2G.Web.Security;

/// <summary>
/// Turns the authenticated principal into the request's <see cref="Caller"/> (read by every runtime service through
/// <see cref="CallerContext"/>). A session of a user who was deactivated or removed ends here. A state-changing API
/// request made with the session cookie must carry the antiforgery token in <c>X-CSRF-TOKEN</c>; bearer-token
/// requests carry no ambient credentials and need none.
/// </summary>
internal sealed partial class CallerMiddleware(RequestDelegate next, ILogger<CallerMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, CallerContext callers, CallerDirectory directory, IAntiforgery antiforgery, AccessRefusals refusals,
        IConfiguration configuration)
    {
        if (http.User.Identity is { IsAuthenticated: true } identity)
        {
            var caller = identity.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName
                ? Caller.ForSystem(http.User.Actor()) with { MayStartOnBehalf = StartsOnBehalf(configuration, http.User.Actor()) }
                : await directory.FindAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", http.RequestAborted);
            if (caller is null)
            {
                LogSessionEnded(http.User.Actor());
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                callers.Current = caller;
                if (identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme && NeedsCsrfCheck(http.Request)
                    && !await antiforgery.IsRequestValidAsync(http))
                {
                    await refusals.RecordAsync(new AccessRefusal(caller.UserId, http.Request.Method, http.Request.Path, "missing or invalid antiforgery token"),
                        http.Request.Path, http.RequestAborted);
                    await Results.Problem(ApiProblems.Problem(StatusCodes.Status400BadRequest, "csrf",
                        ApiText.Get("Csrf", $"{ApiExtensions.Prefix}/session", SecurityExtensions.CsrfHeader))).ExecuteAsync(http);
                    return;
                }
            }
        }
        await next(http);
    }

    /// <summary>Whether the token's name is listed (comma-separated) in <see cref="Caller.StartOnBehalfSetting"/>.</summary>
    private static bool StartsOnBehalf(IConfiguration configuration, string token) =>
        (configuration[Caller.StartOnBehalfSetting] ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(token, StringComparer.Ordinal);

    private static bool NeedsCsrfCheck(HttpRequest request) =>
        request.Path.StartsWithSegments(ApiExtensions.Prefix, StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    [LoggerMessage(LogLevel.Information, "The session of {User} ended: the user is deactivated or no longer exists")]
    private partial void LogSessionEnded(string user);
}
