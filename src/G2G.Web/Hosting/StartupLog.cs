namespace G2G.Web.Hosting;

/// <summary>The host's own start-up log lines, as structured events.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "G2G is listening on {Urls}")]
    public static partial void Listening(ILogger logger, string urls);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "G2G cannot start: {Reason}")]
    public static partial void CannotStart(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Workflows in {Folder}: {Created} deployed, {Unchanged} unchanged, {Refused} refused, {Forms} forms")]
    public static partial void WorkflowsDeployed(ILogger logger, string folder, int created, int unchanged, int refused, int forms);
}
