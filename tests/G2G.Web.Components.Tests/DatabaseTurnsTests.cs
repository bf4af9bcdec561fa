using G2G.Web.Components.Shell;

namespace G2G.Web.Components.Tests;

/// <summary>Components of one circuit that load at once use its one database context in turns, never together.</summary>
public sealed class DatabaseTurnsTests
{
    [Fact]
    public async Task ASecondLoad_WaitsUntilTheFirstIsDone_AndAFailureFreesTheTurn()
    {
        using var turns = new DatabaseTurns();
        var firstMayEnd = new TaskCompletionSource();
        var secondStarted = false;

        var first = turns.RunAsync(async () => { await firstMayEnd.Task; return 1; });
        var second = turns.RunAsync(() => { secondStarted = true; return Task.FromResult(2); });
        await Task.Delay(50);
        Assert.False(secondStarted);

        firstMayEnd.SetResult();
        var results = await Task.WhenAll(first, second);
        Assert.Equal([1, 2], results);

        await Assert.ThrowsAsync<InvalidOperationException>(() => turns.RunAsync<int>(() => throw new InvalidOperationException("query failed")));
        Assert.Equal(3, await turns.RunAsync(() => Task.FromResult(3)));
    }

    [Fact]
    public async Task AWaitingLoad_IsCancelledWhenThePersonLeaves()
    {
        using var turns = new DatabaseTurns();
        var firstMayEnd = new TaskCompletionSource();
        var first = turns.RunAsync(async () => { await firstMayEnd.Task; return 1; });
        using var leaving = new CancellationTokenSource();

        var second = turns.RunAsync(() => Task.FromResult(2), leaving.Token);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        firstMayEnd.SetResult();
        Assert.Equal(1, await first);
    }
}
