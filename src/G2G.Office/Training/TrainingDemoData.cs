using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Training;

/// <summary>The training courses of the demo province, starting a few weeks after seeding.</summary>
internal static class TrainingDemoData
{
    private static readonly (string Agency, string Code, string Title, int WeeksAhead, int Capacity)[] Courses =
    [
        ("sf-fin", "PX-01", "预算绩效管理专题培训班", 3, 2), ("sf-fin", "PX-02", "政府采购法规培训", 6, 30),
        ("sf-edu", "PX-01", "公文写作与处理培训班", 4, 25),
    ];

    /// <summary>Adds the courses; does nothing when any course exists already.</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office, DateOnly today, CancellationToken cancellationToken)
    {
        if (await office.Set<TrainingCourseRecord>().AnyAsync(cancellationToken).ConfigureAwait(false))
            return 0;
        foreach (var c in Courses)
            office.Add(new TrainingCourseRecord { AgencyId = c.Agency, Code = c.Code, Title = c.Title,
                StartsOn = today.AddDays(7 * c.WeeksAhead), Capacity = c.Capacity });
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Courses.Length;
    }
}
