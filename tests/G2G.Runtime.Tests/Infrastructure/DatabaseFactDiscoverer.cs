using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace G2G.Runtime.Tests.Infrastructure;

/// <summary>
/// Finds the <see cref="TestDatabase"/> type a test class takes as <c>IClassFixture&lt;T&gt;</c> (or as a type argument of
/// its fixture) and asks its
/// static <c>UnavailableReason</c> whether the tests can run; if not, they are reported skipped with that reason.
/// </summary>
public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var reason = UnavailableReason(testMethod.TestClass.Class.ToRuntimeType());
        yield return reason is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new SkippedTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason);
    }

    private static string? UnavailableReason(Type testClass)
    {
        var databaseTypes = testClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0])
            // A fixture may also be built around a database: SomeWorld<SqliteTestDatabase>.
            .SelectMany(t => t.IsGenericType ? t.GetGenericArguments().Prepend(t) : [t])
            .Where(t => typeof(TestDatabase).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        if (databaseTypes.Count == 0)
        {
            return $"{testClass.Name} uses [DatabaseFact] but has no concrete IClassFixture<TestDatabase>.";
        }

        return databaseTypes
            .Select(t => t.GetProperty("UnavailableReason", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string)
            .FirstOrDefault(r => r is not null);
    }
}
