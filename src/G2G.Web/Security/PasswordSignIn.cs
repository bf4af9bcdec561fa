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
/// issues the session cookie and makes the person the request's caller. A name that is no active account fails
/// and locks out exactly as an account would (<see cref="PhantomLockout"/>), so answers reveal no account.
/// </summary>
internal sealed class PasswordSignIn(
    UserManager<G2GUser> users, SignInManager<G2GUser> signIns, CallerDirectory directory, CallerContext callers, AccessRefusals refusals,
    PhantomLockout phantoms)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        var result = user is { IsActive: true }
            ? await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)
            : Phantom(userName.Trim(), password);
        var caller = result.Succeeded ? await directory.FindAsync(user!.Id, http.RequestAborted) : null;
        if (caller is null)
        {
            var outcome = result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials;
            // The audit tells administrators the truth that the answer hides.
            var reason = user is { IsActive: true } ? (result.IsLockedOut ? "account locked out" : "wrong password")
                : (user is null ? "no such user" : "deactivated user") + (result.IsLockedOut ? ", answered as locked out" : "");
            await refusals.RecordAsync(new AccessRefusal(userName, "sign-in", $"user {userName}", reason), http.Request.Path,
                http.RequestAborted);
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

    /// <summary>A name without an active account: hashes the password as a check would (no timing tell) and counts the failure.</summary>
    private SignInResult Phantom(string userName, string password)
    {
        if (phantoms.IsLockedOut(userName))
            return SignInResult.LockedOut;
        _ = users.PasswordHasher.HashPassword(new G2GUser(), password);
        return phantoms.Fail(userName) ? SignInResult.LockedOut : SignInResult.Failed;
    }
}
