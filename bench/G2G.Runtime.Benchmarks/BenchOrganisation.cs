using G2G.Benchmarks.Data;
using G2G.Runtime.Organisation.Import;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Benchmarks;

/// <summary>
/// With <c>--organisation</c>: the smallest organisation in which every assignment rule of approval-5 resolves as in a
/// real installation (initiator(), position('科长'), departmentHead(), position('办公室主任'), leader()): agency
/// <c>agency-1</c>, which the driver starts instances for, one department with its head, the holders of the two
/// positions, the agency's principal leader, and the initiators <c>user-0</c> … of the workers.
/// </summary>
internal static class BenchOrganisation
{
    public static async Task ImportAsync(RuntimeHost host, int initiators)
    {
        var users = Enumerable.Range(0, initiators)
            .Select(w => $$"""{ "id": "user-{{w}}", "name": "经办人{{w}}", "department": "bench-office", "positions": [ "科员" ] }""");
        var json = $$"""
            {
              "agencies": [ { "id": "agency-1", "name": "基准测试厅", "kind": "bureau" } ],
              "departments": [ { "id": "bench-office", "agency": "agency-1", "name": "综合处", "head": "bench.head" } ],
              "users": [
                { "id": "bench.head", "name": "处长", "department": "bench-office", "positions": [ "处长" ] },
                { "id": "bench.kezhang", "name": "科长", "department": "bench-office", "positions": [ "科长" ] },
                { "id": "bench.director", "name": "办公室主任", "department": "bench-office", "positions": [ "办公室主任" ] },
                { "id": "bench.leader", "name": "厅长", "agency": "agency-1", "positions": [ { "name": "主要领导", "unit": "agency-1" } ] },
                {{string.Join(",\n    ", users)}}
              ]
            }
            """;
        await using var scope = host.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<OrganisationImporter>().ImportAsync(json, ImportFormat.Json, "bench");
        if (!report.Succeeded)
            throw new InvalidOperationException("The benchmark's organisation was refused: " + string.Join("; ", report.Problems));
    }
}
