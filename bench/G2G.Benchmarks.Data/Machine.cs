using System.Globalization;
using System.Runtime.InteropServices;

namespace G2G.Benchmarks.Data;

/// <summary>The machine a run measured on, for its report.</summary>
internal static class Machine
{
    public static Dictionary<string, string> Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["cpu"] = cpu ?? RuntimeInformation.ProcessArchitecture.ToString(),
            ["memory"] = $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0} GiB",
            ["os"] = RuntimeInformation.OSDescription,
            [".NET"] = RuntimeInformation.FrameworkDescription,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        };
    }
}
