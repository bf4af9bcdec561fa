using G2G.Runtime.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Travel;

/// <summary>The 出差申请 and 差旅报销 procedures' part of the office module.</summary>
internal static class TravelRegistration
{
    public static IServiceCollection AddOfficeTravel(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TravelOptions>(configuration.GetSection(TravelOptions.Section));
        services.AddScoped<TravelService>();
        services.AddServiceTaskHandler<SubmitTravel>("travel.submit");
        services.AddServiceTaskHandler<ApproveTravel>("travel.approve");
        services.AddServiceTaskHandler<ReleaseTravel>("travel.release");
        services.AddServiceTaskHandler<SettleTravel>("travel.settle");
        services.AddServiceTaskHandler<SubmitClaim>("reimbursement.claim");
        services.AddServiceTaskHandler<RejectClaim>("reimbursement.reject");
        services.AddServiceTaskHandler<PayClaim>("reimbursement.pay");
        services.AddInstanceEndedHandler<TravelCancelled>();
        return services;
    }
}
