using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;

namespace G2G.Web.Api;

/// <summary>
/// What the OpenAPI document says each operation may answer besides its success (from the handler's TypedResults):
/// the problems every operation shares, added here by convention, and those of its own, declared with
/// <see cref="Refuses"/> where it is mapped.
/// </summary>
internal static class ApiDeclarations
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Declares the problems (403, 409, 412, 422 …) the runtime may refuse this operation with.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>
    /// Every operation may answer 400 (an invalid field or parameter), 500, and 503 <c>database-unavailable</c> (every one
    /// reads the database, if only for its caller: <see cref="DatabaseOutage"/>); one that needs a caller 401; one with an
    /// id in its path 404; one with a body 413 and 415.
    /// </summary>
    public static void AddSharedProblems(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route)
            return;
        var statuses = new List<int>
        {
            StatusCodes.Status400BadRequest, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
        };
        if (endpoint.Metadata.OfType<IAuthorizeData>().Any() && !endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            statuses.Add(StatusCodes.Status401Unauthorized);
        if (route.RoutePattern.Parameters.Any(p => p.ParameterKind != RoutePatternParameterKind.CatchAll))
            statuses.Add(StatusCodes.Status404NotFound);
        if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            statuses.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        if (endpoint.Metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            statuses.Add(StatusCodes.Status429TooManyRequests);
        var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
        foreach (var status in statuses.Where(declared.Add))
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
    }
}
