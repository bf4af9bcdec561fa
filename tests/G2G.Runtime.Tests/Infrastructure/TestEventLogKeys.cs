using G2G.Runtime.Audit;

namespace G2G.Runtime.Tests.Infrastructure;

/// <summary>
/// The event-log key of the runtime's tests, configured in every test host and worker process (<c>Runtime:EventLog:Keys:1</c>),
/// so chains written by one process verify in another.
/// </summary>
public static class TestEventLogKeys
{
    public const string Key = "ZzJnLXRlc3RzLWV2ZW50LWxvZy1rZXktMzItYnl0ZXMhIQ==";

    public const string Setting = "Runtime:EventLog:Keys:1";

    public static EventLogKeys Ring { get; } = new(new Dictionary<int, byte[]> { [1] = Convert.FromBase64String(Key) });
}
