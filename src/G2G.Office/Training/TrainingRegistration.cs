using G2G.Runtime.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Training;

/// <summary>The 培训报名 procedure's part of the office module.</summary>
internal static class TrainingRegistration
{
    public static IServiceCollection AddOfficeTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingService>();
        services.AddServiceTaskHandler<RegisterForTraining>("training.register");
        services.AddServiceTaskHandler<EnrolInTraining>("training.enrol");
        services.AddServiceTaskHandler<RejectTraining>("training.reject");
        services.AddInstanceEndedHandler<TrainingAborted>();
        return services;
    }
}
