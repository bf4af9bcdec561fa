using G2G.Runtime.Notifications;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.Extensions.Options;

namespace G2G.Web.Components.Shell;

/// <summary>The page header's three counts for one person: open tasks (待办), unread copies (抄送我的), unread notifications.</summary>
public sealed record BadgeCounts(int ToDo, int Copies, int Notifications)
{
    public static BadgeCounts None { get; } = new(0, 0, 0);
}

/// <summary>Reads the badge counts of people as each may see them now.</summary>
public interface IBadgeCounter
{
    /// <summary>
    /// The counts of each of <paramref name="userIds"/>; a person who does not exist or was deactivated has none (nothing is
    /// theirs any more); a person whose counts cannot be read now (the database briefly unreachable) is left out, and their
    /// pages keep what they show.
    /// </summary>
    Task<IReadOnlyDictionary<string, BadgeCounts>> CountAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);
}

/// <summary>
/// The badge counts from the database, in a DI scope of their own so that they never share a DbContext with a page of a
/// circuit: everyone's inbox badges in a few grouped counts (<see cref="InboxQueries.BadgesAsync(IReadOnlyCollection{Viewer}, CancellationToken)"/>)
/// and their unread notifications in one more.
/// </summary>
internal sealed partial class DatabaseBadgeCounter(IServiceScopeFactory scopes, ILogger<DatabaseBadgeCounter> log) : IBadgeCounter
{
    public async Task<IReadOnlyDictionary<string, BadgeCounts>> CountAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var counts = new Dictionary<string, BadgeCounts>(StringComparer.Ordinal);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var directory = services.GetRequiredService<CallerDirectory>();
            var viewers = new List<Viewer>(userIds.Count);
            foreach (var userId in userIds)
            {
                if (await directory.FindAsync(userId, cancellationToken) is { } caller)
                    viewers.Add(caller.Viewer);
                else
                    counts[userId] = BadgeCounts.None; // deactivated: nothing is theirs any more
            }
            if (viewers.Count == 0)
                return counts;
            var badges = await services.GetRequiredService<InboxQueries>().BadgesAsync(viewers, cancellationToken);
            var unread = await services.GetRequiredService<NotificationInbox>().UnreadCountsAsync([.. viewers.Select(v => v.UserId)], cancellationToken);
            foreach (var (userId, (toDo, copies)) in badges)
                counts[userId] = new BadgeCounts(toDo, copies, unread.GetValueOrDefault(userId));
            return counts;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A database that is briefly unreachable must not end a page; the next round tries again.
            LogUnread(log, error, userIds.Count);
            return counts;
        }
    }

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "The badge counts of {People} people could not be read")]
    private static partial void LogUnread(ILogger logger, Exception error, int people);
}

/// <summary>
/// The node's one poll of the page header's badge counts (docs/operations.md, "Several nodes"): every
/// <c>Ui:BadgeRefreshSeconds</c> it reads the counts of everyone who has a page open on this node, together in a few grouped
/// queries (<see cref="IBadgeCounter"/>), and hands them to each page whose counts changed. A page whose browser went away (its
/// circuit disconnected, kept for reconnection) is paused (<see cref="CircuitBadges"/>): neither read nor rendered until it is
/// back. Reading the shared database is what makes a change made on any node show within that time, without a message bus
/// between nodes.
/// </summary>
public sealed partial class BadgeBoard(IBadgeCounter counter, IOptions<ShellOptions> options, ILogger<BadgeBoard> log) : BackgroundService
{
    /// <summary>How many people's counts one query reads at most: a round of many people is read in slices of this size.</summary>
    private const int PeoplePerRead = 500;

    private readonly Lock _lock = new();
    private readonly List<BadgeWatch> _watches = [];

    /// <summary>How many pages are watched (paused ones included).</summary>
    public int Watched
    {
        get
        {
            lock (_lock)
                return _watches.Count;
        }
    }

    /// <summary>
    /// Starts handing <paramref name="userId"/>'s counts to <paramref name="changed"/> whenever a round reads other counts than the
    /// page shows (<paramref name="shown"/> at first); disposing the watch ends it.
    /// </summary>
    public BadgeWatch Watch(string userId, BadgeCounts shown, Func<BadgeCounts, Task> changed)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(changed);
        var watch = new BadgeWatch(this, userId, shown, changed);
        lock (_lock)
            _watches.Add(watch);
        return watch;
    }

    internal void Remove(BadgeWatch watch)
    {
        lock (_lock)
            _watches.Remove(watch);
    }

    /// <summary>
    /// One round: reads the counts of every person with a page that is not paused, all together, and hands them to those of their
    /// pages that show other counts. A person whose counts cannot be read now keeps what their pages show.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        ILookup<string, BadgeWatch> people;
        lock (_lock)
            people = _watches.Where(w => !w.Paused).ToLookup(w => w.UserId, StringComparer.Ordinal);
        foreach (var slice in people.Select(p => p.Key).Chunk(PeoplePerRead))
        {
            var counts = await counter.CountAsync(slice, cancellationToken);
            foreach (var (userId, theirs) in counts)
            {
                foreach (var watch in people[userId])
                {
                    try
                    {
                        await watch.ShowAsync(theirs);
                    }
                    catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // A page that ended during the round (its renderer disposed) is no reason to skip the other pages.
                        LogNotShown(log, error, userId);
                    }
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.BadgeRefreshSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // Whatever failed this round, the pages keep their counts and the next round tries again.
                    LogRoundFailed(log, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "A round of the badge counts failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 32, Level = LogLevel.Debug, Message = "A page of {User} could not show its new badge counts")]
    private static partial void LogNotShown(ILogger logger, Exception error, string user);
}

/// <summary>One page's watch on its person's badge counts (<see cref="BadgeBoard.Watch"/>); disposing it ends the watch.</summary>
public sealed class BadgeWatch : IDisposable
{
    private readonly BadgeBoard _board;
    private readonly Func<BadgeCounts, Task> _changed;
    private BadgeCounts _shown;
    private volatile bool _paused;

    internal BadgeWatch(BadgeBoard board, string userId, BadgeCounts shown, Func<BadgeCounts, Task> changed)
    {
        (_board, UserId, _shown, _changed) = (board, userId, shown, changed);
    }

    public string UserId { get; }

    /// <summary>While true (the page's browser is away) the board neither reads nor hands over this page's counts.</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>True once the watch has ended.</summary>
    public bool Ended { get; private set; }

    internal async Task ShowAsync(BadgeCounts counts)
    {
        if (_paused || Ended || counts == _shown)
            return;
        _shown = counts;
        await _changed(counts);
    }

    public void Dispose()
    {
        Ended = true;
        _board.Remove(this);
    }
}
