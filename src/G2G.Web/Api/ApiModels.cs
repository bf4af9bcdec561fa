using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Web.Api;

// Request bodies of /api/v1. Variables are JSON objects; dates and durations may be written
// {"$date": "…"} and {"$duration": "P3D"} (docs/expressions.md, "JSON").

public sealed record StartInstanceRequest(string ProcessKey, Dictionary<string, Value>? Variables = null, string? BusinessKey = null,
    string? Title = null, string? AgencyId = null, int? Version = null);

public sealed record CompleteTaskRequest(string? Outcome = null, string? Comment = null, Dictionary<string, Value>? Variables = null);

public sealed record SendBackRequest(string Target, ResumeMode Resume = ResumeMode.FromTop, string? Comment = null);

public sealed record AddSignerRequest(string UserId, SignerPosition Position = SignerPosition.After, string? Comment = null);

public sealed record WithdrawRequest(string ElementId);

public sealed record MessageRequest(string Name, string? CorrelationKey = null, Dictionary<string, Value>? Variables = null);

public sealed record SignalRequest(string Name, Dictionary<string, Value>? Variables = null);

public sealed record ReasonRequest(string? Reason = null);

public sealed record HandOverRequest(string UserId, string? Comment = null);

public sealed record CopyRequest(IReadOnlyList<string> Readers, string? Comment = null);

public sealed record CommentRequest(string? Comment = null);

public sealed record CountResponse(int Count);
