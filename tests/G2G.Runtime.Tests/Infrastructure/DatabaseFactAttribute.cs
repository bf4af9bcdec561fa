using Xunit.Sdk;

namespace G2G.Runtime.Tests.Infrastructure;

/// <summary>
/// A fact that runs against the test class's <see cref="TestDatabase"/> fixture. Because the same method is
/// inherited by a SQLite and a PostgreSQL subclass, the skip decision is made per concrete class at
/// discovery time (<see cref="DatabaseFactDiscoverer"/>), not by a fixed <c>Skip</c> value.
/// </summary>
[XunitTestCaseDiscoverer("G2G.Runtime.Tests.Infrastructure.DatabaseFactDiscoverer", "G2G.Runtime.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatabaseFactAttribute : FactAttribute;
