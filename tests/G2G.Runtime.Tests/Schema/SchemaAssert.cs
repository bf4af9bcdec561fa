namespace G2G.Runtime.Tests.Schema;

/// <summary>Compares two schema descriptions and fails with the facts that differ.</summary>
public static class SchemaAssert
{
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
