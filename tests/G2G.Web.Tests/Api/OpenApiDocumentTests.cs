using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// The OpenAPI document against the endpoints themselves: every mapped operation is in it, and every operation it
/// lists, called in a seeded world, answers a status the document declares for it (success or problem), never a 500.
/// </summary>
public abstract partial class OpenApiDocumentTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private sealed record Operation(string Method, string Path, IReadOnlySet<string> Statuses, string? BodyType);

    [DatabaseFact]
    public async Task EveryMappedEndpoint_IsInTheDocument()
    {
        var documented = (await OperationsAsync()).Select(o => $"{o.Method} {o.Path}").ToHashSet();
        var mapped = world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(e => !e.RoutePattern.RawText!.EndsWith("openapi.json", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToList();

        Assert.NotEmpty(mapped);
        var missing = mapped.Where(m => !documented.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "not documented: " + string.Join(", ", missing));
    }

    [DatabaseFact]
    public async Task EveryDocumentedOperation_AnswersAStatusItDeclares()
    {
        var (instance, task) = await world.StartAsync(FinClerk);
        var admin = await world.SessionAsync(Admin);
        // Reads first, signing out last, so that each call still finds the world it expects.
        var operations = (await OperationsAsync()).OrderBy(o => o.Method == "GET" ? 0 : o.Path.EndsWith("/session", StringComparison.Ordinal) ? 2 : 1)
            .ThenBy(o => o.Path, StringComparer.Ordinal).ToList();
        var undeclared = new List<string>();
        foreach (var operation in operations)
        {
            var path = Placeholder().Replace(operation.Path, m => Value(operation.Path, m.Groups[1].Value, instance, task));
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
            if (operation.BodyType is { } type)
                request.Content = new StringContent(type.Contains("json", StringComparison.Ordinal) ? "{}" : "", Encoding.UTF8, type);
            using var response = await admin.Client.SendAsync(request);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Statuses.Contains(status) || status == "500")
                undeclared.Add($"{operation.Method} {path}: {status} not in [{string.Join(", ", operation.Statuses)}] {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(operations.Count > 40, $"only {operations.Count} operations documented");
        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));
    }

    [DatabaseFact]
    public async Task SuccessCodesAndSchemas_AreTheRealOnes()
    {
        var document = await (await world.SessionAsync(Admin)).GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");
        JsonElement Responses(string path, string method) => document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        var start = Responses("/api/v1/instances", "post");
        var complete = Responses("/api/v1/tasks/{id}/complete", "post");

        Assert.True(start.TryGetProperty("201", out var created));
        Assert.False(start.TryGetProperty("200", out _));
        Assert.True(created.GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        Assert.True(complete.TryGetProperty("204", out _));
        Assert.True(complete.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [DatabaseFact]
    public async Task EveryOperation_DeclaresTheDatabaseOutage()
    {
        using var anonymous = world.Factory.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/openapi.json", UriKind.Relative));
        var operations = (from path in document.GetProperty("paths").EnumerateObject()
                          from operation in path.Value.EnumerateObject()
                          select (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Responses: operation.Value.GetProperty("responses"))).ToList();

        var without = operations.Where(o => !o.Responses.TryGetProperty("503", out var outage)
            || !outage.GetProperty("content").TryGetProperty("application/problem+json", out _)).Select(o => o.Name).ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} operations documented");
        Assert.True(without.Count == 0, "no 503 problem+json: " + string.Join(", ", without));
    }

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        using var anonymous = world.Factory.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/openapi.json", UriKind.Relative));
        return [.. from path in document.GetProperty("paths").EnumerateObject()
                   from operation in path.Value.EnumerateObject()
                   let body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                       ? requestBody.GetProperty("content").EnumerateObject().First().Name : null
                   select new Operation(operation.Name.ToUpperInvariant(), path.Name,
                       operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet(), body)];
    }

    /// <summary>A value of the seeded world for a path parameter, by its name and the resource it identifies.</summary>
    private string Value(string path, string name, long instance, long task)
    {
        var resource = path[..path.IndexOf($"/{{{name}}}", StringComparison.Ordinal)].Split('/')[^1];
        return name switch
        {
            "key" => world.ProcessKey,
            "role" => "supervisor",
            "userId" => FinChief,
            "superiorId" => "gd",
            "subordinateId" => "gd-edu",
            _ => resource switch
            {
                "tasks" => task.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "instances" => instance.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "agencies" => "gd-edu",
                "departments" => "gd-fin-budget",
                "users" => FinClerk,
                _ => "1",
            },
        };
    }

    /// <summary>A route pattern as the document writes it: no constraints, no trailing slash.</summary>
    private static string Normalise(string pattern) => Constraint().Replace(pattern, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}

public sealed class SqliteOpenApiDocumentTests(SecurityWorld<SqliteTestDatabase> world) : OpenApiDocumentTests<SqliteTestDatabase>(world);

public sealed class PostgresOpenApiDocumentTests(SecurityWorld<PostgresTestDatabase> world) : OpenApiDocumentTests<PostgresTestDatabase>(world);
