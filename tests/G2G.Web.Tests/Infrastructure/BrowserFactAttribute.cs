using G2G.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// A browser test against the test class's database (a <see cref="DatabaseFactAttribute"/> that also needs Chromium):
/// skipped with the reason when Chromium is not installed or the class's database is unavailable.
/// </summary>
[XunitTestCaseDiscoverer("G2G.Web.Tests.Infrastructure.BrowserFactDiscoverer", "G2G.Web.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute;

/// <summary>Skips without Chromium; otherwise decides as <see cref="DatabaseFactDiscoverer"/>.</summary>
public sealed class BrowserFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (new ChromiumFactAttribute().Skip is { } reason)
        {
            return [new SkippedTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod, reason)];
        }
        return new DatabaseFactDiscoverer(diagnosticMessageSink).Discover(discoveryOptions, testMethod, factAttribute);
    }
}
