using G2G.Office.Appraisal;
using G2G.Office.Budget;
using G2G.Office.Leave;
using G2G.Office.Meetings;
using G2G.Office.Purchase;
using G2G.Office.Persistence;
using G2G.Office.Records;
using G2G.Office.Regulations;
using G2G.Office.Supplies;
using G2G.Office.Training;
using G2G.Office.Travel;
using G2G.Office.Vehicles;
using G2G.Runtime.Handlers;
using G2G.Runtime.Persistence;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office;

/// <summary>Registers the office module: its tables, services and the handlers its procedures call.</summary>
public static class OfficeServiceCollectionExtensions
{
    public static IServiceCollection AddG2GOffice(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<LeaveOptions>(configuration.GetSection(LeaveOptions.Section));
        services.AddDbContext<OfficeDbContext>((provider, options) =>
            OfficeDbContext.Configure(options, provider.GetRequiredService<DatabaseSettings>()));
        services.AddScoped<LeaveService>();
        services.AddServiceTaskHandler<ReserveLeave>("leave.reserve");
        services.AddServiceTaskHandler<ApproveLeave>("leave.approve");
        services.AddServiceTaskHandler<ReleaseLeave>("leave.release");
        services.AddServiceTaskHandler<DelegateDuringLeave>("leave.delegate");
        services.AddServiceTaskHandler<ReportBack>("leave.report-back");
        services.AddInstanceEndedHandler<LeaveAborted>();
        services.AddScoped<RecordsService>();
        services.AddServiceTaskHandler<SubmitRecordsRequest>("records.submit");
        services.AddServiceTaskHandler<GrantRecordsAccess>("records.grant");
        services.AddServiceTaskHandler<RejectRecordsRequest>("records.reject");
        services.AddServiceTaskHandler<ExpireRecordsAccess>("records.expire");
        services.AddScoped<RegulationLibrary>();
        services.AddServiceTaskHandler<CheckRegulation>("regulation.check");
        services.AddServiceTaskHandler<PublishRegulation>("regulation.publish");
        services.AddScoped<BudgetService>();
        services.Configure<PurchaseOptions>(configuration.GetSection(PurchaseOptions.Section));
        services.AddServiceTaskHandler<ReservePurchase>("purchase.reserve");
        services.AddServiceTaskHandler<ReleasePurchase>("purchase.release");
        services.AddServiceTaskHandler<RecordContract>("purchase.contract");
        services.AddServiceTaskHandler<AcceptPurchase>("purchase.accept");
        services.AddServiceTaskHandler<PayPurchase>("purchase.pay");
        services.AddInstanceEndedHandler<ReleaseBudgetWhenAborted>();
        services.AddInstanceEndedHandler<PurchaseCancelled>();
        services.AddOfficeVehicles();
        services.AddOfficeSupplies();
        services.AddOfficeTravel(configuration);
        services.AddOfficeMeetings();
        services.AddOfficeTraining();
        services.AddOfficeAppraisal();
        return services;
    }

    /// <summary>Brings the office tables to the current schema (after the runtime's migrations).</summary>
    /// <exception cref="DatabaseStartupException">The database cannot be migrated; the message is fit for an operator.</exception>
    public static async Task MigrateG2GOfficeAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<OfficeDbContext>().Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            throw new DatabaseStartupException($"Cannot migrate the office module's tables: {ex.Message}", ex);
        }
    }
}
