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

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Demo province 示范省 created with {Count} users, all with the password {Password} (roles: {Roles}). Users: {Users}. Set Demo:Seed=false in production.")]
    public static partial void DemoSeeded(ILogger logger, int count, string password, string roles, string users);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The demo province could not be created: {Problems}")]
    public static partial void DemoSeedFailed(ILogger logger, string problems);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Calendar folder {Folder}: {Loaded} years loaded, {Unchanged} unchanged, {NotAnnounced} not announced, {Refused} refused")]
    public static partial void CalendarLoaded(ILogger logger, string folder, int loaded, int unchanged, int notAnnounced, int refused);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Code}: {Message}")]
    public static partial void CalendarWarning(ILogger logger, string code, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "Demo work: {Count} instances (请假, 出差申请, 差旅报销, 会议申请) in every state (waiting, overdue, sent back, rejected, completed)")]
    public static partial void DemoWorkSeeded(ILogger logger, int count);
}
