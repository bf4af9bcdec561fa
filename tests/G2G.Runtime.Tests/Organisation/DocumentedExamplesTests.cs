using System.Text.RegularExpressions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>The import examples in docs/organisation.md are real files: each imports without a problem into an empty organisation.</summary>
public abstract partial class DocumentedExamplesTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [GeneratedRegex("```(json|csv)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private static string Example(string language)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "G2G.sln")))
            directory = directory.Parent;
        Assert.NotNull(directory);
        var text = File.ReadAllText(Path.Combine(directory.FullName, "docs", "organisation.md"));
        return CodeBlock().Matches(text).Single(m => m.Groups[1].Value == language).Groups[2].Value;
    }

    [DatabaseFact]
    public async Task TheJsonAndCsvExamples_Import()
    {
        var json = await _runtime.In(s => s.GetRequiredService<OrganisationImporter>().DryRunAsync(Example("json"), ImportFormat.Json, "docs"));
        var csv = await _runtime.In(s => s.GetRequiredService<OrganisationImporter>().ImportAsync(Example("csv"), ImportFormat.Csv, "docs"));

        Assert.True(json.Succeeded, string.Join("\n", json.Problems));
        Assert.Equal(4 + 1 + 2 + 3 + 3 + 1 + 1 + 1, json.Created);
        Assert.True(csv.Applied, string.Join("\n", csv.Problems));
        Assert.Equal(json.Created, csv.Created);
        var relation = await _runtime.In(s => s.GetRequiredService<OrganisationService>().RelationAsync("sf-fin", "dc-fin"));
        Assert.Equal((AgencyRelationKind.Guidance, "sf-fin"), (relation.Kind, relation.SuperiorId));
    }
}

public sealed class SqliteDocumentedExamplesTests(SqliteTestDatabase database) : DocumentedExamplesTests<SqliteTestDatabase>(database);

public sealed class PostgresDocumentedExamplesTests(PostgresTestDatabase database) : DocumentedExamplesTests<PostgresTestDatabase>(database);
