using System.Security.Claims;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2G.Web.Api;

/// <summary>Small helpers shared by the resource endpoints.</summary>
internal static class ApiResults
{
    /// <summary>The caller's name as recorded in the audit log: the user id, or a system client's configured name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>The request's caller; endpoints under /api/v1 require one.</summary>
    public static Caller Caller(this HttpContext http) =>
        http.RequestServices.GetRequiredService<CallerContext>().Current
        ?? throw new InvalidOperationException("The endpoint requires a signed-in caller.");

    /// <summary>The weak ETag of an instance version; tasks carry their instance's version.</summary>
    public static string ETag(int version) => $"W/\"{version}\"";

    /// <summary>400 with the field errors when required fields are missing; null when the request is complete.</summary>
    public static ValidationProblem? Require(params (string Field, string? Value)[] fields)
    {
        var missing = fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Field, ApiText.Get("Required", f.Field))).ToArray();
        return missing.Length == 0 ? null : Invalid(missing);
    }

    /// <summary>400 <c>validation</c> with the messages per field.</summary>
    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: ApiText.Title("validation"), type: ApiProblems.TypeOf("validation"),
            extensions: new Dictionary<string, object?> { ["code"] = "validation" });

    /// <summary>400 <c>validation</c> with one message per field.</summary>
    public static ValidationProblem Invalid(params (string Field, string Message)[] errors) =>
        Invalid(errors.ToDictionary(e => e.Field, e => new[] { e.Message }));

    /// <summary>400 <c>validation</c> with one field error.</summary>
    public static ValidationProblem Invalid(string field, string message) => Invalid((field, message));

    /// <summary>400 <c>validation</c>: <paramref name="value"/> is not one of <paramref name="known"/>.</summary>
    public static ValidationProblem NotOneOf(string field, string value, IEnumerable<string> known) =>
        Invalid(field, ApiText.Get("NotOneOf", value, string.Join(", ", known)));

    /// <summary>A problem with its stable code, e.g. a 404 the handler finds itself.</summary>
    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(ApiProblems.Problem(status, code, detail));

    /// <summary>Runs a command that answers nothing: 204.</summary>
    public static async Task<NoContent> NoContentAsync(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await work.ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The instance versions the request's If-Match names (<see cref="ETag"/>s), for the command to compare with the instance
    /// it loads; null without If-Match or with <c>*</c>. A tag that is not one of ours names no version, so it matches none.
    /// </summary>
    public static IReadOnlyCollection<int>? IfMatch(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || ifMatch.Trim() == "*")
            return null;
        return [.. ifMatch.Split(',').Select(v => v.Trim())
            .Where(v => v.StartsWith("W/\"", StringComparison.Ordinal) && v.EndsWith('"') && v.Length > 4)
            .Select(v => int.TryParse(v.AsSpan(3, v.Length - 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1)
            .Where(version => version >= 0)];
    }
}
