using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace G2G.Render.Benchmarks;

/// <summary>
/// Heap dumps of this process (the host) by dotnet-gcdump (<c>--gcdump DIR</c>): one with no circuit open, one with all of
/// them, and the types whose live bytes grew most between the two, per circuit: what an open page holds.
/// </summary>
internal static partial class HeapDump
{
    /// <summary>Where <c>dotnet tool install -g dotnet-gcdump</c> puts the tool when it is not on the PATH.</summary>
    private static string Tool =>
        Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, "dotnet-gcdump")).FirstOrDefault(File.Exists)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");

    /// <summary>Writes <c>DIR/name.gcdump</c> (the tool forces a full collection first); null when the tool failed, which is printed.</summary>
    public static async Task<string?> WriteAsync(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, name + ".gcdump"));
        var (exit, output) = await RunAsync("collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", path);
        if (exit == 0 && File.Exists(path))
            return path;
        Console.WriteLine($"    dotnet-gcdump collect failed ({exit}): {output.Trim()}");
        return null;
    }

    /// <summary>The types that grew most from <paramref name="before"/> to <paramref name="after"/>, bytes and objects per circuit.</summary>
    public static async Task PrintGrowthAsync(string before, string after, int circuits, int top = 30)
    {
        var (old, now) = (await TypesAsync(before), await TypesAsync(after));
        var growth = now.Select(t => (Type: t.Key, Bytes: t.Value.Bytes - old.GetValueOrDefault(t.Key).Bytes, Count: t.Value.Count - old.GetValueOrDefault(t.Key).Count))
            .OrderByDescending(t => t.Bytes).ToList();
        var total = growth.Sum(t => t.Bytes);
        Console.WriteLine($"    heap growth: {total / 1024.0 / circuits:0} KB per circuit over {circuits} circuits; the largest types, per circuit:");
        Console.WriteLine("    | KB per circuit | objects per circuit | type |");
        Console.WriteLine("    |---:|---:|---|");
        foreach (var (type, bytes, count) in growth.Take(top))
            Console.WriteLine($"    | {bytes / 1024.0 / circuits:0.0} | {count / (double)circuits:0.#} | {type} |");
    }

    /// <summary>
    /// Live bytes and objects by type, from <c>dotnet-gcdump report</c> (size buckets of one type added up); the bytes are an
    /// estimate, as the report gives one object's size per line (the sum matches the heap's size within about 10 %).
    /// </summary>
    private static async Task<Dictionary<string, (long Bytes, long Count)>> TypesAsync(string dump)
    {
        var (exit, output) = await RunAsync("report", dump);
        if (exit != 0)
            throw new InvalidOperationException($"dotnet-gcdump report {dump} failed: {output}");
        var types = new Dictionary<string, (long Bytes, long Count)>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var match = TypeLine().Match(line);
            if (!match.Success)
                continue;
            var type = Bucket().Replace(match.Groups["type"].Value, "").Trim();
            // The report's first column is the bytes of one object of the line (its size bucket's), the second how many.
            var (bytes, count) = types.GetValueOrDefault(type);
            var objects = Number(match.Groups["count"].Value);
            types[type] = (bytes + Number(match.Groups["bytes"].Value) * objects, count + objects);
        }
        return types;
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await errors);
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            return (-1, $"{missing.Message} (dotnet tool install -g dotnet-gcdump)");
        }
    }

    /// <summary>A line of the report: bytes of one object, objects, type (with its size bucket and assembly).</summary>
    [GeneratedRegex(@"^\s*(?<bytes>[\d,]+)\s+(?<count>[\d,]+)\s+(?<type>\S.*)$")]
    private static partial Regex TypeLine();

    /// <summary>The report's size bucket of a type, e.g. " (Bytes > 1K)".</summary>
    [GeneratedRegex(@"\s*\(Bytes\s*>\s*[\d.]+[KM]?\)")]
    private static partial Regex Bucket();
}
