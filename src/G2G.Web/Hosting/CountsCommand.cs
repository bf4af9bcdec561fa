using System.Diagnostics;
using System.Globalization;
using G2G.Runtime.Supervision;

namespace G2G.Web.Hosting;

/// <summary>
/// The operator's command on the maintained task counts supervision reads, run instead of serving: <c>counts rebuild</c>
/// counts every task again into empty counts (after a restore from a backup, or when the counts are in doubt) and exits 0.
/// Bad arguments exit 2.
/// </summary>
internal static class CountsCommand
{
    public const int Done = 0, Usage = 2;

    public static bool IsRequested(string[] args) => args is ["counts", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not ["counts", "rebuild"])
        {
            await Console.Error.WriteLineAsync($"counts: unknown command '{string.Join(' ', args)}'.");
            await Console.Error.WriteLineAsync("usage: counts rebuild");
            return Usage;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        await Console.Out.WriteLineAsync("Counting every task into the supervision counts …");
        var rows = await scope.ServiceProvider.GetRequiredService<TaskCounts>().RebuildAsync(app.Lifetime.ApplicationStopping);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Rebuilt {rows:N0} count rows in {watch.Elapsed.TotalSeconds:0.0} s."));
        return Done;
    }
}
