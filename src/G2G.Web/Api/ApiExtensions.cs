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
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblems>();
        services.Configure<JsonOptions>(options =>
        {
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

    public static WebApplication UseG2GApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapG2GApi(this WebApplication app)
    {
        app.MapOpenApi($"{Prefix}/openapi.json").AllowAnonymous();
        app.MapSessionApi();
        app.MapAccountEndpoints();
        var api = app.MapGroup(Prefix).RequireAuthorization();
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
        return app;
    }
}
