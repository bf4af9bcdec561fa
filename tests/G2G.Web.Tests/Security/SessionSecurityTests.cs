using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Security;

/// <summary>
/// Sign-out needs the antiforgery token on the API and on the page's form; the sign-in answers tell no account from
/// an invented name, while the audit log tells administrators which it was.
/// </summary>
public abstract partial class SessionSecurityTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static readonly Uri Session = new("/api/v1/session", UriKind.Relative);
    private static readonly Uri SignOut = new("/account/signout", UriKind.Relative);

    [DatabaseFact]
    public async Task SigningOut_WithoutTheAntiforgeryToken_IsRefused_AndTheSessionGoesOn()
    {
        using var session = await SignedIn.SignInAsync(world.Factory, FinClerk, Password);
        session.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        using var apiForged = await session.Client.DeleteAsync(Session);
        await apiForged.IsProblemAsync(HttpStatusCode.BadRequest, "csrf");
        using var empty = new FormUrlEncodedContent([]);
        using var pageForged = await session.Client.PostAsync(SignOut, empty);
        Assert.Equal(HttpStatusCode.BadRequest, pageForged.StatusCode);
        using (var still = await session.Client.GetAsync(Session))
            await still.IsAsync(HttpStatusCode.OK);

        // The page's own form, with the token it renders, signs out.
        var home = await session.Client.GetStringAsync(new Uri("/", UriKind.Relative));
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", TokenPattern().Match(home).Groups[1].Value)]);
        using var signedOut = await session.Client.PostAsync(SignOut, form);
        Assert.NotEqual(HttpStatusCode.BadRequest, signedOut.StatusCode);
        using (var gone = await session.Client.GetAsync(Session))
            Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [DatabaseFact]
    public async Task AnInventedName_LocksOutExactlyAsAnAccountDoes_AndOnlyTheAuditTellsThemApart()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (account, invented) = ($"fin.lock{suffix}", $"nobody{suffix}");
        await world.CreateUserAsync(account, ClearanceLevel.Internal);

        var answers = new Dictionary<string, List<string>>();
        foreach (var name in new[] { account, invented })
        {
            using var client = world.Factory.CreateClient();
            answers[name] = [];
            for (var attempt = 1; attempt <= 7; attempt++)
            {
                using var refused = await client.PostAsJsonAsync(Session, new { userName = name, password = attempt == 7 ? Password : $"guess{attempt}" });
                answers[name].Add($"{(int)refused.StatusCode} {(await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()}");
            }
        }

        Assert.Equal(answers[account], answers[invented]);
        Assert.Equal("401 locked-out", answers[invented][^1]);
        await using var db = world.Database.CreateContext();
        var reasons = await db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.AccessChain && a.Actor == invented).Select(a => a.Comment).ToListAsync();
        Assert.Equal(7, reasons.Count);
        Assert.All(reasons, r => Assert.StartsWith("no such user", r, StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteSessionSecurityTests(SecurityWorld<SqliteTestDatabase> world) : SessionSecurityTests<SqliteTestDatabase>(world);

public sealed class PostgresSessionSecurityTests(SecurityWorld<PostgresTestDatabase> world) : SessionSecurityTests<PostgresTestDatabase>(world);
