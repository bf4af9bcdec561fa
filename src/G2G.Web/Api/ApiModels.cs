using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Organisation;

namespace G2G.Web.Api;

// Request bodies of /api/v1. Variables are JSON objects; dates and durations may be written
// {"$date": "…"} and {"$duration": "P3D"} (docs/expressions.md, "JSON").

/// <summary>
/// Starts an instance. <c>AgencyId</c> defaults to the caller's agency (only administrators and systems may name another);
/// <c>Classification</c> is the document's 密级 (Unclassified, Internal, Secret, HighlySecret, TopSecret), at most the caller's clearance.
/// <c>Initiator</c> is the caller; only a system token listed in <c>Api:StartOnBehalf</c> names another person.
/// </summary>
public sealed record StartInstanceRequest(string ProcessKey, Dictionary<string, Value>? Variables = null, string? BusinessKey = null,
    string? Title = null, string? AgencyId = null, int? Version = null, ClearanceLevel Classification = ClearanceLevel.Unclassified,
    string? Initiator = null);

public sealed record CompleteTaskRequest(string? Outcome = null, string? Comment = null, Dictionary<string, Value>? Variables = null);

public sealed record SendBackRequest(string Target, ResumeMode Resume = ResumeMode.FromTop, string? Comment = null);

public sealed record AddSignerRequest(string UserId, SignerPosition Position = SignerPosition.After, string? Comment = null);

public sealed record WithdrawRequest(string ElementId);

/// <summary>
/// A message. An instance it starts belongs to <c>AgencyId</c> at the 密级 <c>Classification</c> when either is named
/// (checked as a start is: the caller's own agency unless an administrator or system, at most the caller's clearance);
/// otherwise it is the sender's, unclassified. Instances already waiting for it keep their own.
/// </summary>
public sealed record MessageRequest(string Name, string? CorrelationKey = null, Dictionary<string, Value>? Variables = null,
    string? AgencyId = null, ClearanceLevel? Classification = null);

public sealed record SignalRequest(string Name, Dictionary<string, Value>? Variables = null);

public sealed record ReasonRequest(string? Reason = null);

public sealed record HandOverRequest(string UserId, string? Comment = null);

public sealed record CopyRequest(IReadOnlyList<string> Readers, string? Comment = null);

public sealed record CommentRequest(string? Comment = null);

public sealed record CountResponse(int Count);
