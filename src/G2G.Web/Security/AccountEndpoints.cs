using G2G.Runtime.Security;
using G2G.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace G2G.Web.Security;

/// <summary>
/// The sign-in page's form posts: /account/signin and /account/signout. Both carry the antiforgery token the pages
/// render, and a post without it is refused (400); sign-in shares the API's rate limit and lockout.
/// </summary>
internal static class AccountEndpoints
{
    public const string SignInPath = "/account/signin";
    public const string SignOutPath = "/account/signout";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignInPath, async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext http, PasswordSignIn signIn) =>
        {
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                return BackToSignIn("missing", returnUrl);
            return await signIn.SignInAsync(http, userName, password) switch
            {
                SignInOutcome.SignedIn => Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "~/"),
                SignInOutcome.LockedOut => BackToSignIn("locked", returnUrl),
                _ => BackToSignIn("invalid", returnUrl),
            };
        }).RequireRateLimiting(SecurityExtensions.SignInRateLimit).ExcludeFromDescription();

        // No form field is bound here, so the antiforgery middleware would not refuse a forged post: check the token itself.
        app.MapPost(SignOutPath, async (HttpContext http, IAntiforgery antiforgery, AccessRefusals refusals) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                await refusals.RecordAsync(new AccessRefusal(http.User.Actor(), "sign-out", SignOutPath, "missing or invalid antiforgery token"),
                    SignOutPath, http.RequestAborted);
                return Results.Text("The antiforgery token is missing or invalid.", statusCode: StatusCodes.Status400BadRequest);
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("~/signin");
        }).ExcludeFromDescription();
    }

    /// <summary>Where a refused sign-in form goes back to, with the reason for the page to show.</summary>
    public static IResult BackToSignIn(string error, string? returnUrl) =>
        Results.LocalRedirect($"~/signin?error={error}" + (IsLocal(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl!)}" : ""));

    /// <summary>Only paths of this site are followed after sign-in (no open redirect); control characters never are.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
