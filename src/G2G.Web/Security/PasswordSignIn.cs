using System.Security.Claims;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace G2G.Web.Security;

/// <summary>How a password sign-in ended.</summary>
internal enum SignInOutcome { SignedIn, InvalidCredentials, LockedOut }

/// <summary>
/// One sign-in with user name and password, for the API and the sign-in page alike: Identity checks the password
/// hash and counts failures (lockout), a deactivated user cannot sign in, every failure is audited, and success
/// issues the session cookie and makes the person the request's caller.
/// </summary>
internal sealed class PasswordSignIn(
    UserManager<G2GUser> users, SignInManager<G2GUser> signIns, CallerDirectory directory, CallerContext callers, AccessRefusals refusals)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        var result = user is { IsActive: true } ? await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true) : SignInResult.Failed;
        var caller = result.Succeeded ? await directory.FindAsync(user!.Id, http.RequestAborted) : null;
        if (caller is null)
        {
            var outcome = result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials;
            await refusals.RecordAsync(new AccessRefusal(userName, "sign-in", $"user {userName}",
                outcome == SignInOutcome.LockedOut ? "account locked out" : "wrong user name or password"), http.Request.Path, http.RequestAborted);
            return outcome;
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user!.Id), new Claim(ClaimTypes.Name, user.Id), new Claim(ClaimTypes.GivenName, user.DisplayName)],
            CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal; // an antiforgery token issued in this response is bound to the signed-in user
        callers.Current = caller;
        return SignInOutcome.SignedIn;
    }
}
