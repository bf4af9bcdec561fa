using System.Security.Claims;
using G2G.Runtime.Security;

namespace G2G.Web.Api;

/// <summary>Small helpers shared by the resource endpoints.</summary>
internal static class ApiResults
{
    /// <summary>The caller's name as recorded in the audit log: the user id, or a system client's configured name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>The request's caller; endpoints under /api/v1 require one.</summary>
    public static Caller Caller(this HttpContext http) =>
        http.RequestServices.GetRequiredService<CallerContext>().Current ?? throw new InvalidOperationException("The endpoint requires a signed-in caller.");

    /// <summary>The weak ETag of an instance version; tasks carry their instance's version.</summary>
    public static string ETag(int version) => $"W/\"{version}\"";

    /// <summary>400 with the field errors when required fields are missing; null when the request is complete.</summary>
    public static IResult? Require(params (string Field, string? Value)[] fields)
    {
        var errors = fields.Where(f => string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Field, f => new[] { $"'{f.Field}' is required." });
        return errors.Count == 0 ? null : Invalid(errors);
    }

    /// <summary>400 with one field error.</summary>
    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.", type: "https://g2g.dev/problems/validation", extensions: new Dictionary<string, object?> { ["code"] = "validation" });

    /// <summary>412 when the client's If-Match names another version than the current one.</summary>
    public static IResult? CheckIfMatch(HttpRequest request, int currentVersion)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || ifMatch == "*" || ifMatch.Split(',').Select(v => v.Trim()).Contains(ETag(currentVersion)))
            return null;
        return TypedResults.Problem(ApiProblems.Problem(StatusCodes.Status412PreconditionFailed, "precondition-failed", "The item has changed",
            $"If-Match names another version than the current {ETag(currentVersion)}; reload and try again."));
    }
}
