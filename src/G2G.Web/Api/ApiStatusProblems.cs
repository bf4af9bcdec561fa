namespace G2G.Web.Api;

/// <summary>
/// Problems the framework writes for a bare status under /api (401 of the authentication, 405 of the routing,
/// an /api path no operation matches): each gets the stable <c>code</c> of its status, a title in the request's language and a
/// detail saying what to do.
/// </summary>
internal static class ApiStatusProblems
{
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "not-allowed",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status412PreconditionFailed => "precondition-failed",
        StatusCodes.Status413PayloadTooLarge => "too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status429TooManyRequests => "rate-limited",
        >= 500 => "internal-error",
        _ => "bad-request",
    };

    /// <summary>Completes a problem that has no code yet (the framework's own); ours already carry one.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
            return;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = CodeFor(status);
        problem.Extensions["code"] = code;
        problem.Type = ApiProblems.TypeOf(code);
        problem.Title = ApiText.Title(code);
        problem.Detail ??= status switch
        {
            StatusCodes.Status401Unauthorized => ApiText.Get("Unauthenticated"),
            StatusCodes.Status403Forbidden => ApiText.Get("Forbidden"),
            StatusCodes.Status404NotFound => ApiText.Get("NoOperation", request.Method, request.Path),
            StatusCodes.Status405MethodNotAllowed => ApiText.Get("MethodNotAllowed", request.Method, request.Path),
            StatusCodes.Status415UnsupportedMediaType => ApiText.Get("JsonExpected", request.ContentType),
            >= 500 => ApiText.Get("InternalError"),
            _ => null,
        };
    }
}
