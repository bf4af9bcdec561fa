using System.Collections.Concurrent;
using System.Security.Claims;
using Bunit;
using G2G.Web.Components.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The header's badges and the node's one poll behind them (<see cref="BadgeBoard"/>): each round reads each person with an
/// open page once, hands changed counts to their pages, and leaves alone the pages whose browser is away.
/// </summary>
public sealed class ShellBadgesTests : WorkContext
{
    private readonly Counter _counter = new();
    private readonly BadgeBoard _board;

    public ShellBadgesTests()
    {
        _board = new BadgeBoard(_counter, Options.Create(new ShellOptions()), NullLogger<BadgeBoard>.Instance);
        Context.Services.AddSingleton<IBadgeCounter>(_counter);
        Context.Services.AddSingleton(_board);
        Context.Services.AddScoped<CircuitBadges>();
    }

    [Fact]
    public async Task TheHeader_ShowsTheCountsItRead_AndThoseOfLaterRounds_UntilItIsClosed()
    {
        _counter.Set("zheng.kai", new BadgeCounts(2, 1, 0));
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var header = Context.Render<ShellBadges>(p => p.AddCascadingValue(SignedIn("zheng.kai")));
        Assert.Equal(("2", "1", "0"), Shown(header));
        Assert.Equal(1, _board.Watched);

        _counter.Set("zheng.kai", new BadgeCounts(3, 1, 4)); // a task and four notifications arrive, on any node
        await _board.RefreshAsync(CancellationToken.None);
        header.WaitForAssertion(() => Assert.Equal(("3", "1", "4"), Shown(header)));

        await Context.DisposeComponentsAsync(); // the page is left
        Assert.Equal(0, _board.Watched);
        await _board.RefreshAsync(CancellationToken.None);
        Assert.Equal(2, _counter.Reads("zheng.kai")); // the first render and one round: nothing read once it was closed
    }

    [Fact]
    public async Task ARound_ReadsEveryoneTogether_EachPersonOnce_AndHandsOverOnlyCountsThatChanged()
    {
        var circuit = Services.GetRequiredService<CircuitBadges>();
        var shown = new ConcurrentQueue<(string Page, BadgeCounts Counts)>();
        Func<BadgeCounts, Task> Page(string name) => counts =>
        {
            shown.Enqueue((name, counts));
            return Task.CompletedTask;
        };
        _counter.Set("wu.fang", new BadgeCounts(5, 0, 0));
        _counter.Set("zheng.kai", new BadgeCounts(1, 0, 0));
        using var first = circuit.Watch("wu.fang", new BadgeCounts(4, 0, 0), Page("wu.fang, first tab"));
        using var second = circuit.Watch("wu.fang", new BadgeCounts(5, 0, 0), Page("wu.fang, second tab"));
        using var other = circuit.Watch("zheng.kai", new BadgeCounts(1, 0, 0), Page("zheng.kai"));

        await _board.RefreshAsync(CancellationToken.None);

        Assert.Equal([("wu.fang, first tab", new BadgeCounts(5, 0, 0))], shown);
        Assert.Equal((1, 1, 1), (_counter.Asked, _counter.Reads("wu.fang"), _counter.Reads("zheng.kai"))); // everyone in one read
    }

    [Fact]
    public async Task APageWhoseBrowserIsAway_IsNeitherReadNorShown_UntilItReconnects()
    {
        var circuit = Services.GetRequiredService<CircuitBadges>();
        var shown = new List<BadgeCounts>();
        using var watch = circuit.Watch("wu.fang", BadgeCounts.None, counts =>
        {
            shown.Add(counts);
            return Task.CompletedTask;
        });
        _counter.Set("wu.fang", new BadgeCounts(1, 0, 0));

        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        await _board.RefreshAsync(CancellationToken.None);
        Assert.Empty(shown);
        Assert.Equal(0, _counter.Reads("wu.fang"));

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        await _board.RefreshAsync(CancellationToken.None);
        Assert.Equal([new BadgeCounts(1, 0, 0)], shown);

        await circuit.OnCircuitClosedAsync(null!, CancellationToken.None);
        Assert.Equal(0, _board.Watched);
    }

    [Fact]
    public async Task CountsThatCannotBeReadNow_LeaveThePageAsItIs_AndAFailingPageDoesNotStopTheOthers()
    {
        var circuit = Services.GetRequiredService<CircuitBadges>();
        var shown = new List<BadgeCounts>();
        using var failing = circuit.Watch("wu.fang", BadgeCounts.None, _ => throw new ObjectDisposedException("renderer"));
        using var watch = circuit.Watch("wu.fang", BadgeCounts.None, counts =>
        {
            shown.Add(counts);
            return Task.CompletedTask;
        });

        _counter.Set("wu.fang", null); // the database is briefly unreachable
        await _board.RefreshAsync(CancellationToken.None);
        Assert.Empty(shown);

        _counter.Set("wu.fang", new BadgeCounts(0, 2, 0));
        await _board.RefreshAsync(CancellationToken.None);
        Assert.Equal([new BadgeCounts(0, 2, 0)], shown);
    }

    private static Task<AuthenticationState> SignedIn(string userId) =>
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));

    private static (string, string, string) Shown(IRenderedComponent<ShellBadges> header) =>
        (header.Find("[data-badge=todo]").TextContent, header.Find("[data-badge=copies]").TextContent, header.Find("[data-badge=notifications]").TextContent);

    /// <summary>Counts set by the test, per person; null stands for counts that cannot be read now.</summary>
    private sealed class Counter : IBadgeCounter
    {
        private readonly ConcurrentDictionary<string, BadgeCounts?> _counts = new();
        private readonly ConcurrentDictionary<string, int> _reads = new();

        /// <summary>How many times the board asked, for however many people.</summary>
        public int Asked { get; private set; }

        public void Set(string userId, BadgeCounts? counts) => _counts[userId] = counts;

        public int Reads(string userId) => _reads.GetValueOrDefault(userId);

        public Task<IReadOnlyDictionary<string, BadgeCounts>> CountAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
        {
            Asked++;
            foreach (var userId in userIds)
                _reads.AddOrUpdate(userId, 1, (_, n) => n + 1);
            IReadOnlyDictionary<string, BadgeCounts> counts = userIds.Where(u => _counts.GetValueOrDefault(u) is not null)
                .ToDictionary(u => u, u => _counts[u]!);
            return Task.FromResult(counts);
        }
    }
}
