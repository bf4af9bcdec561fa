using System.Security.Cryptography;
using G2G.Office;
using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Office.Travel;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Hosting;

/// <summary>
/// On the first start against an empty organisation, imports the demo province (示范省, OrganisationSeed) so the
/// product can be tried at once, and prints the demo users and their password. <c>Demo:Seed</c> = false turns it
/// off (production); <c>Demo:Password</c> fixes the password (else a random one is generated and printed once).
/// </summary>
internal static class DemoSeed
{
    /// <summary>The demo's administrator (文电处处长) and supervisors (the province's and 东城市's principal leaders).</summary>
    private static readonly (string User, string Role)[] Roles =
        [("zhou.wen", SystemRoles.Administrator), ("wang.jianguo", SystemRoles.Supervisor), ("qian.dong", SystemRoles.Supervisor)];

    public static async Task SeedDemoOrganisationAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Demo:Seed", true))
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await services.GetRequiredService<G2GDbContext>().Set<AgencyRecord>().AnyAsync(app.Lifetime.ApplicationStopping))
            return;
        var password = app.Configuration["Demo:Password"] is { Length: > 0 } configured ? configured : NewPassword();
        var report = await services.GetRequiredService<OrganisationImporter>()
            .ImportAsync(OrganisationSeed.DemoProvince(password), ImportFormat.Json, "demo-seed", cancellationToken: app.Lifetime.ApplicationStopping);
        if (!report.Applied)
        {
            StartupLog.DemoSeedFailed(app.Logger, string.Join("; ", report.Problems.Select(p => p.ToString())));
            return;
        }
        var organisation = services.GetRequiredService<OrganisationService>();
        foreach (var (user, role) in Roles)
            await organisation.GrantRoleAsync(user, role, "demo-seed", app.Lifetime.ApplicationStopping);
        var users = await services.GetRequiredService<G2GDbContext>().Users.AsNoTracking().OrderBy(u => u.AgencyId).ThenBy(u => u.Id)
            .Select(u => new { u.Id, Line = $"{u.Id} {u.DisplayName} ({u.AgencyId}, {u.Clearance})" }).ToListAsync(app.Lifetime.ApplicationStopping);
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await OfficeDemoData.SeedAsync(services.GetRequiredService<OfficeDbContext>(), users.Select(u => u.Id), today, app.Lifetime.ApplicationStopping);
        var departments = await services.GetRequiredService<G2GDbContext>().Set<DepartmentRecord>().AsNoTracking()
            .Select(d => new { d.Id, d.AgencyId }).ToListAsync(app.Lifetime.ApplicationStopping);
        await BudgetDemoData.SeedAsync(services.GetRequiredService<OfficeDbContext>(), departments.Select(d => (d.Id, d.AgencyId)),
            today.Year, services.GetRequiredService<TimeProvider>().GetUtcNow(), app.Lifetime.ApplicationStopping);
        await TravelDemoData.SeedAsync(services.GetRequiredService<OfficeDbContext>(), services.GetRequiredService<TimeProvider>().GetUtcNow(),
            app.Lifetime.ApplicationStopping);
        var instances = await DemoWork.SeedAsync(services, app.Lifetime.ApplicationStopping);
        StartupLog.DemoWorkSeeded(app.Logger, instances);
        StartupLog.DemoSeeded(app.Logger, users.Count, password, string.Join(", ", Roles.Select(r => $"{r.User}: {r.Role}")), string.Join("; ", users.Select(u => u.Line)));
    }

    /// <summary>16 characters from an alphabet without look-alikes, with a digit, a capital and a symbol for the default policy.</summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12) + "-G2g" + RandomNumberGenerator.GetInt32(10);
}
