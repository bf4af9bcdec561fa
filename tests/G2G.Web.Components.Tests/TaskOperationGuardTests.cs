using Bunit;
using G2G.Runtime;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace G2G.Web.Components.Tests;

/// <summary>
/// One operation at a time on the task page: a double click reaches the server twice before the page can show its
/// buttons disabled, and the second click must neither ask again nor do the work twice. The runtime runs on a SQLite file
/// with a one-step procedure whose step is 吴芳's.
/// </summary>
public sealed class TaskOperationGuardTests : WorkContext, IAsyncLifetime
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
          <bpmn:process id="double-click" name="报送 Report" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="report" />
            <bpmn:userTask id="report" name="报送材料 Report" g2g:assignee="user('wu.fang')" />
            <bpmn:sequenceFlow id="f2" sourceRef="report" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), "g2g-tests", $"{Guid.NewGuid():N}.db");

    public TaskOperationGuardTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:EventLog:Keys:1"] = Convert.ToBase64String(new byte[32]) })
            .Build();
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _file }.ToString());
        Context.Services.AddG2GRuntime(configuration);
        Context.Services.AddScoped<OrganisationQueries>(); // the real directory instead of WorkContext's placeholder
        Context.Services.AddSingleton(settings);
        Context.Services.AddDbContext<G2GDbContext>(settings.Configure);
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task ADoubleClickOnSubmit_AsksOnce_WithTheButtonsDisabled_AndCompletesTheTaskOnce()
    {
        var (instance, task) = await StartAsync();
        Services.GetRequiredService<CallerContext>().Current = WuFang();
        var page = Context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<TaskWork>(2);
            builder.AddComponentParameter(3, nameof(TaskWork.TaskId), task);
            builder.CloseComponent();
        });
        page.WaitForElement("[data-operation=submit]", TimeSpan.FromSeconds(30));
        var bar = page.FindComponent<OperationBar>().Instance;
        var submit = new OperationRequest(TaskOperation.Submit, null);

        // Both clicks reach the server before the page shows the buttons disabled.
        await Context.Renderer.Dispatcher.InvokeAsync(() =>
        {
            _ = bar.Chosen.InvokeAsync(submit);
            _ = bar.Chosen.InvokeAsync(submit);
        });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-confirm]")), TimeSpan.FromSeconds(30));
        Assert.All(page.FindAll("[data-operation]"), button => Assert.True(button.HasAttribute("disabled")));
        page.Find("[data-confirm]").Click();
        page.WaitForElement("[data-done]", TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-confirm]"));
        await using var scope = Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<RuntimeQueries>().AuditAsync(instance);
        Assert.Single(audit, record => record.Action == "task.completed");
    }

    private static Caller WuFang(params string[] roles) =>
        new("wu.fang", "sf-fin", "sf-fin-ysc-1", ClearanceLevel.Internal, [], roles, ["sf-fin"]);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(file);
    }

    /// <summary>Migrates the database, deploys the procedure and starts it for 吴芳; returns the instance and its task.</summary>
    private async Task<(long Instance, long Task)> StartAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        await Services.MigrateG2GDatabaseAsync();
        await using var scope = Services.CreateAsyncScope();
        var setup = scope.ServiceProvider;
        setup.GetRequiredService<CallerContext>().Current = WuFang(SystemRoles.Administrator); // who may also deploy
        await setup.GetRequiredService<DeploymentService>().DeployAsync(Process, "double-click.bpmn");
        var instance = await setup.GetRequiredService<InstanceService>().StartAsync(new StartInstance("double-click", Title: "报送测试"));
        var task = await setup.GetRequiredService<G2GDbContext>().Set<TaskRecord>().SingleAsync(t => t.InstanceId == instance);
        return (instance, task.Id);
    }
}
