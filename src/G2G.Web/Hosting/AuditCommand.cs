using System.Globalization;
using G2G.Runtime.Audit;
using Microsoft.Extensions.Options;

namespace G2G.Web.Hosting;

/// <summary>
/// The operator's commands on the hash chains, run instead of serving: <c>audit verify [--instance N] [--since DATE]</c>
/// verifies the chains (the same code as the admin API) and exits 0 when intact, 3 with the first break of each kind;
/// <c>audit new-key</c> adds a key to the event log's key file and makes it current (rotation). Bad arguments exit 2.
/// </summary>
internal static class AuditCommand
{
    public const int Intact = 0, Usage = 2, Broken = 3;

    public static bool IsRequested(string[] args) => args is ["audit", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var output = Console.Out;
        switch (args)
        {
            case ["audit", "verify", .. var options]:
                return Parse(options, out var problem) is { } scope
                    ? await VerifyAsync(app, scope, output, app.Lifetime.ApplicationStopping)
                    : UsageError(problem);
            case ["audit", "new-key"]:
                return NewKey(app, output);
            default:
                return UsageError($"unknown command '{string.Join(' ', args)}'");
        }
    }

    private static async Task<int> VerifyAsync(WebApplication app, AuditVerificationScope scope, TextWriter output, CancellationToken cancellationToken)
    {
        await using var services = app.Services.CreateAsyncScope();
        var verifier = services.ServiceProvider.GetRequiredService<AuditVerifier>();
        var started = DateTime.UtcNow;
        var what = scope.InstanceId is { } id ? $"the event log of instance {id}"
            : scope.Since is { } since ? $"the event logs of instances started since {since:yyyy-MM-dd}"
            : "every instance's event log, the shared audit chains and the anchors";
        await output.WriteLineAsync($"Verifying {what} …");
        var result = await verifier.VerifyAsync(scope, (chains, records) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … {chains:N0} chains, {records:N0} records so far ({(DateTime.UtcNow - started).TotalSeconds:0} s)")),
            cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Checked {result.Chains:N0} chains with {result.Records:N0} records in {(DateTime.UtcNow - started).TotalSeconds:0.0} s."));
        await output.WriteLineAsync(result.LatestAnchor is var (seq, at)
            ? string.Create(CultureInfo.InvariantCulture, $"Latest anchor: {seq:N0}, {at:yyyy-MM-dd HH:mm:ss} UTC.")
            : scope.OnlyInstances ? "Anchors not checked (some instances only)." : "No anchor yet: the job executor appends one when it starts and then every Runtime:EventLog:AnchorInterval.");
        if (result.Intact)
        {
            await output.WriteLineAsync("Intact.");
            return Intact;
        }
        foreach (var broken in result.Breaks)
            await output.WriteLineAsync($"BROKEN ({broken.Kind}): {broken.Chain}, record {broken.Seq}: {broken.Reason}");
        return Broken;
    }

    private static int NewKey(WebApplication app, TextWriter output)
    {
        var options = app.Services.GetRequiredService<IOptions<EventLogOptions>>().Value;
        if (options.Keys.Count > 0)
            return UsageError("the keys are configured (Runtime:EventLog:Keys); add the new key there and set Runtime:EventLog:CurrentKey");
        var file = Path.GetFullPath(options.KeyFile, app.Environment.ContentRootPath);
        var id = EventLogKeys.AddKey(file);
        output.WriteLine($"Added key {id} to {file} and made it current. Restart every node (they must share this file); keep the old keys: they verify older records.");
        return Intact;
    }

    private static AuditVerificationScope? Parse(string[] options, out string problem)
    {
        var scope = AuditVerificationScope.All;
        problem = "";
        for (var i = 0; i < options.Length; i += 2)
        {
            var value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--instance" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    scope = scope with { InstanceId = id };
                    break;
                case "--since" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since):
                    scope = scope with { Since = since };
                    break;
                default:
                    problem = $"'{options[i]} {value}' is not --instance <id> or --since <date>";
                    return null;
            }
        }
        return scope;
    }

    private static int UsageError(string problem)
    {
        Console.Error.WriteLine($"audit: {problem}.");
        Console.Error.WriteLine("usage: audit verify [--instance <id>] [--since <yyyy-MM-dd>] | audit new-key");
        return Usage;
    }
}
