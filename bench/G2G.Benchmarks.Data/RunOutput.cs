using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace G2G.Benchmarks.Data;

/// <summary>
/// Where a run keeps its things: a temp work folder (SQLite files, the host's folders) and the output folder for
/// results.json and summary.md (the work folder unless <c>--out</c> names another, in which case the work folder
/// is removed at the end).
/// </summary>
internal sealed class RunOutput(string prefix, string? outDirectory)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly long _began = Stopwatch.GetTimestamp();

    public string Work { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Folder => outDirectory ?? Work;

    /// <summary>Writes the report as results.json and its Markdown as summary.md, then removes the work folder if the output is elsewhere.</summary>
    public async Task WriteAsync(object report, string markdown)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, "results.json"), JsonSerializer.Serialize(report, report.GetType(), JsonOptions));
        await File.WriteAllTextAsync(Path.Combine(Folder, "summary.md"), markdown);
        if (Folder != Work)
            Directory.Delete(Work, recursive: true);
    }

    /// <summary>Prints the summary, the run's duration and where the files are.</summary>
    public void Print(string markdown)
    {
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Done in {Stopwatch.GetElapsedTime(_began).TotalMinutes:0.0} min; results in {Path.Combine(Folder, "results.json")} and summary.md");
    }
}
