using G2G.Office.Persistence;
using G2G.Office.Training;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>The bureau of <see cref="BureauWorld"/> with one course of one seat (<see cref="Course"/>, starting
/// 1 February 2027) and one begun already, no registrations.</summary>
public sealed class TrainingWorld(TestDatabase database) : IScenarioWorld
{
    public const string Course = "PX-01", Begun = "PX-00";

    public BureauWorld Bureau { get; } = new(database, "tn", "培训测试局");

    public Task InitializeAsync() => Bureau.InitializeAsync(async s =>
    {
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.Set<TrainingRegistrationRecord>().ExecuteDeleteAsync();
        await office.Set<TrainingCourseRecord>().Where(c => c.AgencyId == "tn").ExecuteDeleteAsync();
        office.AddRange(
            new TrainingCourseRecord { AgencyId = "tn", Code = Course, Title = "公文写作培训班", StartsOn = new(2027, 2, 1), Capacity = 1 },
            new TrainingCourseRecord { AgencyId = "tn", Code = Begun, Title = "保密知识培训", StartsOn = new(2027, 1, 4), Capacity = 30 });
        await office.SaveChangesAsync();
    });

    /// <summary>填写报名表 for the course as <paramref name="user"/> (a clerk of 法规处).</summary>
    public async Task<long> RegisterAsync(string user, string course = Course)
    {
        var id = await Bureau.StartAsync("training", user);
        await Bureau.CompleteAsync(id, "apply", user, ("course", course), ("reason", "提升公文写作能力"));
        return id;
    }

    public Task ApproveAsync(long instance, string decision = "approve") =>
        Bureau.CompleteAsync(instance, "head", Bureau.Head, ("decision", decision));

    public Task<TrainingRegistrationRecord> RegistrationAsync(long instance) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<TrainingRegistrationRecord>().AsNoTracking()
            .SingleAsync(r => r.InstanceId == instance));

    public Task<TrainingCourseRecord> CourseAsync(string code = Course) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<TrainingCourseRecord>().AsNoTracking()
            .SingleAsync(c => c.AgencyId == "tn" && c.Code == code));

    public ValueTask DisposeAsync() => Bureau.DisposeAsync();
}
