using System.Diagnostics;

namespace G2G.Benchmarks.Data;

/// <summary>The database the HTTP and render benchmarks measure on: fresh, with the inbox data set and its organisation, analysed.</summary>
internal static class VolumeDatabase
{
    /// <summary>Creates and fills it; every user's password is <paramref name="password"/>. <paramref name="tag"/> prefixes the progress lines.</summary>
    public static async Task<BenchDatabase> CreateAsync(string provider, string purpose, string workDirectory, InboxData data, string password, string tag)
    {
        var database = await BenchDatabase.CreateAsync(provider, purpose, workDirectory);
        Console.WriteLine($"[{tag}] {database.DisplayName}: loading {data.Rows.Length:N0} tasks, {data.Users:N0} users and their organisation");
        var began = Stopwatch.GetTimestamp();
        await data.LoadAsync(database);
        await new Organisation(data, Organisation.HashPassword(password)).LoadAsync(database);
        await database.ExecuteAsync("ANALYZE");
        Console.WriteLine($"  loaded and analysed in {Stopwatch.GetElapsedTime(began).TotalSeconds:0} s");
        return database;
    }
}
