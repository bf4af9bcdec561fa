using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using G2G.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace G2G.Web.Api;

public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>The signed-in person, and the antiforgery token their state-changing requests must send in <c>X-CSRF-TOKEN</c>.</summary>
public sealed record SessionView(string UserId, string? DisplayName, string? AgencyId, string? DepartmentId, ClearanceLevel Clearance,
    IReadOnlyCollection<string> Roles, string? CsrfToken);

/// <summary>/api/v1/session: sign in with a password (rate limited, lockout after repeated failures), who am I, sign out.</summary>
internal static class SessionApi
{
    public static void MapSessionApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup($"{ApiExtensions.Prefix}/session").WithTags("Session").RequireAuthorization()
            .AddEndpointFilterFactory(RequestChecks.Filter);
        ((IEndpointConventionBuilder)session).Finally(ApiDeclarations.AddSharedProblems);
        session.MapPost("/", SignInAsync).AllowAnonymous().RequireRateLimiting(SecurityExtensions.SignInRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Signs in with user name and password; sets the session cookie and returns the CSRF token. "
                + "Rate limited per client address; an account is locked for a while after repeated failures.");
        session.MapGet("/", GetAsync).WithSummary("The caller and a fresh CSRF token.");
        session.MapDelete("/", (Delegate)SignOutAsync).WithSummary("Signs out (ends the session cookie).");
    }

    private static async Task<Ok<SessionView>> GetAsync(HttpContext http, CallerContext callers, UserManager<G2GUser> users, IAntiforgery antiforgery) =>
        TypedResults.Ok(await ViewAsync(http, callers.Current!, users, antiforgery));

    private static async Task<NoContent> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SessionView>, ValidationProblem, ProblemHttpResult>> SignInAsync(SignInRequest body, HttpContext http,
        PasswordSignIn signIn, CallerContext callers, UserManager<G2GUser> users, IAntiforgery antiforgery)
    {
        if (ApiResults.Require(("userName", body.UserName), ("password", body.Password)) is { } incomplete)
            return incomplete;
        return await signIn.SignInAsync(http, body.UserName!, body.Password!) switch
        {
            SignInOutcome.SignedIn => TypedResults.Ok(await ViewAsync(http, callers.Current!, users, antiforgery)),
            SignInOutcome.LockedOut => Problem(StatusCodes.Status401Unauthorized, "locked-out", ApiText.Get("LockedOut")),
            _ => Problem(StatusCodes.Status401Unauthorized, "invalid-credentials", ApiText.Get("InvalidCredentials")),
        };
    }

    private static async Task<SessionView> ViewAsync(HttpContext http, Caller caller, UserManager<G2GUser> users, IAntiforgery antiforgery)
    {
        var user = caller.IsSystem ? null : await users.FindByIdAsync(caller.UserId);
        return new SessionView(caller.UserId, user?.DisplayName, caller.AgencyId, caller.DepartmentId, caller.Clearance, caller.Roles,
            antiforgery.GetAndStoreTokens(http).RequestToken);
    }

    /// <summary>429 with Retry-After when a client signs in too often; audited.</summary>
    public static async ValueTask RejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (http.Request.Path.Equals(AccountEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            await AccountEndpoints.BackToSignIn("rate", null).ExecuteAsync(http);
            return;
        }
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<AccessRefusals>().RecordAsync(
            new AccessRefusal(http.Connection.RemoteIpAddress?.ToString() ?? "local", "sign-in", http.Request.Path, "too many sign-in attempts"), http.Request.Path, cancellationToken);
        await Problem(StatusCodes.Status429TooManyRequests, "rate-limited", ApiText.Get("RateLimited", Math.Ceiling(retryAfter.TotalSeconds)))
            .ExecuteAsync(http);
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(ApiProblems.Problem(status, code, detail));
}
