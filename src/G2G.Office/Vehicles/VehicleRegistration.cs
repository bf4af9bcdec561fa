using G2G.Runtime.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Vehicles;

/// <summary>The 用车申请 procedure's part of the office module.</summary>
internal static class VehicleRegistration
{
    public static IServiceCollection AddOfficeVehicles(this IServiceCollection services)
    {
        services.AddScoped<MotorPoolService>();
        services.AddServiceTaskHandler<RequestTrip>("vehicle.request");
        services.AddServiceTaskHandler<AssignTrip>("vehicle.assign");
        services.AddServiceTaskHandler<ReturnTrip>("vehicle.return");
        services.AddServiceTaskHandler<ReleaseTrip>("vehicle.release");
        return services;
    }
}
