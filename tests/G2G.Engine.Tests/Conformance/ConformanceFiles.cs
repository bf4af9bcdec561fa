namespace G2G.Engine.Tests.Conformance;

/// <summary>
/// Finds the OMG MIWG conformance models in the shared folder beside the repository
/// (../shared/conformance), or where G2G_CONFORMANCE_DIR points. They are not copied into the repository.
/// </summary>
internal static class ConformanceFiles
{
    public static string? Folder { get; } = Locate();

    public static string SkipReason =>
        "The MIWG conformance folder was not found (looked for shared/conformance above the repository and G2G_CONFORMANCE_DIR).";

    public static IEnumerable<object[]> All() =>
        Folder is null
            ? [["(none)"]]
            : Directory.EnumerateFiles(Folder, "*.bpmn", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Folder, f))
                .Order(StringComparer.Ordinal)
                .Select(f => new object[] { f });

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Folder!, relative));

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("G2G_CONFORMANCE_DIR") is { Length: > 0 } configured)
            return Directory.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "conformance"), Path.Combine(dir.FullName, "..", "shared", "conformance") })
            {
                if (Directory.Exists(candidate))
                    return Path.GetFullPath(candidate);
            }
        }
        return null;
    }
}

/// <summary>A theory over the conformance models, reported as skipped (with the reason) where the folder is absent.</summary>
internal sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceFiles.Folder is null)
            Skip = ConformanceFiles.SkipReason;
    }
}
