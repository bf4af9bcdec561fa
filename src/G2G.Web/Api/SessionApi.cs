using System.Security.Claims;
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
        var session = app.MapGroup($"{ApiExtensions.Prefix}/session").WithTags("Session");
        session.MapPost("/", SignInAsync).AllowAnonymous().RequireRateLimiting(SecurityExtensions.SignInRateLimit)
            .WithSummary("Signs in with user name and password; sets the session cookie and returns the CSRF token. "
                + "Rate limited per client address; an account is locked for a while after repeated failures.");
        session.MapGet("/", async (HttpContext http, CallerContext callers, UserManager<G2GUser> users, IAntiforgery antiforgery) =>
            Results.Ok(await ViewAsync(http, callers.Current!, users, antiforgery))).RequireAuthorization()
            .WithSummary("The caller and a fresh CSRF token.");
        session.MapDelete("/", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequireAuthorization().WithSummary("Signs out (ends the session cookie).");
    }

    private static async Task<IResult> SignInAsync(SignInRequest body, HttpContext http, UserManager<G2GUser> users, SignInManager<G2GUser> signIns,
        CallerDirectory directory, CallerContext callers, IAntiforgery antiforgery, AccessRefusals refusals)
    {
        if (ApiResults.Require(("userName", body.UserName), ("password", body.Password)) is { } incomplete)
            return incomplete;
        var user = await users.FindByNameAsync(body.UserName!.Trim());
        var result = user is { IsActive: true } ? await signIns.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: true) : SignInResult.Failed;
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "account locked out" : "wrong user name or password";
            await refusals.RecordAsync(new AccessRefusal(body.UserName, "sign-in", $"user {body.UserName}", reason), http.Request.Path, http.RequestAborted);
            return result.IsLockedOut
                ? Problem(StatusCodes.Status401Unauthorized, "locked-out", "The account is locked",
                    "Too many failed sign-ins; try again later or ask an administrator to unlock the account.")
                : Problem(StatusCodes.Status401Unauthorized, "invalid-credentials", "Sign-in failed", "The user name or the password is wrong.");
        }
        var caller = await directory.FindAsync(user!.Id, http.RequestAborted);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Id), new Claim(ClaimTypes.GivenName, user.DisplayName)],
            CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal; // the antiforgery token is bound to the signed-in user
        callers.Current = caller;
        return Results.Ok(await ViewAsync(http, caller!, users, antiforgery));
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
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<AccessRefusals>().RecordAsync(
            new AccessRefusal(http.Connection.RemoteIpAddress?.ToString() ?? "local", "sign-in", http.Request.Path, "too many sign-in attempts"), http.Request.Path, cancellationToken);
        await Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many sign-in attempts",
            $"Wait {retryAfter.TotalSeconds:0} seconds before signing in again.").ExecuteAsync(http);
    }

    private static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(ApiProblems.Problem(status, code, title, detail));
}
