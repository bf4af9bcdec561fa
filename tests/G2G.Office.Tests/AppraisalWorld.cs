using G2G.Office.Appraisal;
using G2G.Office.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>The bureau of <see cref="BureauWorld"/> without appraisals; the clock on 4 January 2027, so an appraisal
/// started now is of 2026.</summary>
public sealed class AppraisalWorld(TestDatabase database) : IScenarioWorld
{
    public BureauWorld Bureau { get; } = new(database, "ap", "考核测试局");

    public Task InitializeAsync() => Bureau.InitializeAsync(s =>
        s.GetRequiredService<OfficeDbContext>().Set<AppraisalRecord>().ExecuteDeleteAsync());

    /// <summary>Starts <paramref name="user"/>'s appraisal and writes their 个人总结.</summary>
    public async Task<long> StartAsync(string user, string selfGrade = AppraisalGrades.Competent)
    {
        var id = await Bureau.StartAsync("appraisal", user);
        await Bureau.CompleteAsync(id, "self", user, ("summary", "全年按时办结各类事项，认真履行岗位职责。"), ("selfGrade", selfGrade));
        return id;
    }

    public Task ReviewAsync(long instance, string grade = AppraisalGrades.Competent) =>
        Bureau.CompleteAsync(instance, "head", Bureau.Head, ("proposedGrade", grade));

    public Task DecideAsync(long instance, string grade = AppraisalGrades.Competent) =>
        Bureau.CompleteAsync(instance, "leader", Bureau.Leader, ("grade", grade));

    public Task<AppraisalRecord> AppraisalAsync(long instance) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<AppraisalRecord>().AsNoTracking().SingleAsync(a => a.InstanceId == instance));

    public ValueTask DisposeAsync() => Bureau.DisposeAsync();
}
