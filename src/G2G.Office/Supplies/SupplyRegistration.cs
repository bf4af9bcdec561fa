using G2G.Runtime.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Supplies;

/// <summary>The 办公用品领用 procedure's part of the office module.</summary>
internal static class SupplyRegistration
{
    public static IServiceCollection AddOfficeSupplies(this IServiceCollection services)
    {
        services.AddScoped<SupplyService>();
        services.AddServiceTaskHandler<ReserveSupplies>("supplies.reserve");
        services.AddServiceTaskHandler<ReleaseSupplies>("supplies.release");
        services.AddServiceTaskHandler<IssueSupplies>("supplies.issue");
        services.AddInstanceEndedHandler<SuppliesAborted>();
        return services;
    }
}
