using System.Text.Json.Serialization;
using G2G.Engine.Expressions;
using G2G.Web.Security;
using Microsoft.AspNetCore.Http.Json;

namespace G2G.Web.Api;

/// <summary>Composition of the REST API under /api/v1 (docs/api.md).</summary>
internal static class ApiExtensions
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddG2GApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiStatusProblems.Complete);
        services.AddExceptionHandler<ApiProblems>();
        // Binding failures throw, so ApiProblems answers them with the field instead of a bare 400 or 415.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOptions<ApiLimits>().BindConfiguration(ApiLimits.Section);
        services.Configure<JsonOptions>(options =>
        {
            // A field the request does not have is refused (400 validation naming it), not silently dropped: a
            // misspelt "comment" or a field of another endpoint would otherwise look accepted.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new ValueJsonConverter());
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "G2G API";
            document.Info.Description = "Definitions, instances, tasks and their operations, the organisation, notifications. Errors are problem+json with a stable 'code'.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Whether a path belongs to the API: its answers are problem+json, never a page.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseG2GApi(this WebApplication app)
    {
        app.UseWhen(http => IsApi(http.Request.Path), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
            api.UseMiddleware<ApiUnmatchedPaths>();
            api.UseMiddleware<ApiRequestGuard>();
        });
        return app;
    }

    public static WebApplication MapG2GApi(this WebApplication app)
    {
        app.MapOpenApi($"{Prefix}/openapi.json").AllowAnonymous();
        app.MapSessionApi();
        app.MapAccountEndpoints();
        var api = app.MapGroup(Prefix).RequireAuthorization().AddEndpointFilterFactory(RequestChecks.Filter);
        ((IEndpointConventionBuilder)api).Finally(ApiDeclarations.AddSharedProblems);
        api.MapDefinitionsApi();
        api.MapInstancesApi();
        api.MapTasksApi();
        api.MapInboxApi();
        api.MapSupervisionApi();
        api.MapAdministrationApi();
        api.MapOrganisationApi();
        api.MapNotificationsApi();
        api.MapCalendarApi();
        api.MapOfficeApi();
        api.MapFormsApi();
        api.MapRecordsApi();
        api.MapRegulationsApi();
        api.MapBudgetApi();
        api.MapVehicleApi();
        api.MapSuppliesApi();
        api.MapTravelApi();
        api.MapDocumentsApi();
        api.MapMeetingApi();
        api.MapTrainingApi();
        api.MapAppraisalApi();
        return app;
    }
}
