using System.Text.RegularExpressions;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace G2G.Runtime.Tests.Schema;

/// <summary>Compares two schema descriptions and fails with the facts that differ.</summary>
public static class SchemaAssert
{
    /// <summary>
    /// Fails unless the tables of a business module (names starting with <paramref name="prefix"/>: <c>office_</c>,
    /// <c>doc_</c>) in the migrated database are exactly what the module's context describes; gives the model's facts.
    /// </summary>
    public static async Task<IReadOnlySet<string>> ModuleTablesMatchAsync(DbContext context, TestDatabase database, string prefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(database);
        var expected = SchemaDescription.FromModel(context.GetService<IDesignTimeModel>().Model.GetRelationalModel(), database);
        var ofModule = new Regex($"^(table|column|primary key|unique index|index|foreign key) {Regex.Escape(prefix)}");
        var actual = (await database.ReadCatalogAsync()).Where(fact => ofModule.IsMatch(fact)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(expected, fact => fact.StartsWith("table " + prefix, StringComparison.Ordinal));
        Same(expected, actual);
        return expected;
    }

    /// <summary>Fails unless the database has exactly the facts the model expects.</summary>
    public static void Same(IReadOnlySet<string> expectedFromModel, IReadOnlySet<string> actualInDatabase)
    {
        var missing = expectedFromModel.Except(actualInDatabase).Order(StringComparer.Ordinal).ToList();
        var unexpected = actualInDatabase.Except(expectedFromModel).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return;
        }

        Assert.Fail(
            "The migrated database does not match the EF model." +
            Section("In the model but not in the database (a migration is missing or wrong):", missing) +
            Section("In the database but not in the model:", unexpected));
    }

    private static string Section(string title, List<string> facts) =>
        facts.Count == 0 ? "" : $"{Environment.NewLine}{title}{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", facts)}";
}
