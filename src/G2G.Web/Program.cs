using G2G.Documents;
using G2G.Office;
using G2G.Runtime;
using G2G.Web.Api;
using G2G.Runtime.Persistence;
using G2G.Web.Components;
using G2G.Web.Health;
using G2G.Web.Hosting;
using G2G.Web.Localization;
using G2G.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddG2GPersistence(builder.Configuration);
builder.Services.AddG2GRuntime(builder.Configuration);
builder.Services.AddG2GOffice(builder.Configuration);
builder.Services.AddG2GDocuments(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddG2GApi();
builder.Services.AddG2GSecurity(builder.Configuration, builder.Environment);
builder.Services.AddG2GHealth();
builder.Services.AddG2GLocalization();
builder.Services.AddG2GUi();

await using var app = builder.Build();

// Nothing is served on an old or unreachable database: migrate first, or report one line and exit non-zero. Nodes that
// start together take turns until their start-up writes are done (docs/operations.md, "Several nodes").
var startup = await app.TryMigrateDatabaseAsync();
if (startup is null)
{
    return 1;
}
if (AuditCommand.IsRequested(args) || CountsCommand.IsRequested(args))
{
    await startup.DisposeAsync();
    return AuditCommand.IsRequested(args) ? await AuditCommand.RunAsync(app, args) : await CountsCommand.RunAsync(app, args);
}
await app.LoadCalendarAsync();
await app.DeployWorkflowsAsync();
await app.SeedDemoOrganisationAsync();
await startup.DisposeAsync();

app.UseSecurityHeaders();
// The culture first: API problems written on the way out are in the request's language too.
app.UseG2GLocalization();
app.UseG2GApi();
app.UseG2GSecurity();
app.UseG2GUi();
app.MapG2GHealth();
app.MapG2GApi();
app.MapG2GUi();
app.LogListeningUrlsWhenStarted();

await app.RunAsync();
return 0;

/// <summary>The host's entry point; public so tests can name it in <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
