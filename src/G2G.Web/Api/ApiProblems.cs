using G2G.Runtime;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace G2G.Web.Api;

/// <summary>
/// Turns runtime refusals into problem+json with a stable <c>code</c>, and any other failure into a
/// 500 problem without internals. No exception reaches a client as a stack trace. Refusals of the access
/// rules are appended to the audit log's access chain.
/// </summary>
internal sealed partial class ApiProblems(IProblemDetailsService problems, AccessRefusals refusals, ILogger<ApiProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is RuntimeException { Refusal: { } refusal })
            await refusals.RecordAsync(refusal, $"{httpContext.Request.Method} {httpContext.Request.Path}", CancellationToken.None).ConfigureAwait(false);
        if (exception is RuntimeException { FieldErrors: { } fields } invalidForm)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            var validation = new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value))
            {
                Status = StatusCodes.Status400BadRequest, Title = "The request has invalid fields.", Detail = invalidForm.Message,
                Type = "https://g2g.dev/problems/validation", Extensions = { ["code"] = "validation" },
            };
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = validation, Exception = exception }).ConfigureAwait(false);
        }
        var problem = exception switch
        {
            RuntimeException refused => FromRuntime(refused),
            BadHttpRequestException bad => Problem(StatusCodes.Status400BadRequest, "bad-request", "The request cannot be read.", bad.Message),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(exception, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "internal-error", "Something went wrong on the server.",
                "The error was logged; the request changed nothing that was not committed.");
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    private static ProblemDetails FromRuntime(RuntimeException refused)
    {
        var (status, title) = refused.Code switch
        {
            RuntimeErrorCode.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            RuntimeErrorCode.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            RuntimeErrorCode.NotAllowed => (StatusCodes.Status403Forbidden, "Not allowed"),
            RuntimeErrorCode.DefinitionInvalid => (StatusCodes.Status422UnprocessableEntity, "The definition is invalid"),
            _ => (StatusCodes.Status422UnprocessableEntity, "The request cannot be carried out"),
        };
        var problem = Problem(status, Code(refused.Code), title, refused.Message);
        if (refused.Details.Count > 0)
            problem.Extensions["errors"] = refused.Details;
        return problem;
    }

    public static ProblemDetails Problem(int status, string code, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://g2g.dev/problems/{code}",
        Extensions = { ["code"] = code },
    };

    /// <summary>Stable codes: not-found, conflict, not-allowed, invalid, definition-invalid.</summary>
    public static string Code(RuntimeErrorCode code) => code switch
    {
        RuntimeErrorCode.NotFound => "not-found",
        RuntimeErrorCode.Conflict => "conflict",
        RuntimeErrorCode.NotAllowed => "not-allowed",
        RuntimeErrorCode.DefinitionInvalid => "definition-invalid",
        _ => "invalid",
    };

    [LoggerMessage(LogLevel.Error, "Unhandled error on {Path}")]
    private partial void LogUnhandled(Exception exception, string path);
}
