using G2G.Runtime.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Appraisal;

/// <summary>The 业绩评价 procedure's part of the office module.</summary>
internal static class AppraisalRegistration
{
    public static IServiceCollection AddOfficeAppraisal(this IServiceCollection services)
    {
        services.AddScoped<AppraisalService>();
        services.AddServiceTaskHandler<MeasureAppraisal>("appraisal.measure");
        services.AddServiceTaskHandler<RecordAppraisal>("appraisal.record");
        services.AddInstanceEndedHandler<AppraisalAborted>();
        return services;
    }
}
