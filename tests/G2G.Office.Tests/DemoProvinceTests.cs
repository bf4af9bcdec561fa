using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Assignment;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// The demo province (OrganisationSeed) against the shipped procedures: a principal leader's step that is overdue is
/// escalated (督办) to a position of the agency — the 办公室主任, in 司法档案调阅 the 档案室主任 — and in every agency the
/// procedure serves someone holds it, so the demo's overdue leader steps reach a person instead of becoming incidents.
/// </summary>
public abstract class DemoProvinceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
        var report = await _runtime.In(s => s.GetRequiredService<OrganisationImporter>()
            .ImportAsync(OrganisationSeed.DemoProvince(), ImportFormat.Json, "seed"));
        Assert.True(report.Applied, string.Join("\n", report.Problems));
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [DatabaseFact]
    public async Task EveryAgency_HasAHolderOfThePositionItsPrincipalLeadersStepsEscalateTo()
    {
        var escalations = ShippedEscalations.ToAgencyPositions().ToList();
        Assert.Contains(escalations, e => e.Position == "办公室主任" && e.Process == "leave");
        Assert.Contains(escalations, e => e.Position == "办公室主任" && e.Process == "document-issue");
        var agencies = JsonNode.Parse(OrganisationSeed.DemoProvince())!["agencies"]!.AsArray()
            .Select(a => (Id: a!["id"]!.GetValue<string>(), Judicial: a["kind"]!.GetValue<string>() == "other")).ToList();

        var nobody = new List<string>();
        foreach (var escalation in escalations)
        {
            // 司法档案调阅 runs between the courts and the procuratorate; every other procedure in any agency.
            foreach (var (agency, _) in agencies.Where(a => escalation.Category != "judicial" || a.Judicial))
            {
                var rule = new ResolvedAssignment("position", [Value.From(escalation.Position), Value.From(agency)]);
                try
                {
                    await _runtime.In(s => s.GetRequiredService<IAssignmentResolver>()
                        .ResolveAsync(rule, new AssignmentContext(0, escalation.Process, null, agency), default));
                }
                catch (AssignmentUnresolvedException unresolved)
                {
                    nobody.Add($"{escalation.Process}/{escalation.Step} in {agency}: {unresolved.Reason}");
                }
            }
        }

        Assert.Empty(nobody);
    }

    [DatabaseFact]
    public async Task TheProvincialGovernment_EscalatesToTheDirectorOfItsGeneralOffice_AndACountyToItsOfficesHead()
    {
        Assert.Equal("li.hua", await HolderAsync("办公室主任", "sf"));      // 省政府办公厅 follows up the governor's work
        Assert.Equal("qin.shu", await HolderAsync("办公室主任", "sf-office")); // in 办公厅 itself, its 秘书处
        Assert.Equal("xie.lin", await HolderAsync("办公室主任", "xs-ly"));
        Assert.Equal("zhong.zheng", await HolderAsync("办公室主任", "sf-court"));
    }

    private Task<string?> HolderAsync(string position, string agency) => _runtime.In(async s =>
        (await s.GetRequiredService<IAssignmentResolver>().ResolveAsync(
            new ResolvedAssignment("position", [Value.From(position), Value.From(agency)]),
            new AssignmentContext(0, "leave", null, agency), default)).Assignee);
}

public sealed class SqliteDemoProvinceTests(SqliteTestDatabase database) : DemoProvinceTests<SqliteTestDatabase>(database);

public sealed class PostgresDemoProvinceTests(PostgresTestDatabase database) : DemoProvinceTests<PostgresTestDatabase>(database);

/// <summary>The escalations (g2g:escalateTo) of the shipped procedures, read from their diagrams.</summary>
internal static partial class ShippedEscalations
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace G2g = "urn:g2g:bpmn:1.0";

    /// <summary>Every user task of the shipped procedures whose escalation is <c>position('…', &lt;an agency&gt;)</c>: the principal leaders' steps.</summary>
    public static IEnumerable<(string Process, string Step, string Category, string Position)> ToAgencyPositions()
    {
        var files = new[] { "workflows", "escalations" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.bpmn", SearchOption.AllDirectories));
        foreach (var file in files)
        {
            var definitions = XDocument.Load(file).Root!;
            var category = ((string)definitions.Attribute("targetNamespace")!).Split(':')[^1];
            foreach (var process in definitions.Elements(Bpmn + "process"))
            {
                foreach (var task in process.Descendants(Bpmn + "userTask"))
                {
                    if ((string?)task.Attribute(G2g + "escalateTo") is { } rule && AgencyPosition().Match(rule) is { Success: true } position)
                        yield return ((string)process.Attribute("id")!, (string)task.Attribute("id")!, category, position.Groups[1].Value);
                }
            }
        }
    }

    [GeneratedRegex(@"^position\('([^']+)',\s*\w+(\.agency)?\)$")]
    private static partial Regex AgencyPosition();
}
