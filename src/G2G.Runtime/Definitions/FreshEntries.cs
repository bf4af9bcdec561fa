using System.Collections.Concurrent;

namespace G2G.Runtime.Definitions;

/// <summary>
/// Answers of a query by key, each trusted for a limited time (the caller says how long). <see cref="Forget"/>
/// drops a key at once, and an answer whose query was running while some key was forgotten is not kept, so a
/// node never keeps an answer older than its own last change. Absent answers (null) are not kept.
/// </summary>
internal sealed class FreshEntries<T>(TimeProvider clock) where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The kept answer for <paramref name="key"/> while it is fresh; otherwise <paramref name="query"/>'s, kept for <paramref name="duration"/>.</summary>
    public async Task<T?> GetAsync(string key, TimeSpan duration, Func<Task<T?>> query)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now)
            return entry.Value;
        var generation = Interlocked.Read(ref _generation);
        var found = await query().ConfigureAwait(false);
        if (found is not null && duration > TimeSpan.Zero)
        {
            _entries[key] = (found, now + duration);
            if (Interlocked.Read(ref _generation) != generation)
                _entries.TryRemove(key, out _);
        }
        return found;
    }

    /// <summary>Drops the answers for the keys <paramref name="match"/> accepts; called after a change to what they answer has committed.</summary>
    public void ForgetWhere(Func<string, bool> match)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _entries.Keys.Where(match))
            _entries.TryRemove(key, out _);
    }

    /// <summary>Drops the answer for a key; called after a change to what it answers has committed.</summary>
    public void Forget(string key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }
}
