using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace G2G.Web.Security;

/// <summary>
/// Failed sign-ins with a name that is no active account, counted as Identity counts an account's: after as many
/// failures in a row the answer is "locked-out" for as long, so the answers never tell an account from an invented
/// name. Kept per node in memory; the audit log says what really happened.
/// </summary>
internal sealed class PhantomLockout(IMemoryCache cache, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    private readonly Lock _gate = new();

    /// <summary>Whether the name is locked out now (then the attempt does not count, as for an account).</summary>
    public bool IsLockedOut(string userName) => Entry(userName) is { LockedUntil: { } until } && until > clock.GetUtcNow();

    /// <summary>Counts a failure; true when it locks the name out.</summary>
    public bool Fail(string userName)
    {
        var lockout = identity.Value.Lockout;
        lock (_gate)
        {
            var entry = Entry(userName) is { } known && !(known.LockedUntil <= clock.GetUtcNow()) ? known : new Attempts();
            entry.Failures++;
            if (entry.Failures >= lockout.MaxFailedAccessAttempts)
                entry = new Attempts { LockedUntil = clock.GetUtcNow() + lockout.DefaultLockoutTimeSpan };
            cache.Set(Key(userName), entry, lockout.DefaultLockoutTimeSpan + TimeSpan.FromMinutes(1));
            return entry.LockedUntil is not null;
        }
    }

    private Attempts? Entry(string userName) => cache.TryGetValue(Key(userName), out Attempts? entry) ? entry : null;

    private static string Key(string userName) => "g2g:phantom-lockout:" + userName.ToUpperInvariant();

    private sealed class Attempts
    {
        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; init; }
    }
}
