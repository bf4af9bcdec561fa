using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace G2G.Web.Api;

/// <summary>
/// An /api path no operation has is 404 whatever the method. Routing answers 405 when an endpoint's pattern matches the
/// path for another method without looking at its constraints (<c>/tasks/{id:long}</c> for <c>POST /tasks/abc</c>), and
/// the pages' routes are endpoints too; so a 405 stands only when an API operation matches the path, constraints
/// included. Otherwise the answer is the 404 <c>not-found</c> problem of an unknown path.
/// </summary>
internal sealed class ApiUnmatchedPaths(RequestDelegate next, EndpointDataSource endpoints, ParameterPolicyFactory policies)
{
    private sealed record Operation(RoutePattern Pattern, TemplateMatcher Matcher);

    private readonly Lazy<Operation[]> _operations = new(() => [.. endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && ApiExtensions.IsApi("/" + raw.TrimStart('/')))
        .Select(e => new Operation(e.RoutePattern, new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary())))]);

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is { } endpoint and not RouteEndpoint
            && endpoint.DisplayName?.StartsWith("405", StringComparison.Ordinal) == true
            && !Array.Exists(_operations.Value, operation => Matches(http, operation)))
        {
            var request = http.Request;
            http.SetEndpoint(null);
            return TypedResults.Problem(ApiProblems.Problem(StatusCodes.Status404NotFound, "not-found",
                ApiText.Get("NoOperation", request.Method, request.Path))).ExecuteAsync(http);
        }
        return next(http);
    }

    private bool Matches(HttpContext http, Operation operation)
    {
        var values = new RouteValueDictionary();
        if (!operation.Matcher.TryMatch(http.Request.Path, values))
            return false;
        foreach (var parameter in operation.Pattern.Parameters)
        {
            foreach (var reference in parameter.ParameterPolicies)
            {
                if (policies.Create(parameter, reference) is IRouteConstraint constraint
                    && !constraint.Match(http, null, parameter.Name, values, RouteDirection.IncomingRequest))
                    return false;
            }
        }
        return true;
    }
}
