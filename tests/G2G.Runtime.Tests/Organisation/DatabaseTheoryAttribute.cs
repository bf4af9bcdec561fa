using System.Reflection;
using G2G.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>
/// The theory counterpart of <see cref="DatabaseFactAttribute"/>: runs each data row against the test class's
/// <see cref="TestDatabase"/> fixture, or reports the theory skipped with the database's reason.
/// </summary>
[XunitTestCaseDiscoverer("G2G.Runtime.Tests.Organisation.DatabaseTheoryDiscoverer", "G2G.Runtime.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

/// <summary>Skips the whole theory when the class's database is unavailable, else discovers it as xunit does.</summary>
public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var reason = UnavailableReason(testMethod.TestClass.Class.ToRuntimeType());
        return reason is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new SkippedTestCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }

    private static string? UnavailableReason(Type testClass) =>
        testClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => typeof(TestDatabase).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetProperty("UnavailableReason", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string)
            .FirstOrDefault(r => r is not null);
}
