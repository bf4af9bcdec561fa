using System.Text.Json;
using System.Text.RegularExpressions;
using G2G.Runtime;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace G2G.Web.Api;

/// <summary>
/// Turns runtime refusals and unreadable requests under /api into problem+json with a stable <c>code</c>, and any
/// other failure into a 500 problem without internals. No exception reaches a client as a stack trace. Refusals
/// of the access rules are appended to the audit log's access chain. Titles, the runtime's reasons (<see cref="RuntimeText"/>)
/// and field errors are in the request's language; codes are not.
/// </summary>
internal sealed partial class ApiProblems(IProblemDetailsService problems, AccessRefusals refusals, TimeProvider clock, ILogger<ApiProblems> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path;
        if (!ApiExtensions.IsApi(path))
            return false; // pages have their own error page
        if (exception is RuntimeException { Refusal: { } refusal })
            await refusals.RecordAsync(refusal, $"{httpContext.Request.Method} {path}", CancellationToken.None).ConfigureAwait(false);
        var problem = exception switch
        {
            RuntimeException { FieldErrors: { } fields } refused => Validation(
                fields.ToDictionary(f => f.Key, f => Array.ConvertAll(f.Value, text => text.InCurrentCulture())), refused.Text.InCurrentCulture()),
            RuntimeException { RetryAt: { } retryAt } refused => TooSoon(httpContext, refused, retryAt),
            RuntimeException refused => FromRuntime(refused),
            BadHttpRequestException bad => FromBadRequest(bad, httpContext.Request),
            _ when DatabaseOutage.Of(exception) is { } outage => Unavailable(httpContext, outage, exception, path),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(exception, path);
            problem = Problem(StatusCodes.Status500InternalServerError, "internal-error", ApiText.Get("InternalError"));
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }

    private static ProblemDetails FromRuntime(RuntimeException refused)
    {
        var status = refused.Code switch
        {
            RuntimeErrorCode.NotFound => StatusCodes.Status404NotFound,
            RuntimeErrorCode.Conflict => StatusCodes.Status409Conflict,
            RuntimeErrorCode.NotAllowed => StatusCodes.Status403Forbidden,
            RuntimeErrorCode.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            RuntimeErrorCode.TooSoon => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var problem = Problem(status, Code(refused.Code), refused.Text.InCurrentCulture());
        if (refused.Details.Count > 0)
            problem.Extensions["errors"] = refused.Details.Select(d => d.InCurrentCulture()).ToList();
        return problem;
    }

    /// <summary>Done too recently (催办 the same task again within the hour): 429 with <c>retryAt</c> and Retry-After in seconds.</summary>
    private ProblemDetails TooSoon(HttpContext httpContext, RuntimeException refused, DateTimeOffset retryAt)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling((retryAt - clock.GetUtcNow()).TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = FromRuntime(refused);
        problem.Extensions["retryAt"] = retryAt.ToUniversalTime();
        return problem;
    }

    /// <summary>The database failed, not the request: 503 with Retry-After, so clients send it again; logged as a warning.</summary>
    private ProblemDetails Unavailable(HttpContext httpContext, DatabaseOutage.Kind outage, Exception exception, string path)
    {
        LogDatabaseOutage(outage, path, exception.GetBaseException().Message);
        httpContext.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "database-unavailable", ApiText.Get("Database" + outage));
    }

    /// <summary>A body or parameter the endpoint cannot bind: the field it concerns when known.</summary>
    private static ProblemDetails FromBadRequest(BadHttpRequestException bad, HttpRequest request)
    {
        switch (bad.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                return Problem(bad.StatusCode, "unsupported-media-type", ApiText.Get("JsonExpected", request.ContentType));
            case StatusCodes.Status413PayloadTooLarge:
                return Problem(bad.StatusCode, "too-large", ApiText.Get("BodyTooLarge", request.HttpContext.Features
                    .Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize));
        }
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 2 } jsonPath ? jsonPath[2..] : "body";
            if (UnmappedMember().IsMatch(json.Message))
                return Validation(new() { [field] = [ApiText.Get("UnknownField")] }, null);
            return Validation(new() { [field] = [ApiText.Get(field == "body" ? "InvalidBody" : "InvalidValue")] }, null);
        }
        if (ParameterName().Match(bad.Message) is { Success: true } match)
        {
            var missing = bad.Message.Contains("not provided", StringComparison.Ordinal) || bad.Message.Contains("no body", StringComparison.Ordinal);
            var name = match.Groups["name"].Value;
            return Validation(new() { [name] = [missing ? ApiText.Get("Required", name) : ApiText.Get("InvalidValue")] }, null);
        }
        return Problem(StatusCodes.Status400BadRequest, "bad-request", bad.Message);
    }

    private static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors, string? detail) => new HttpValidationProblemDetails(errors)
    {
        Status = StatusCodes.Status400BadRequest, Title = ApiText.Title("validation"), Detail = detail,
        Type = TypeOf("validation"), Extensions = { ["code"] = "validation" },
    };

    /// <summary>A problem with the stable <paramref name="code"/> and its title in the request's language.</summary>
    public static ProblemDetails Problem(int status, string code, string? detail) => new()
    {
        Status = status,
        Title = ApiText.Title(code),
        Detail = detail,
        Type = TypeOf(code),
        Extensions = { ["code"] = code },
    };

    public static string TypeOf(string code) => $"https://g2g.dev/problems/{code}";

    /// <summary>Stable codes: not-found, conflict, not-allowed, invalid, definition-invalid, not-cleared, precondition-failed, too-soon.</summary>
    public static string Code(RuntimeErrorCode code) => code switch
    {
        RuntimeErrorCode.NotFound => "not-found",
        RuntimeErrorCode.Conflict => "conflict",
        RuntimeErrorCode.NotAllowed => "not-allowed",
        RuntimeErrorCode.DefinitionInvalid => "definition-invalid",
        RuntimeErrorCode.NotCleared => "not-cleared",
        RuntimeErrorCode.PreconditionFailed => "precondition-failed",
        RuntimeErrorCode.TooSoon => "too-soon",
        _ => "invalid",
    };

    // "Failed to bind parameter "int? page" from "x"", "Required parameter "StartInstanceRequest body" was not provided …"
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();

    /// <summary>System.Text.Json's message for a field the target type lacks (<c>UnmappedMemberHandling.Disallow</c>).</summary>
    [GeneratedRegex("^The JSON property '.*' could not be mapped to any \\.NET member", RegexOptions.Singleline)]
    private static partial Regex UnmappedMember();

    [LoggerMessage(LogLevel.Warning, "Database unavailable ({Outage}) on {Path}: {Reason}")]
    private partial void LogDatabaseOutage(DatabaseOutage.Kind outage, string path, string reason);

    [LoggerMessage(LogLevel.Error, "Unhandled error on {Path}")]
    private partial void LogUnhandled(Exception exception, string path);
}
