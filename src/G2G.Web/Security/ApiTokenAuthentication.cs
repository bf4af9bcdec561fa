using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace G2G.Web.Security;

/// <summary>
/// Bearer tokens for other systems: <c>Api:Tokens:&lt;name&gt;</c> = secret (set by environment variable or a
/// secret store, never in a file in the repository). The caller becomes <c>&lt;name&gt;</c>. No tokens
/// configured means no caller is let in.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        foreach (var token in configuration.GetSection("Api:Tokens").GetChildren())
        {
            if (string.IsNullOrEmpty(token.Value))
                continue;
            // Hashes of equal length compared in constant time: the comparison leaks nothing about the secret.
            if (CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(token.Value))))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, token.Key), new Claim(ClaimTypes.Role, "system")], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }
        return Task.FromResult(AuthenticateResult.Fail("The bearer token is not valid."));
    }
}
