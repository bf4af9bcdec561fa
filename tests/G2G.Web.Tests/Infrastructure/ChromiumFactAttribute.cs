namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// A fact that drives Debian's Chromium through Playwright; skipped with the reason when the browser is not
/// installed (./test.sh installs it with apt when it can). Playwright's own browser download is never used.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where the Debian package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Flags that run Chromium headless as root in a container without network side traffic.</summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is missing.</summary>
    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Browser tests need Chromium at {ChromiumPath} (apt-get install chromium; ./test.sh does this as root).";
        }
    }
}
