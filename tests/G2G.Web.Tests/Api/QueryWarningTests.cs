using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Organisation;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Tests.Api;

/// <summary>
/// The queries of a working day (deploy, start, complete, inbox, lists) raise none of EF Core's query warnings that
/// point at a real problem, such as "First without OrderBy and filter" (10103), whose row would be any row.
/// </summary>
public abstract class QueryWarningTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const string Token = "query-warnings";

    [DatabaseFact]
    public async Task AWorkingDay_LogsNoFirstWithoutOrderByWarning()
    {
        var warnings = new ConcurrentQueue<string>();
        await using var factory = new WarningFactory(database, warnings);
        using var client = factory.CreateClient().WithToken(Token);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // With an organisation, starts and task commands read its stamp and resolve through it.
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateAgencyAsync(new NewAgency($"q{Guid.NewGuid():N}"[..10], "测试厅"), "setup");
        }
        var key = $"p{Guid.NewGuid():N}";
        using (var bpmn = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a" />
                <bpmn:userTask id="a" g2g:assignee="initiator()" /><bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
                <bpmn:userTask id="b" g2g:assignee="initiator()" /><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, Encoding.UTF8, "application/xml"))
        using (var deployed = await client.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), bpmn))
            await deployed.IsAsync(HttpStatusCode.OK);
        using var started = await client.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key, title = "请示" });
        var instance = (await started.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        for (var step = 0; step < 2; step++)
        {
            var tasks = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/instances/{instance}/tasks", UriKind.Relative));
            var open = tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("state").GetString() == "open");
            using var done = await client.PostAsJsonAsync(new Uri($"/api/v1/tasks/{open.GetProperty("id").GetInt64()}/complete", UriKind.Relative), new { });
            await done.IsAsync(HttpStatusCode.NoContent);
        }
        foreach (var path in new[] { "/api/v1/tasks", "/api/v1/definitions", "/api/v1/organisation/agencies", $"/api/v1/instances/{instance}/history" })
            (await client.GetAsync(new Uri(path, UriKind.Relative))).Dispose();

        Assert.Empty(warnings);
    }

    private sealed class WarningFactory(TestDatabase database, ConcurrentQueue<string> warnings)
        : G2GWebFactory(database, new Dictionary<string, string?> { ["Api:Tokens:tester"] = Token, ["Runtime:Jobs:Enabled"] = "false" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(warnings)));
        }
    }

    private sealed class Capture(ConcurrentQueue<string> warnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == CoreEventId.FirstWithoutOrderByAndFilterWarning.Id)
                warnings.Enqueue(formatter(state, exception));
        }

        public void Dispose()
        {
        }
    }
}

public sealed class SqliteQueryWarningTests(SqliteTestDatabase database) : QueryWarningTests<SqliteTestDatabase>(database);

public sealed class PostgresQueryWarningTests(PostgresTestDatabase database) : QueryWarningTests<PostgresTestDatabase>(database);
