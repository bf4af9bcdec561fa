using System.Globalization;

namespace G2G.Engine.Execution;

/// <summary>Stable codes for commands the engine refuses. A refused command changes nothing.</summary>
public enum RejectionCode
{
    NotRunning,
    AlreadyStarted,
    TaskNotFound,
    TimerNotFound,
    NoMatchingSubscription,
    InvalidTarget,
    NotAllowed,
    NothingToWithdraw,
    IncidentNotFound,
    InvalidStartEvent,
}

/// <summary>
/// The command does not apply to the instance in its current state; nothing was changed. Made by
/// <see cref="Rejections"/>: besides the English <see cref="Exception.Message"/> it carries the precise
/// <see cref="Reason"/> and its <see cref="Arguments"/>, so a host can say the same in its user's language.
/// </summary>
public sealed class CommandRejectedException : InvalidOperationException
{
    internal CommandRejectedException(RejectionCode code, string reason, string template, params object?[] arguments)
        : base(string.Format(CultureInfo.InvariantCulture, template, arguments))
    {
        Code = code;
        Reason = reason;
        Template = template;
        Arguments = arguments;
    }

    public RejectionCode Code { get; }

    /// <summary>The stable name of the precise reason (a <see cref="Rejections"/> method's name).</summary>
    public string Reason { get; }

    /// <summary>The English composite format of the message; <see cref="Arguments"/> fill its <c>{0}</c>, <c>{1}</c> ….</summary>
    public string Template { get; }

    public IReadOnlyList<object?> Arguments { get; }
}
